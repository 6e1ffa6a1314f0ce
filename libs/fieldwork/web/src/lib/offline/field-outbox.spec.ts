import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService, FOR_USER } from '@tc/identity/web';
import type { MaturityAnswers, SaveOrganisationRequest, SaveVisitRequest } from '@tc/shared/contracts';
import { FieldOutboxService, FIELD_OUTBOX_RANDOM, fieldRetryDelay } from './field-outbox.service';
import { FIELD_STORE, MemoryFieldStore } from './field-store';
import { withWaitingList, withWaitingLog } from './field-writes';

const API = '/api/v1/fieldwork/organisations';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

const org = (id: string, name = 'Coopérative Tifawin'): SaveOrganisationRequest => ({
  id,
  name,
  kind: 'cooperative',
  sector: 'argan',
  territoryId: 'commune-1',
  foundedYear: 2015,
  members: 24,
  womenMembers: 24,
  womenLed: true,
  youthLed: false,
});

const answers = (level: 0 | 1 | 2 | 3): MaturityAnswers =>
  Object.fromEntries(
    [
      'online-profile',
      'findable',
      'sells-online',
      'marketplaces',
      'accepts-digital-payment',
      'uses-mobile-money',
      'digital-accounts',
      'stock-and-members',
      'social-media',
      'customer-messaging',
      'meetings-and-decisions',
      'shared-documents',
    ].map((id) => [id, level]),
  ) as MaturityAnswers;

const visit = (id: string): SaveVisitRequest => ({
  id,
  visitedOn: '2026-12-01',
  minutes: 90,
  mode: 'on-site',
  competences: ['2.1'],
  lessons: [],
  notes: 'Page Facebook créée',
  nextSteps: '',
});

const offline = { status: 0, statusText: 'Unknown Error' };
const saved = (id: string) => ({ organisation: { id }, likelyDuplicates: [] });

describe('the field log outbox', () => {
  let outbox: FieldOutboxService;
  let http: HttpTestingController;
  let store: MemoryFieldStore;
  const me = signal<{ id: string; displayName: string } | null>({ id: 'coach-1', displayName: 'Salma' });

  beforeEach(async () => {
    me.set({ id: 'coach-1', displayName: 'Salma' });
    store = new MemoryFieldStore();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { me } },
        { provide: FIELD_STORE, useValue: store },
        { provide: FIELD_OUTBOX_RANDOM, useValue: () => 0 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    outbox = TestBed.inject(FieldOutboxService);
    TestBed.tick();
    await settle();
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('shows an organisation and its check at once, then sends the organisation before its check', async () => {
    await outbox.write('org-1', { kind: 'save-organisation', body: org('org-1'), territoryName: 'Tiznit' });
    await settle();
    await outbox.write('org-1', {
      kind: 'create-check',
      body: { id: 'chk-1', takenOn: '2026-12-01', answers: answers(1) },
    });
    await settle();

    // Both wait, and the log the coach reads already has them.
    const list = withWaitingList([], outbox.waiting());
    expect(list.map((o) => [o.name, o.latestScore, o.territoryName])).toEqual([
      ['Coopérative Tifawin', 33, 'Tiznit'],
    ]);
    expect(withWaitingLog(null, outbox.waiting())?.checks.map((c) => c.scores.overall)).toEqual([33]);

    // Only the organisation is in flight: the check waits for it.
    const put = http.expectOne(`${API}/org-1`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual(org('org-1'));
    expect(put.request.context.get(FOR_USER)).toBe('coach-1');
    http.expectNone(`${API}/org-1/checks`);
    put.flush(saved('org-1'));
    await settle();

    const post = http.expectOne(`${API}/org-1/checks`);
    expect(post.request.body).toEqual({ id: 'chk-1', takenOn: '2026-12-01', answers: answers(1) });
    post.flush({});
    await settle();
    expect(outbox.waiting()).toEqual([]);
  });

  it('sends again the same record, with the same id, when the answer was lost', async () => {
    await outbox.write('org-1', { kind: 'save-organisation', body: org('org-1'), territoryName: '' });
    await settle();
    http.expectOne(`${API}/org-1`).flush(null, offline);
    await settle();
    expect(outbox.waiting()).toHaveLength(1);
    expect(outbox.waiting()[0].problem).toBeNull();

    await outbox.write('org-1', { kind: 'save-visit', body: visit('vis-1') });
    await settle();
    // The browser is back: the same organisation goes first, with the id the device made.
    window.dispatchEvent(new Event('online'));
    await settle();
    const again = http.expectOne(`${API}/org-1`);
    expect(again.request.body.id).toBe('org-1');
    again.flush(saved('org-1'));
    await settle();
    http.expectOne(`${API}/org-1/visits/vis-1`).flush({});
    await settle();
    expect(outbox.waiting()).toEqual([]);
  });

  it('waits longer after each failed send, up to a minute', () => {
    expect([1, 2, 3, 10].map((n) => fieldRetryDelay(n, 1))).toEqual([2_000, 4_000, 8_000, 60_000]);
    expect(fieldRetryDelay(1, 0)).toBe(1_000);
  });

  it('keeps a refused write with its problem, holds back that organisation, and sends the others', async () => {
    await outbox.write('org-1', { kind: 'save-organisation', body: org('org-1', ''), territoryName: '' });
    await settle();
    http.expectOne(`${API}/org-1`).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation',
        errors: [{ field: 'name', code: 'required' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    await outbox.write('org-1', { kind: 'save-visit', body: visit('vis-1') });
    await settle();
    await outbox.write('org-2', { kind: 'save-visit', body: visit('vis-2') });
    await settle();

    // Org 2's visit goes; org 1's visit stays behind its refused organisation.
    http.expectOne(`${API}/org-2/visits/vis-2`).flush({});
    await settle();
    http.expectNone(`${API}/org-1/visits/vis-1`);
    const [refused, held] = outbox.waiting();
    expect(refused.problem?.code).toBe('validation');
    expect(held.problem).toBeNull();

    // The coach corrects it: the new write takes its place, before the visit.
    await outbox.write(
      'org-1',
      { kind: 'save-organisation', body: org('org-1'), territoryName: '' },
      refused.writeId,
    );
    await settle();
    const put = http.expectOne(`${API}/org-1`);
    expect(put.request.body.name).toBe('Coopérative Tifawin');
    put.flush(saved('org-1'));
    await settle();
    http.expectOne(`${API}/org-1/visits/vis-1`).flush({});
    await settle();
    expect(outbox.waiting()).toEqual([]);
  });

  it('drops a write the server already holds (a conflict) without showing a problem', async () => {
    const body = { id: 'ms-1', kind: 'first-online-order' as const, reachedOn: '2026-11-30' };
    await outbox.write('org-1', { kind: 'create-milestone', body });
    await settle();
    http
      .expectOne(`${API}/org-1/milestones`)
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, code: 'milestone-already-reached' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(outbox.waiting()).toEqual([]);
  });

  it('shows a conflict with another record (an id taken) like any refusal', async () => {
    await outbox.write('org-1', { kind: 'save-visit', body: visit('vis-1') });
    await settle();
    http.expectOne(`${API}/org-1/visits/vis-1`).flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'field-record-id-taken',
        errors: [{ field: 'id', code: 'field-record-id-taken' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(outbox.refusedWrites().map((w) => w.problem?.code)).toEqual(['field-record-id-taken']);
  });

  it('discards a refused write when the coach gives it up', async () => {
    await outbox.write('org-1', { kind: 'create-comment', body: { id: 'c-1', body: 'Bravo' } });
    await settle();
    http
      .expectOne(`${API}/org-1/comments`)
      .flush(
        { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(outbox.refusedWrites()).toHaveLength(1);
    await outbox.discard(outbox.refusedWrites()[0].writeId);
    expect(outbox.waiting()).toEqual([]);
  });

  it('sends only the signed-in person’s writes', async () => {
    await outbox.write('org-1', { kind: 'create-comment', body: { id: 'c-1', body: 'Bravo' } });
    await settle();
    http.expectOne(`${API}/org-1/comments`).flush(null, offline);
    await settle();
    me.set({ id: 'coach-2', displayName: 'Youssef' });
    TestBed.tick();
    await settle();
    expect(outbox.waiting()).toEqual([]);
    http.expectNone(`${API}/org-1/comments`);
    expect(await store.pending('coach-1')).toHaveLength(1);
  });
});
