import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AdminErasureRequest, AdminErasureRequestList } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { of } from 'rxjs';
import { ErasureRequestsPage } from './erasure-requests.page';

const USER = 'u0000000-0000-4000-8000-000000000001';
const OTHER = 'u0000000-0000-4000-8000-000000000002';
const LIST = '/api/v1/admin/erasure-requests';

const request = (over: Partial<AdminErasureRequest> = {}): AdminErasureRequest => ({
  userId: USER,
  displayName: 'Salma Ouazzani',
  email: 'salma@example.org',
  roles: [
    {
      id: 'r1',
      role: 'coach',
      territoryId: 't1',
      territoryName: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
    },
  ],
  territoryId: 't1',
  territoryName: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
  requestedAt: '2026-11-02T09:30:00.000Z',
  dueAt: '2026-12-02T09:30:00.000Z',
  erasedAt: null,
  erasedByAdmin: null,
  ...over,
});
const page = (items: AdminErasureRequest[]): AdminErasureRequestList => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
});

describe('ErasureRequestsPage: who asked to be erased, and erasing them after a confirmation', () => {
  // Dialogs and snack bars open and close through real timers.
  jest.setTimeout(20_000);

  async function setup(phone = false) {
    TestBed.configureTestingModule({
      imports: [
        ErasureRequestsPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              erasureRequests: {
                title: 'Erasure requests',
                statuses: { pending: 'Pending', done: 'Done' },
                total: '{{ count }} request(s)',
                adminOnly: 'Only by an admin',
                askedOn: 'Asked on {{ when }}',
                automaticOn: 'Erased automatically on {{ when }}.',
                erasedOn: 'Erased on {{ when }}',
                erase: 'Erase now',
                eraseLabel: 'Erase {{ name }} now',
                erased: '{{ name }} has been erased.',
                empty: { pending: 'No pending request.', done: 'None yet.' },
                confirm: {
                  title: 'Erase {{ name }}?',
                  message: '{{ name }} is erased for good. This cannot be undone.',
                  submit: 'Erase for good',
                },
              },
              users: { confirm: { reason: 'Reason (optional)' } },
              roles: { coach: 'Coach' },
              common: { cancel: 'Cancel' },
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
        { provide: LanguageService, useValue: { lang: signal('en') } },
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: phone, breakpoints: {} }) } },
      ],
    });
    const fixture = TestBed.createComponent(ErasureRequestsPage);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    const el = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 300));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    const button = (root: ParentNode, text: string) =>
      [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
    return { fixture, http, el, settle, button };
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('lists the pending requests with the date asked and when each becomes automatic', async () => {
    const { http, el, settle } = await setup();
    const first = http.expectOne((r) => r.url === LIST);
    expect(first.request.params.get('status')).toBe('pending');
    first.flush(page([request(), request({ userId: OTHER, displayName: 'Karim Alami', dueAt: null })]));
    await settle();
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Salma Ouazzani');
    expect(rows[0]?.textContent).toContain('Nov 2, 2026');
    expect(rows[0]?.textContent).toContain('Dec 2, 2026');
    // No delay configured for this one: only an admin carries it out.
    expect(rows[1]?.textContent).toContain('Only by an admin');
    expect(el.querySelector('[role="status"]')?.textContent).toContain('2 request(s)');
    // The table scrolls in its own box.
    expect(el.querySelector('.tc-scroll table')).not.toBeNull();
    http.verify();
  });

  it('asks before erasing, naming the person and saying it cannot be undone; cancel erases nothing', async () => {
    const { http, el, settle, button } = await setup();
    http.expectOne((r) => r.url === LIST).flush(page([request()]));
    await settle();
    const erase = el.querySelector('tbody button') as HTMLButtonElement;
    expect(erase.getAttribute('aria-label')).toBe('Erase Salma Ouazzani now');
    erase.click();
    await settle();
    let dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Erase Salma Ouazzani?');
    expect(dialog.textContent).toContain('This cannot be undone.');
    // The erasure takes no reason: no field asks for one.
    expect(dialog.querySelector('textarea')).toBeNull();
    button(dialog, 'Cancel').click();
    await settle();
    http.expectNone(`/api/v1/admin/users/${USER}/erase`);

    erase.click();
    await settle();
    dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const call = http.expectOne(`/api/v1/admin/users/${USER}/erase`);
    expect(call.request.method).toBe('POST');
    call.flush({ userId: USER, erasedAt: '2026-12-07T10:00:00.000Z', changed: { identity: 3 } });
    await settle();
    // The row now says it is done, and its button is gone.
    const row = el.querySelector(`tr[data-user="${USER}"]`) as HTMLElement;
    expect(row.textContent).toContain('Erased on Dec 7, 2026');
    expect(row.querySelector('button')).toBeNull();
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain(
      'Salma Ouazzani has been erased.',
    );
    http.verify();
  });

  it('shows the done requests on asking, and cards on a phone', async () => {
    const { http, el, settle, button } = await setup(true);
    http.expectOne((r) => r.url === LIST).flush(page([request()]));
    await settle();
    expect(el.querySelector('table')).toBeNull();
    expect(el.querySelector('.tc-cards li')?.textContent).toContain('Asked on Nov 2, 2026');
    button(el, 'Done').click();
    await settle();
    const done = http.expectOne((r) => r.url === LIST);
    expect(done.request.params.get('status')).toBe('done');
    done.flush(
      page([
        request({ displayName: '—', roles: [], erasedAt: '2026-12-01T08:00:00.000Z', erasedByAdmin: true }),
      ]),
    );
    await settle();
    const card = el.querySelector('.tc-cards li') as HTMLElement;
    expect(card.textContent).toContain('Erased on Dec 1, 2026');
    expect(card.querySelector('button')).toBeNull();
    http.verify();
  });
});
