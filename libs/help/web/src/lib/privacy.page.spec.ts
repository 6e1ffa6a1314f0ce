import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PrivacyInfo, Role } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { HELP_READER } from './help-reader';
import { PRIVACY_API } from './privacy-notice.service';
import { PrivacyPage } from './privacy.page';

const en = {
  privacy: {
    title: 'Privacy and your data',
    intro: 'What is kept.',
    myData: 'Get a copy of my data',
    myDataButton: 'Download my data',
    failed: 'Could not load',
    contact: { title: 'Whom to contact', platform: 'The contact:', none: 'No contact given.' },
  },
  help: { retry: 'Try again', contact: { email: 'By e-mail:', phone: 'By phone:' } },
  signIn: { submit: 'Sign in' },
  common: { loading: 'Loading…' },
};

async function setup(roles: Role[] | null) {
  TestBed.configureTestingModule({
    imports: [
      PrivacyPage,
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
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal('en'), use: () => undefined } },
      { provide: HELP_READER, useValue: signal<readonly Role[] | null>(roles) },
    ],
  });
  const fixture = TestBed.createComponent(PrivacyPage);
  await fixture.whenStable();
  return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
}

const DEFAULT =
  '## Who sees it\n\nObservers: counts below {{ k }} hidden; archives kept {{ exportDays }} days; press « {{ privacy.myDataButton }} ».';
const INFO: PrivacyInfo = {
  contact: { email: 'dpo@region.example.ma', phone: null },
  observatoryK: 7,
  exportDays: 3,
  notice: null,
};

describe('PrivacyPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("shows the app's text with the deployment's figures and words, and the configured contact", async () => {
    const { fixture, http, el } = await setup(null);
    http.expectOne((r) => r.url === PRIVACY_API && r.params.get('lang') === 'en').flush(INFO);
    http.expectOne('/privacy/en.md').flush(DEFAULT);
    await fixture.whenStable();
    expect([...el.querySelectorAll('h2')].map((h) => h.textContent?.trim())).toEqual([
      'Who sees it',
      'Whom to contact',
    ]);
    expect(el.textContent).toContain(
      'counts below 7 hidden; archives kept 3 days; press « Download my data »',
    );
    expect(el.querySelector('a[href="mailto:dpo@region.example.ma"]')).not.toBeNull();
    // Signed out: the way to sign in, not to one's data.
    expect(el.querySelector('a[href="/sign-in"]')).not.toBeNull();
    expect(el.querySelector('a[href="/profile#my-data"]')).toBeNull();
  });

  it("shows the operator's notice instead when there is one, and leads a signed-in reader to their data", async () => {
    const { fixture, http, el } = await setup(['coach']);
    http.expectOne((r) => r.url === PRIVACY_API).flush({ ...INFO, notice: '## Controller\n\nThe Region.' });
    await fixture.whenStable();
    http.expectNone('/privacy/en.md');
    expect(el.querySelector('h2')?.textContent).toBe('Controller');
    expect(el.querySelector('a[href="/profile#my-data"]')?.textContent).toContain('Get a copy of my data');
  });

  it('says no contact is configured, and still shows the text, when the settings cannot be read', async () => {
    const { fixture, http, el } = await setup(null);
    http.expectOne((r) => r.url === PRIVACY_API).flush(null, { status: 0, statusText: 'offline' });
    http.expectOne('/privacy/en.md').flush(DEFAULT);
    await fixture.whenStable();
    expect(el.textContent).toContain('counts below k hidden');
    expect(el.textContent).toContain('No contact given.');
  });
});
