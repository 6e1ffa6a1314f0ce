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
  details: { role: 'observer' },
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
                actions: { 'role.granted': 'Role granted', 'account.locked': 'Sign-in locked' },
              },
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
    expect(el.textContent).toContain('Nadia El Amrani');
    expect(el.textContent).toContain('role: observer');

    const more = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Older entries'));
    more?.click();
    const second = http.expectOne((r) => r.url === '/api/v1/audit' && r.params.get('cursor') === '9');
    second.flush({
      items: [entry('4', { action: 'account.locked', actorId: null, actorName: null, details: {} })],
      nextCursor: null,
    } satisfies AuditPage);
    fixture.detectChanges();
    expect(el.querySelectorAll('.tc-entries li')).toHaveLength(2);
    expect(el.textContent).toContain('Sign-in locked');
    expect(el.textContent).toContain('The platform');
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
      actorId: 'nope',
    });
    jest.advanceTimersByTime(300);
    const req = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(req.request.params.get('action')).toBe('account.locked');
    expect(req.request.params.get('from')).toBe('2026-11-01T00:00:00.000Z');
    expect(req.request.params.get('to')).toBe('2026-11-29T00:00:00.000Z');
    // Not an id: not sent (the API would answer 400).
    expect(req.request.params.has('actorId')).toBe(false);
    http.verify();
    jest.useRealTimers();
  });

  it("names the subject (a person's name links to the account); the id stays beside it", () => {
    const { fixture, http, el } = setup();
    const person = 'b0000000-0000-4000-8000-000000000002';
    const course = 'c0000000-0000-4000-8000-000000000003';
    http
      .expectOne((r) => r.url === '/api/v1/audit')
      .flush({
        items: [
          entry('9', { subjectLabel: 'Salma Ouazzani' }),
          entry('8', {
            action: 'course.published',
            subjectType: 'course',
            subjectId: course,
            subjectLabel: 'الرقمنة في خدمة المجالات الترابية',
          }),
          entry('7', { subjectId: 'd0000000-0000-4000-8000-000000000004' }),
        ],
        nextCursor: null,
      } satisfies AuditPage);
    fixture.detectChanges();
    const [named, titled, gone] = [...el.querySelectorAll('.tc-entries li')];
    const link = named?.querySelector<HTMLAnchorElement>('.tc-subject a');
    expect(link?.textContent?.trim()).toBe('Salma Ouazzani');
    expect(link?.getAttribute('href')).toBe(`/users/${person}`);
    expect(named?.querySelector('.tc-ids')?.textContent).toContain(person);
    expect(titled?.querySelector('.tc-subject bdi')?.textContent).toBe('الرقمنة في خدمة المجالات الترابية');
    expect(titled?.querySelector('.tc-subject a')).toBeNull();
    expect(titled?.querySelector('.tc-ids')?.textContent).toContain(course);
    // No name (a person since deleted): the id is the link.
    expect(gone?.querySelector('.tc-subject a')).toBeNull();
    expect(gone?.querySelector('.tc-ids a')?.textContent).toBe('d0000000-0000-4000-8000-000000000004');
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
