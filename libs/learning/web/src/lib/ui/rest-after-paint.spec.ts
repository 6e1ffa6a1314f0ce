import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { restAfterPaint } from './rest-after-paint';

@Component({
  selector: 'tc-test-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>{{ ready() ?? 'loading' }}</h1>
    @if (rest()) {
      <p>rest</p>
    }`,
})
class HostComponent {
  readonly ready = signal<string | null>(null);
  readonly rest = restAfterPaint(() => this.ready());
}

describe('restAfterPaint', () => {
  it('renders the rest only once the top is known and rendered, and the app waits for it', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('p')).toBeNull();

    fixture.componentInstance.ready.set('Course');
    fixture.detectChanges();
    // The top is rendered first, the rest in a later task.
    expect(host.querySelector('h1')?.textContent).toBe('Course');
    expect(host.querySelector('p')).toBeNull();
    await fixture.whenStable();
    expect(host.querySelector('p')?.textContent).toBe('rest');

    // For good: the top changing again does not hide the rest.
    fixture.componentInstance.ready.set(null);
    await fixture.whenStable();
    expect(host.querySelector('p')?.textContent).toBe('rest');
  });
});
