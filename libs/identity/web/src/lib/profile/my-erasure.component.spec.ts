import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { ERASURE_API, MyErasureComponent } from './my-erasure.component';

const en = {
  profile: {
    erasure: {
      title: 'Erase my data',
      intro: 'What goes and what stays.',
      understand: 'I understand',
      ask: 'Ask to be erased',
      asked: 'Asked on {{ date }}',
    },
  },
};

function setup() {
  TestBed.configureTestingModule({
    imports: [
      MyErasureComponent,
      TranslocoTestingModule.forRoot({
        langs: { en },
        translocoConfig: {
          availableLangs: ['en'],
          defaultLang: 'en',
          missingHandler: { logMissingKey: false },
        },
      }),
    ],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: LanguageService, useValue: { lang: signal('en'), use: () => undefined } },
    ],
  });
  const fixture = TestBed.createComponent(MyErasureComponent);
  return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
}

describe('MyErasureComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks only once the box is ticked, then says when it was asked', () => {
    const { fixture, http, el } = setup();
    http.expectOne(ERASURE_API).flush({ request: null });
    fixture.detectChanges();
    const button = el.querySelector('button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    (el.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    fixture.detectChanges();
    expect(button.disabled).toBe(false);
    button.click();
    const post = http.expectOne((r) => r.url === ERASURE_API && r.method === 'POST');
    expect(post.request.body).toEqual({ confirm: 'erase' });
    post.flush({ requestedAt: '2026-12-07T09:00:00.000Z', erasedAt: null });
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Asked on');
    expect(el.querySelector('button')).toBeNull();
  });

  it('shows a request made before, and no button', () => {
    const { fixture, http, el } = setup();
    http
      .expectOne(ERASURE_API)
      .flush({ request: { requestedAt: '2026-12-01T09:00:00.000Z', erasedAt: null } });
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Asked on');
    expect(el.querySelector('button')).toBeNull();
  });
});
