import { MATURITY_ITEMS, type MaturityAnswers, type Organisation } from '@tc/shared/contracts';
import {
  type FieldWrite,
  type PendingWrite,
  sendable,
  waitingRecordIds,
  withWaitingList,
  withWaitingLog,
} from './field-writes';

let n = 0;
function pending(organisationId: string, write: FieldWrite, problem = false): PendingWrite {
  n++;
  return {
    writeId: `w-${n}`,
    userId: 'coach-1',
    by: { id: 'coach-1', name: 'Salma' },
    organisationId,
    write,
    queuedAt: `2026-12-01T10:00:0${n % 10}.000Z`,
    seq: n,
    attempts: 0,
    problem: problem ? { type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation' } : null,
  };
}

const card = (id: string, extra: Partial<Organisation> = {}): Organisation => ({
  id,
  name: 'Association Nour',
  kind: 'association',
  sector: 'crafts',
  territoryId: 't-1',
  territoryName: 'Saïdia, Berkane',
  foundedYear: null,
  members: null,
  womenMembers: null,
  womenLed: false,
  youthLed: true,
  consentNotedAt: null,
  coach: { id: 'coach-1', name: 'Salma' },
  sharedWith: [],
  access: 'owner',
  firstScore: 20,
  latestScore: 20,
  visits: 2,
  milestones: 0,
  lastVisitOn: '2026-11-02',
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
  ...extra,
});

const allAt = (level: 0 | 1 | 2 | 3) =>
  Object.fromEntries(MATURITY_ITEMS.map((i) => [i.id, level])) as MaturityAnswers;

describe('the writes laid over the local copy', () => {
  it('moves a card on with a visit, a check and a milestone still waiting', () => {
    const writes = [
      pending('org-1', {
        kind: 'save-visit',
        body: {
          id: 'v-9',
          visitedOn: '2026-12-01',
          minutes: 60,
          mode: 'remote',
          competences: [],
          lessons: [],
        },
      }),
      pending('org-1', {
        kind: 'create-check',
        body: { id: 'c-9', takenOn: '2026-12-01', answers: allAt(2) },
      }),
      pending('org-1', {
        kind: 'create-milestone',
        body: { id: 'm-9', kind: 'website-live', reachedOn: '2026-12-01' },
      }),
    ];
    const [o] = withWaitingList([card('org-1')], writes);
    expect([o.visits, o.lastVisitOn, o.firstScore, o.latestScore, o.milestones]).toEqual([
      3,
      '2026-12-01',
      20,
      67,
      1,
    ]);
  });

  it('removes a deleted organisation and puts a new one first', () => {
    const writes = [
      pending('org-1', { kind: 'delete-organisation' }),
      pending('org-2', {
        kind: 'save-organisation',
        territoryName: 'Tiznit',
        body: {
          id: 'org-2',
          name: 'Coopérative Amal',
          kind: 'cooperative',
          sector: 'argan',
          territoryId: 't-2',
          womenLed: true,
          youthLed: false,
        },
      }),
    ];
    const list = withWaitingList([card('org-1'), card('org-3')], writes);
    expect(list.map((o) => [o.id, o.name, o.visits])).toEqual([
      ['org-2', 'Coopérative Amal', 0],
      ['org-3', 'Association Nour', 2],
    ]);
  });

  it('puts a visit edited offline in place, newest first, and marks it waiting', () => {
    const log = {
      organisation: card('org-1'),
      checks: [],
      visits: [
        {
          id: 'v-2',
          organisationId: 'org-1',
          visitedOn: '2026-11-02',
          minutes: 30,
          mode: 'on-site' as const,
          competences: [],
          lessons: [],
          notes: '',
          nextSteps: '',
          by: { id: 'coach-1', name: 'Salma' },
          createdAt: '',
        },
        {
          id: 'v-1',
          organisationId: 'org-1',
          visitedOn: '2026-10-15',
          minutes: 30,
          mode: 'on-site' as const,
          competences: [],
          lessons: [],
          notes: '',
          nextSteps: '',
          by: { id: 'coach-1', name: 'Salma' },
          createdAt: '',
        },
      ],
      milestones: [],
      comments: [],
      shareRequests: [],
    };
    const edit = pending('org-1', {
      kind: 'save-visit',
      body: {
        id: 'v-1',
        visitedOn: '2026-11-20',
        minutes: 45,
        mode: 'remote',
        competences: ['1.1'],
        lessons: [],
        notes: 'Suite',
      },
    });
    const out = withWaitingLog(log, [edit]);
    expect(out?.visits.map((v) => [v.id, v.visitedOn, v.minutes])).toEqual([
      ['v-1', '2026-11-20', 45],
      ['v-2', '2026-11-02', 30],
    ]);
    expect(waitingRecordIds([edit])).toEqual(new Set(['v-1']));
  });
});

describe('which writes go now', () => {
  it('holds back the later writes of an organisation whose write was refused, not the others', () => {
    const refused = pending('org-1', { kind: 'delete-visit', visitId: 'v-1' }, true);
    const held = pending('org-1', { kind: 'create-comment', body: { id: 'c-1', body: 'x' } });
    const other = pending('org-2', { kind: 'create-comment', body: { id: 'c-2', body: 'y' } });
    const before = pending('org-3', { kind: 'create-comment', body: { id: 'c-3', body: 'z' } });
    expect(sendable([before, refused, held, other]).map((w) => w.writeId)).toEqual([
      before.writeId,
      other.writeId,
    ]);
  });
});
