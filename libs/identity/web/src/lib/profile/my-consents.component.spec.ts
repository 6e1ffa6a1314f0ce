import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ConsentRecord, MyConsents } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { of } from 'rxjs';
import { CONSENTS_API, MyConsentsComponent } from './my-consents.component';

const en = {
  consents: { purposes: { demographics: 'Demographics', push: 'Push', digest: 'Digest' } },
  profile: {
    consents: {
      title: 'My consents',
      intro: 'What you agreed to.',
      given: 'Given on {{ date }}',
      withdrawnOn: 'Withdrawn on {{ date }}',
      never: 'Not given',
      wordingShown: 'Words shown (version {{ version }}):',
      withdraw: 'Withdraw',
      withdrawn: 'Consent withdrawn.',
      history: 'History',
      historyGiven: '{{ date }} — {{ purpose }}: given',
      historyWithdrawn: '{{ date }} — {{ purpose }}: withdrawn',
    },
  },
};

const record = (over: Partial<ConsentRecord>): ConsentRecord => ({
  purpose: 'demographics',
  given: true,
  wordingKey: 'consents.wording.demographics',
  wordingVersion: 1,
  wordingText: 'أوافق على تسجيل جنسي وسنة ميلادي',
  language: 'ar',
  recordedAt: '2026-12-01T09:00:00.000Z',
  ...over,
});

const given: MyConsents = {
  current: [
    { purpose: 'demographics', given: true, latest: record({}) },
    { purpose: 'push', given: false, latest: null },
    {
      purpose: 'digest',
      given: false,
      latest: record({
        purpose: 'digest',
        given: false,
        wordingText: 'I agree to a daily summary.',
        language: 'en',
      }),
    },
  ],
  history: [record({ purpose: 'digest', given: false, language: 'en' }), record({})],
};

function setup(answer: boolean) {
  const open = jest.fn(() => ({ afterClosed: () => of(answer) }));
  TestBed.configureTestingModule({
    imports: [
      MyConsentsComponent,
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
      { provide: MatDialog, useValue: { open } },
    ],
  });
  const fixture = TestBed.createComponent(MyConsentsComponent);
  return {
    fixture,
    open,
    http: TestBed.inject(HttpTestingController),
    el: fixture.nativeElement as HTMLElement,
  };
}

const item = (el: HTMLElement, purpose: string) =>
  el.querySelector(`[data-purpose="${purpose}"]`) as HTMLElement;

describe('MyConsentsComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists each purpose with its date and the words shown, in their language and direction', () => {
    const { fixture, http, el } = setup(false);
    http.expectOne(CONSENTS_API).flush(given);
    fixture.detectChanges();
    const demographics = item(el, 'demographics');
    expect(demographics.textContent).toContain('Given on');
    expect(demographics.textContent).toContain('version 1');
    const quote = demographics.querySelector('blockquote') as HTMLElement;
    expect(quote.textContent?.trim()).toBe('أوافق على تسجيل جنسي وسنة ميلادي');
    expect(quote.getAttribute('lang')).toBe('ar');
    expect(quote.getAttribute('dir')).toBe('rtl');
    expect(demographics.querySelector('button')?.textContent).toContain('Withdraw');
    expect(item(el, 'push').textContent).toContain('Not given');
    expect(item(el, 'push').querySelector('button')).toBeNull();
    expect(item(el, 'digest').textContent).toContain('Withdrawn on');
    expect(item(el, 'digest').querySelector('blockquote')?.getAttribute('dir')).toBe('ltr');
    expect(el.querySelectorAll('details li')).toHaveLength(2);
  });

  it('withdraws only once the dialog confirms, then shows the new state and tells the page', () => {
    const { fixture, http, el, open } = setup(true);
    const changed: string[] = [];
    fixture.componentInstance.changed.subscribe((p) => changed.push(p));
    http.expectOne(CONSENTS_API).flush(given);
    fixture.detectChanges();
    (item(el, 'demographics').querySelector('button') as HTMLButtonElement).click();
    expect(open).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ data: 'demographics' }));
    const del = http.expectOne((r) => r.url === `${CONSENTS_API}/demographics` && r.method === 'DELETE');
    del.flush({
      ...given,
      current: [
        { purpose: 'demographics', given: false, latest: record({ given: false }) },
        ...given.current.slice(1),
      ],
    });
    fixture.detectChanges();
    expect(item(el, 'demographics').textContent).toContain('Withdrawn on');
    expect(item(el, 'demographics').querySelector('button')).toBeNull();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Consent withdrawn.');
    expect(changed).toEqual(['demographics']);
  });

  it('withdraws nothing when the dialog is cancelled', () => {
    const { fixture, http, el } = setup(false);
    http.expectOne(CONSENTS_API).flush(given);
    fixture.detectChanges();
    (item(el, 'demographics').querySelector('button') as HTMLButtonElement).click();
    http.expectNone((r) => r.method === 'DELETE');
    expect(item(el, 'demographics').textContent).toContain('Given on');
  });
});
