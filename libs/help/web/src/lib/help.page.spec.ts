import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { HelpInfo, Role } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { HELP_READER } from './help-reader';
import { HELP_API } from './help-texts.service';
import { HelpPage } from './help.page';

const en = {
  help: {
    title: 'Help',
    sections: {
      general: 'For everyone',
      coach: 'For coaches',
      trainer: 'For trainers',
      observer: 'For observers',
      admin: 'For administrators',
    },
    others: 'The other roles',
    failed: 'Could not load',
    retry: 'Try again',
    contact: { title: 'Contact', email: 'By e-mail:', phone: 'By phone:', none: 'No contact given.' },
  },
  nav: { join: 'Join a cohort' },
  observatory: { tiles: { suppressed: 'Hidden (fewer than {{ k }})' } },
  common: { loading: 'Loading…' },
};

async function setup(roles: Role[] | null) {
  const reader = signal<readonly Role[] | null>(roles);
  TestBed.configureTestingModule({
    imports: [
      HelpPage,
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
      { provide: HELP_READER, useValue: reader },
    ],
  });
  const fixture = TestBed.createComponent(HelpPage);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const el = fixture.nativeElement as HTMLElement;
  /** Answers the requests (by default, all those waiting): every text, and the settings. */
  const answer = async (info: HelpInfo | 'down', requests = http.match(() => true)) => {
    for (const req of requests) {
      if (req.request.url !== HELP_API) req.flush(`## Topic of ${req.request.url}\n\n${TEXT}`);
      else if (info === 'down') req.flush(null, { status: 0, statusText: 'offline' });
      else req.flush(info);
    }
    await fixture.whenStable();
  };
  return { fixture, http, el, answer, reader };
}

const TEXT = 'Press « {{ nav.join }} »: fewer than {{ k }} are « {{ observatory.tiles.suppressed }} ».';
const INFO: HelpInfo = {
  contact: { email: 'aide@example.ma', phone: '+212 5 37 00 00 00' },
  observatoryK: 7,
};

describe('HelpPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows a coach their part first, then the general one, the other roles closed', async () => {
    const { el, http, answer } = await setup(['coach']);
    const requests = http.match(() => true);
    expect(requests.map((r) => r.request.url)).toEqual([
      '/help/en/coach.md',
      '/help/en/general.md',
      '/help/en/trainer.md',
      '/help/en/observer.md',
      '/help/en/admin.md',
      HELP_API,
    ]);
    await answer(INFO, requests);
    const h2 = Array.from(el.querySelectorAll('h2')).map((h) => h.textContent?.trim());
    expect(h2).toEqual(['For coaches', 'For everyone', 'The other roles', 'Contact']);
    const closed = Array.from(el.querySelectorAll('details')).map((d) => [d.id, d.open]);
    expect(closed).toEqual([
      ['help-trainer', false],
      ['help-observer', false],
      ['help-admin', false],
    ]);
    // Topics sit under their part: h3 in an open part, h4 in a closed one (whose name is an h3).
    expect(el.querySelector('#help-coach h3')?.textContent).toBe('Topic of /help/en/coach.md');
    expect(el.querySelector('#help-admin summary h3')?.textContent?.trim()).toBe('For administrators');
    expect(el.querySelector('#help-admin h4')?.textContent).toBe('Topic of /help/en/admin.md');
  });

  it('loads the texts once for a session renewed with the same roles, again for new roles', async () => {
    const { http, fixture, answer, reader } = await setup(['coach']);
    await answer(INFO);
    // Offline, every call renews the session first: new arrays, the same roles.
    reader.set(['coach']);
    await fixture.whenStable();
    expect(http.match(() => true)).toEqual([]);
    reader.set(['coach', 'observer']);
    await fixture.whenStable();
    expect(http.match((r) => r.url.startsWith('/help/')).map((r) => r.request.url)).toEqual([
      '/help/en/coach.md',
      '/help/en/observer.md',
      '/help/en/general.md',
      '/help/en/trainer.md',
      '/help/en/admin.md',
    ]);
    http.match(HELP_API);
  });

  it('fills in the app’s words and the configured threshold, and the configured contact', async () => {
    const { el, answer } = await setup(['observer']);
    await answer(INFO);
    expect(el.querySelector('#help-observer p')?.textContent).toBe(
      'Press « Join a cohort »: fewer than 7 are « Hidden (fewer than 7) ».',
    );
    const contact = el.querySelector('#help-contact') as HTMLElement;
    expect(contact.querySelector('a[href="mailto:aide@example.ma"]')?.textContent).toBe('aide@example.ma');
    expect(contact.querySelector('a[href="tel:+212537000000"]')?.textContent).toBe('+212 5 37 00 00 00');
  });

  it('says when no contact is configured, and reads "k" when the settings cannot be had', async () => {
    const { el, answer } = await setup(['observer']);
    await answer('down');
    expect(el.querySelector('#help-observer p')?.textContent).toContain(
      'fewer than k are « Hidden (fewer than k) »',
    );
    expect(el.querySelector('#help-contact')?.textContent).toContain('No contact given.');
    expect(el.querySelector('#help-contact a')).toBeNull();
  });

  it('shows a signed-out visitor the general part only, and the contact', async () => {
    const { el, http, fixture } = await setup(null);
    const texts = http.match((r) => r.url.startsWith('/help/'));
    expect(texts.map((r) => r.request.url)).toEqual(['/help/en/general.md']);
    texts[0]?.flush('## Signing in\n\nWith your e-mail address.');
    http.expectOne(HELP_API).flush(INFO);
    await fixture.whenStable();
    const h2 = Array.from(el.querySelectorAll('h2')).map((h) => h.textContent?.trim());
    expect(h2).toEqual(['For everyone', 'Contact']);
    expect(el.querySelectorAll('details')).toHaveLength(0);
  });

  it('offers to try again when a text cannot be loaded', async () => {
    const { el, http, fixture, answer } = await setup(['admin']);
    // One text missing (offline, never read): the others are dropped with it.
    http.match((r) => r.url === '/help/en/admin.md')[0]?.flush(null, { status: 0, statusText: 'offline' });
    expect(http.match(() => true).every((r) => r.cancelled)).toBe(true);
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Could not load');
    el.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await fixture.whenStable();
    await answer(INFO);
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('#help-admin h3')?.textContent).toBe('Topic of /help/en/admin.md');
  });
});
