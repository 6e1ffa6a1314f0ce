import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Locale } from '@tc/shared/contracts';
import { IsolatedPipe, TextDirDirective, dirOf } from './text-dir.directive';

@Component({
  imports: [TextDirDirective],
  template: `
    <div dir="rtl">
      <span class="auto" tcText>Arbitrages.</span>
      <span class="known" [tcText]="locale()">{{ text() }}</span>
    </div>
  `,
})
class HostComponent {
  readonly locale = signal<Locale | ''>('fr');
  readonly text = signal('Arbitrages.');
}

describe('TextDirDirective', () => {
  it('maps Arabic to right-to-left, other locales to left-to-right', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('fr')).toBe('ltr');
    expect(dirOf('en')).toBe('ltr');
  });

  it('lets the browser pick the direction of a text whose language is unknown, isolated', () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const el = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.auto');
    expect(el?.getAttribute('dir')).toBe('auto');
    expect(el?.hasAttribute('lang')).toBe(false);
    expect(el?.style.unicodeBidi).toBe('isolate');
  });

  it('sets lang and dir exactly when the text language is known, and follows it', () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const el = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.known');
    expect(el?.getAttribute('dir')).toBe('ltr');
    expect(el?.getAttribute('lang')).toBe('fr');

    fixture.componentInstance.locale.set('ar');
    fixture.detectChanges();
    expect(el?.getAttribute('dir')).toBe('rtl');
    expect(el?.getAttribute('lang')).toBe('ar');

    fixture.componentInstance.locale.set('');
    fixture.detectChanges();
    expect(el?.getAttribute('dir')).toBe('auto');
    expect(el?.hasAttribute('lang')).toBe(false);
  });
});

describe('IsolatedPipe', () => {
  it('wraps a text in first-strong and pop directional isolates, and nothing around nothing', () => {
    const pipe = new IsolatedPipe();
    expect(pipe.transform('Arbitrages.')).toBe('\u2068Arbitrages.\u2069');
    expect(pipe.transform('')).toBe('');
    expect(pipe.transform(null)).toBe('');
  });
});
