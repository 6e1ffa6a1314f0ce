import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AuditEntry, AuditPage } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { AuditLogPage, dayAfter, dayStart } from './audit-log.page';

const entry = (id: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  actorId: 'a0000000-0000-4000-8000-000000000001',
  actorName: 'Nadia El Amrani',
  action: 'role.granted',
  subjectType: 'user',
  subjectId: 'b0000000-0000-4000-8000-000000000002',
  subjectLabel: null,
  territoryId: null,
  territoryLabel: null,
  details: { role: 'observer' },
  detailLabels: {},
  occurredAt: '2026-11-29T08:00:00.000Z',
  ...over,
});

describe('AuditLogPage', () => {
  function setup(lang = signal('en')) {
    TestBed.configureTestingModule({
      imports: [
        AuditLogPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              audit: {
                more: 'Older entries',
                platform: 'The platform',
                unnamed: '#{{ id }}',
                none: '—',
                reason: 'Reason: {{ reason }}',
                actions: { role: { granted: 'Role granted' }, account: { locked: 'Sign-in locked' } },
                sentences: {
                  role: {
                    granted: '{{ actor }} granted {{ subject }} the role “{{ role }}” in {{ territory }}.',
                  },
                  account: { locked: 'Sign-in of {{ subject }} locked for {{ minutes }} min.' },
                  course: { published: '{{ actor }} published version {{ version }} of “{{ subject }}”.' },
                  cohort: {
                    created: '{{ actor }} created “{{ subject }}” ({{ course }}) in {{ territory }}.',
                  },
                },
              },
              roles: { observer: 'Observer' },
            },
          },
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
        { provide: LanguageService, useValue: { lang } },
      ],
    });
    const fixture = TestBed.createComponent(AuditLogPage);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  it('lists the newest page, then older entries through the cursor', () => {
    const { fixture, http, el } = setup();
    const first = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(first.request.params.keys()).toEqual(['limit', 'locale']);
    expect(first.request.params.get('limit')).toBe('50');
    expect(first.request.params.get('locale')).toBe('en');
    first.flush({ items: [entry('9')], nextCursor: '9' } satisfies AuditPage);
    fixture.detectChanges();
    expect(el.querySelectorAll('.tc-entries li')).toHaveLength(1);
    expect(el.textContent).toContain('Role granted');
    // A sentence, names isolated; no raw key: value pairs.
    expect(el.querySelector('.tc-sentence')?.textContent).toBe(
      '\u2068Nadia El Amrani\u2069 granted \u2068#b0000000\u2069 the role “Observer” in \u2068—\u2069.',
    );
    expect(el.textContent).not.toContain('role: observer');

    const more = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Older entries'));
    more?.click();
    const second = http.expectOne((r) => r.url === '/api/v1/audit' && r.params.get('cursor') === '9');
    second.flush({
      items: [
        entry('4', {
          action: 'account.locked',
          actorId: null,
          actorName: null,
          subjectLabel: 'Salma',
          details: { seconds: 900, failures: 5 },
        }),
      ],
      nextCursor: null,
    } satisfies AuditPage);
    fixture.detectChanges();
    expect(el.querySelectorAll('.tc-entries li')).toHaveLength(2);
    expect(el.textContent).toContain('Sign-in locked');
    expect(el.querySelectorAll('.tc-sentence')[1]?.textContent).toBe(
      'Sign-in of \u2068Salma\u2069 locked for 15 min.',
    );
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Older entries'))).toBe(
      false,
    );
    http.verify();
  });

  it('asks again with the filters; "to" a day includes that whole day', () => {
    jest.useFakeTimers();
    const { fixture, http } = setup();
    http.expectOne((r) => r.url === '/api/v1/audit').flush({ items: [], nextCursor: null });
    const page = fixture.componentInstance as unknown as {
      filters: { patchValue(v: Record<string, string>): void };
    };
    page.filters.patchValue({
      action: 'account.locked',
      from: '2026-11-01',
      to: '2026-11-28',
      actor: '  Nadia ',
    });
    jest.advanceTimersByTime(300);
    const req = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(req.request.params.get('action')).toBe('account.locked');
    expect(req.request.params.get('from')).toBe('2026-11-01T00:00:00.000Z');
    expect(req.request.params.get('to')).toBe('2026-11-29T00:00:00.000Z');
    // The author by name, not by id.
    expect(req.request.params.get('actor')).toBe('Nadia');
    expect(req.request.params.has('actorId')).toBe(false);
    // One letter is not a search yet (the API would answer 400).
    page.filters.patchValue({ actor: 'N' });
    jest.advanceTimersByTime(300);
    expect(http.expectOne((r) => r.url === '/api/v1/audit').request.params.has('actor')).toBe(false);
    http.verify();
    jest.useRealTimers();
  });

  it('writes each entry with the names the server gave (territory, cohort, course), the reason apart, no ids', () => {
    const { fixture, http, el } = setup();
    const person = 'b0000000-0000-4000-8000-000000000002';
    const course = 'c0000000-0000-4000-8000-000000000003';
    http
      .expectOne((r) => r.url === '/api/v1/audit')
      .flush({
        items: [
          entry('9', {
            subjectLabel: 'Salma Ouazzani',
            territoryLabel: 'Berkane',
            details: { role: 'observer', reason: 'Mission terminée' },
          }),
          entry('8', {
            action: 'cohort.created',
            subjectType: 'cohort',
            subjectId: 'd0000000-0000-4000-8000-000000000004',
            subjectLabel: 'Oujda — printemps',
            territoryLabel: "L'Oriental",
            details: { courseId: course, version: 1 },
            detailLabels: { courseId: 'الرقمنة في خدمة المجالات الترابية' },
          }),
        ],
        nextCursor: null,
      } satisfies AuditPage);
    fixture.detectChanges();
    const [granted, created] = [...el.querySelectorAll('.tc-entries li')];
    expect(granted?.querySelector('.tc-sentence')?.textContent).toContain('\u2068Berkane\u2069');
    expect(granted?.querySelector('.tc-reason')?.textContent).toBe('Reason: Mission terminée');
    const link = granted?.querySelector<HTMLAnchorElement>('.tc-subject a');
    expect(link?.textContent?.trim()).toBe('Salma Ouazzani');
    expect(link?.getAttribute('href')).toBe(`/users/${person}`);
    expect(created?.querySelector('.tc-sentence')?.textContent).toBe(
      "\u2068Nadia El Amrani\u2069 created “\u2068Oujda — printemps\u2069” (\u2068الرقمنة في خدمة المجالات الترابية\u2069) in \u2068L'Oriental\u2069.",
    );
    expect(created?.querySelector('.tc-subject a')).toBeNull();
    expect(created?.querySelector('.tc-reason')).toBeNull();
    expect(el.textContent).not.toContain(course);
    expect(el.textContent).not.toContain(person);
    http.verify();
  });

  it('downloads what the filters select as a file, in the interface language', () => {
    const { fixture, http, el } = setup();
    http.expectOne((r) => r.url === '/api/v1/audit').flush({ items: [], nextCursor: null });
    const created = jest.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const buttons = [...el.querySelectorAll('button')];
    buttons[1]?.click();
    const req = http.expectOne((r) => r.url === '/api/v1/audit/export');
    expect(req.request.params.get('format')).toBe('xlsx');
    expect(req.request.params.get('locale')).toBe('en');
    expect(req.request.params.has('limit')).toBe(false);
    req.flush(new Blob(['x']), {
      headers: { 'Content-Disposition': 'attachment; filename="audit-2026-12-01.xlsx"' },
    });
    fixture.detectChanges();
    expect(created).toHaveBeenCalled();
    http.verify();
  });

  it('asks again in the new language when the interface language changes', () => {
    const lang = signal('en');
    const { fixture, http } = setup(lang);
    http.expectOne((r) => r.url === '/api/v1/audit').flush({ items: [], nextCursor: null });
    lang.set('ar');
    fixture.detectChanges();
    const again = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(again.request.params.get('locale')).toBe('ar');
    http.verify();
  });

  it('turns date inputs into instants', () => {
    expect(dayStart('2026-02-28')).toBe('2026-02-28T00:00:00.000Z');
    expect(dayAfter('2026-02-28')).toBe('2026-03-01T00:00:00.000Z');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29T00:00:00.000Z');
    expect(dayStart('')).toBeUndefined();
    expect(dayAfter('28/02/2026')).toBeUndefined();
  });
});
