import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import type { Organisation } from '@tc/shared/contracts';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { FieldPrefetchService } from '../../offline/field-prefetch.service';
import { FIELD_STORE, MemoryFieldStore, copyKey } from '../../offline/field-store';
import { OrganisationsPage } from './organisations.page';

const API = '/api/v1/fieldwork/organisations';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

const card = (id: string, name: string, latestScore: number | null): Organisation => ({
  id,
  name,
  kind: 'cooperative',
  sector: 'argan',
  territoryId: 't-1',
  territoryName: 'Tiznit',
  foundedYear: null,
  members: null,
  womenMembers: null,
  womenLed: true,
  youthLed: false,
  consentNotedAt: null,
  coach: { id: 'coach-1', name: 'Salma' },
  sharedWith: [],
  access: 'owner',
  firstScore: latestScore,
  latestScore,
  visits: 1,
  milestones: 0,
  lastVisitOn: '2026-11-02',
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
});

describe('my field log, offline', () => {
  let http: HttpTestingController;
  let store: MemoryFieldStore;
  const me = signal({ id: 'coach-1', displayName: 'Salma', roles: [], territoryId: null });

  beforeEach(async () => {
    store = new MemoryFieldStore();
    await store.keep('coach-1', copyKey('organisations', 'mine'), {
      items: [card('org-1', 'Coopérative Tifawin', 42)],
    });
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            fr: {
              fieldwork: {
                score: {
                  none: 'Pas encore de diagnostic',
                  outOf: '{{ score }} / 100',
                  latest: 'Dernier score',
                },
                sync: {
                  badge: 'En attente de synchronisation',
                  copyOf: 'Copie du {{ when }}',
                  waiting: 'En attente : {{ count }}',
                },
              },
            },
          },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { me, roles: signal(['coach']) } },
        { provide: FIELD_STORE, useValue: store },
        { provide: FieldPrefetchService, useValue: { warm: async () => undefined } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => TestBed.resetTestingModule());

  it('shows the kept copy and, at once, an organisation registered with no link, marked waiting', async () => {
    const outbox = TestBed.inject(FieldOutboxService);
    const fixture = TestBed.createComponent(OrganisationsPage);
    await settle();
    http.expectOne(API).flush(null, { status: 0, statusText: 'Unknown Error' });
    await settle();

    await outbox.write('org-2', {
      kind: 'save-organisation',
      territoryName: 'Saïdia, Berkane',
      body: {
        id: 'org-2',
        name: 'Association Nour',
        kind: 'association',
        sector: 'crafts',
        territoryId: 't-2',
        womenLed: false,
        youthLed: true,
      },
    });
    await settle();
    http.expectOne(`${API}/org-2`).flush(null, { status: 0, statusText: 'Unknown Error' });
    await settle();
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    const cards = [...host.querySelectorAll('.tc-card')].map((c) => ({
      name: c.querySelector('.tc-card-title')?.textContent?.trim(),
      score: c.querySelector('[role="meter"]')?.getAttribute('aria-valuenow') ?? null,
      waiting: !!c.querySelector('.tc-badge-waiting'),
    }));
    expect(cards).toEqual([
      { name: 'Association Nour', score: null, waiting: true },
      { name: 'Coopérative Tifawin', score: '42', waiting: false },
    ]);
    expect(host.querySelector('.tc-copy')?.textContent).toContain('Copie du');
    expect(host.textContent).toContain('En attente : 1');
    fixture.destroy();
  });
});
