import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AdminErasureRequest, Me, UserSummary } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';
import { UNDO_MS, UserDetailPage } from './user-detail.page';

const USER = 'u0000000-0000-4000-8000-000000000001';
const ROLE = 'r0000000-0000-4000-8000-000000000002';
const ORIENTAL = 't0000000-0000-4000-8000-000000000003';
const MOROCCO = 't0000000-0000-4000-8000-000000000004';

const MOROCCO_DETAIL = {
  id: MOROCCO,
  parentId: 'africa',
  level: 'country',
  code: 'MA',
  name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' },
  childCount: 12,
  ancestors: [],
};

const salma = (over: Partial<UserSummary> = {}): UserSummary => ({
  id: USER,
  email: 'coach@example.org',
  displayName: 'Salma Ouazzani',
  status: 'active',
  roles: [
    {
      id: ROLE,
      role: 'coach',
      territoryId: ORIENTAL,
      territoryName: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
    },
  ],
  territoryId: null,
  organisationName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const askedToBeErased: AdminErasureRequest = {
  userId: USER,
  displayName: 'Salma Ouazzani',
  email: 'coach@example.org',
  roles: salma().roles,
  territoryId: null,
  territoryName: null,
  requestedAt: '2026-11-02T09:30:00.000Z',
  dueAt: null,
  erasedAt: null,
  erasedByAdmin: null,
};

describe('UserDetailPage: what takes something away asks first, and can be undone', () => {
  // Dialogs and snack bars open and close through real timers: slower than most unit specs.
  jest.setTimeout(20_000);

  async function setup(asked = false) {
    TestBed.configureTestingModule({
      imports: [
        UserDetailPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              users: {
                removeRole: 'Remove',
                changeRole: 'Change',
                disable: 'Disable the account',
                confirm: {
                  removeTitle: 'Remove the role “{{ role }}”?',
                  removeSubmit: 'Remove the role',
                  disableSubmit: 'Disable',
                  reason: 'Reason (optional)',
                  enrolments: 'Warning: {{ count }} running cohort(s).',
                },
                change: { submit: 'Change the role' },
                undo: {
                  action: 'Undo',
                  removed: 'Role “{{ role }}” removed.',
                  disabled: 'Account disabled.',
                },
              },
              erasureRequests: {
                erase: 'Erase now',
                detail: { asked: 'Asked to be erased on {{ when }}.', erased: 'Erased on {{ when }}.' },
                confirm: {
                  title: 'Erase {{ name }}?',
                  message: 'This cannot be undone.',
                  submit: 'Erase for good',
                },
              },
              roles: { coach: 'Coach', observer: 'Observer' },
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
        {
          provide: AuthService,
          useValue: {
            me: signal<Partial<Me>>({
              id: 'admin',
              roles: [
                {
                  id: 'a',
                  role: 'admin',
                  territoryId: MOROCCO,
                  territoryName: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' },
                },
              ],
            }),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(UserDetailPage);
    fixture.componentRef.setInput('id', USER);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/v1/users/${USER}`).flush(salma());
    http.expectOne(`/api/v1/users/${USER}/lockout`).flush({ failures: 0, lockouts: 0, lockedUntil: null });
    const erasure = http.expectOne((r) => r.url === '/api/v1/admin/erasure-requests');
    expect(erasure.request.params.get('userId')).toBe(USER);
    erasure.flush({ items: asked ? [askedToBeErased] : [], total: asked ? 1 : 0, page: 1, pageSize: 20 });
    await fixture.whenStable();
    fixture.detectChanges();
    // The add-role form's territory picker starts at the admin's territory.
    http.expectOne(`/api/v1/territories/${MOROCCO}`).flush(MOROCCO_DETAIL);
    const el = fixture.nativeElement as HTMLElement;
    const button = (root: ParentNode, text: string) =>
      [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
    /** Submits a dialog's form (jsdom has no requestSubmit for a submit button's click). */
    const submit = (root: ParentNode) => root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const settle = async () => {
      // A dialog answers once its closing animation is over.
      await new Promise((r) => setTimeout(r, 300));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, http, el, button, submit, settle };
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('removing a coach role warns of the running enrolments, keeps the reason, and offers to undo', async () => {
    const { http, el, button, submit, settle } = await setup();
    button(el, 'Remove').click();
    await settle();
    http.expectOne(`/api/v1/users/${USER}/roles/${ROLE}/impact`).flush({ activeEnrolments: 2 });
    await settle();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Remove the role “Coach”?');
    expect(dialog.querySelector('[role="alert"]')?.textContent).toContain('2 running cohort(s)');
    const reason = dialog.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = '  Mission terminée ';
    reason.dispatchEvent(new Event('input'));
    // Nothing is removed before the admin confirms.
    http.expectNone(`/api/v1/users/${USER}/roles/${ROLE}`);
    expect(button(dialog, 'Remove the role').type).toBe('submit');
    submit(dialog);
    await settle();
    const removal = http.expectOne(`/api/v1/users/${USER}/roles/${ROLE}`);
    expect(removal.request.method).toBe('DELETE');
    expect(removal.request.body).toEqual({ reason: 'Mission terminée' });
    removal.flush(salma({ roles: [] }));
    await settle();

    const snack = document.querySelector('mat-snack-bar-container') as HTMLElement;
    expect(snack.textContent).toContain('Role “Coach” removed.');
    button(snack, 'Undo').click();
    await settle();
    const undo = http.expectOne(`/api/v1/users/${USER}/roles`);
    expect(undo.request.method).toBe('POST');
    expect(undo.request.body).toEqual({ role: 'coach', territoryId: ORIENTAL });
    undo.flush(salma());
    http.verify();
  });

  it('cancelling the confirmation disables nothing; confirming disables, and undo enables again', async () => {
    const { http, el, button, submit, settle } = await setup();
    button(el, 'Disable the account').click();
    await settle();
    button(document.querySelector('mat-dialog-container') as HTMLElement, 'Cancel').click();
    await settle();
    http.expectNone(`/api/v1/users/${USER}/disable`);

    button(el, 'Disable the account').click();
    await settle();
    submit(document.querySelector('mat-dialog-container') as HTMLElement);
    await settle();
    const disable = http.expectOne(`/api/v1/users/${USER}/disable`);
    expect(disable.request.body).toBeNull();
    disable.flush(salma({ status: 'disabled' }));
    await settle();
    const snack = document.querySelector('mat-snack-bar-container') as HTMLElement;
    expect(snack.textContent).toContain('Account disabled.');
    expect(UNDO_MS).toBeGreaterThanOrEqual(5_000);
    button(snack, 'Undo').click();
    http.expectOne(`/api/v1/users/${USER}/enable`).flush(salma());
    http.verify();
  });

  it('changes a role in one request, from a dialog whose territory choice starts at the admin’s scope', async () => {
    const { http, el, button, submit, settle } = await setup();
    button(el, 'Change').click();
    await settle();
    // The picker shows the role's territory, drilled down from the admin's own (Morocco).
    http.expectOne(`/api/v1/territories/${ORIENTAL}`).flush({
      id: ORIENTAL,
      parentId: MOROCCO,
      level: 'region',
      code: 'MA-02',
      name: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
      childCount: 0,
      ancestors: [
        {
          id: MOROCCO,
          parentId: 'africa',
          level: 'country',
          code: 'MA',
          name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' },
          childCount: 12,
        },
      ],
    });
    http.expectOne(`/api/v1/territories/${MOROCCO}`).flush(MOROCCO_DETAIL);
    http.expectOne((r) => r.url === '/api/v1/territories' && r.params.get('parentId') === MOROCCO).flush([]);
    await new Promise((r) => setTimeout(r, 250));
    http.match((r) => r.url.endsWith('/impact')).forEach((r) => r.flush({ activeEnrolments: 0 }));
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    const submitButton = button(dialog, 'Change the role');
    // Nothing changed yet: nothing to send.
    expect(submitButton.disabled).toBe(true);
    // Choose "Observer" in the role select.
    (dialog.querySelector('mat-select') as HTMLElement).click();
    await settle();
    (
      [...document.querySelectorAll('mat-option')].find(
        (o) => o.textContent?.trim() === 'Observer',
      ) as HTMLElement
    ).click();
    await settle();
    await new Promise((r) => setTimeout(r, 250));
    const impact = http.expectOne((r) => r.url.endsWith('/impact'));
    expect(impact.request.params.get('role')).toBe('observer');
    impact.flush({ activeEnrolments: 1 });
    await settle();
    expect(dialog.querySelector('[role="alert"]')?.textContent).toContain('1 running cohort(s)');
    submit(dialog);
    await settle();
    const change = http.expectOne(`/api/v1/users/${USER}/roles/${ROLE}`);
    expect(change.request.method).toBe('PATCH');
    expect(change.request.body).toEqual({ role: 'observer' });
    change.flush(salma());
    http.verify();
  });

  it('says when the person asked to be erased, and erases them after a confirmation that names them', async () => {
    const { http, el, button, submit, settle } = await setup(true);
    expect(el.textContent).toContain('Asked to be erased on November 2, 2026');
    button(el, 'Erase now').click();
    await settle();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Erase Salma Ouazzani?');
    expect(dialog.textContent).toContain('This cannot be undone.');
    http.expectNone(`/api/v1/admin/users/${USER}/erase`);
    submit(dialog);
    await settle();
    const erase = http.expectOne(`/api/v1/admin/users/${USER}/erase`);
    expect(erase.request.method).toBe('POST');
    erase.flush({ userId: USER, erasedAt: '2026-12-07T10:00:00.000Z', changed: {} });
    await settle();
    http.expectOne(`/api/v1/users/${USER}`).flush(salma({ displayName: '—', status: 'disabled', roles: [] }));
    await settle();
    expect(el.textContent).toContain('Erased on December 7, 2026');
    expect(button(el, 'Erase now')).toBeUndefined();
    http.verify();
  });
});
