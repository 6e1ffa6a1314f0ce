import type { DiscoveryService } from '@nestjs/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditSubjectType, Locale } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import {
  AuditContributions,
  AuditLabelsProvider,
  type AuditSubjectLabels,
  AuditTerritoryScopeProvider,
  type AuditTerritoryScope,
  uuidsAmong,
} from './audit-contributions';
import { AuditService } from './audit.service';

const ROOT = '11111111-1111-4111-8111-111111111111';
const REGION = '22222222-2222-4222-8222-222222222222';
const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const COURSE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const COHORT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

interface Call {
  type: AuditSubjectType;
  ids: readonly string[];
  locale: Locale;
}

function labels(type: AuditSubjectType, names: Record<string, string>, calls: Call[]) {
  @AuditLabelsProvider()
  class Labels implements AuditSubjectLabels {
    readonly subjectType = type;
    async labels(ids: readonly string[], locale: Locale): Promise<Map<string, string>> {
      calls.push({ type, ids: [...ids].sort(), locale });
      return new Map(ids.filter((id) => names[id]).map((id) => [id, names[id] as string]));
    }
    async search(text: string, limit: number): Promise<string[]> {
      return Object.entries(names)
        .filter(([, name]) => name.toLowerCase().includes(text.toLowerCase()))
        .map(([id]) => id)
        .slice(0, limit);
    }
  }
  return new Labels();
}

function scope(ids: string[], asked: string[][]) {
  @AuditTerritoryScopeProvider()
  class Scope implements AuditTerritoryScope {
    async territoryIdsWithin(paths: readonly string[]): Promise<string[]> {
      asked.push([...paths]);
      return ids;
    }
  }
  return new Scope();
}

/** A discovery service that knows these instances (as Nest's does, by their classes' markers). */
function discovering(...instances: object[]): DiscoveryService {
  return {
    getProviders: ({ metadataKey }: { metadataKey: string }) =>
      instances
        .filter((i) => Reflect.getMetadata(metadataKey, i.constructor) !== undefined)
        .map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
}

function admin(path: string): AuthPrincipal {
  return {
    userId: ALICE,
    roles: [{ assignmentId: 'a1', role: 'admin', territoryId: REGION, territoryPath: path }],
  } as unknown as AuthPrincipal;
}

describe('AuditService', () => {
  const rows = [
    { id: '5', actor_id: ALICE, action: 'role.granted', subject_type: 'user', subject_id: BOB },
    { id: '4', actor_id: BOB, action: 'course.published', subject_type: 'course', subject_id: COURSE },
    { id: '3', actor_id: null, action: 'account.locked', subject_type: 'user', subject_id: 'not-a-uuid' },
    {
      id: '2',
      actor_id: ALICE,
      action: 'certificate.revoked',
      subject_type: 'certificate',
      subject_id: 'X1',
    },
    { id: '1', actor_id: ALICE, action: 'course.published', subject_type: 'course', subject_id: COURSE },
  ].map((r) => ({ ...r, territory_id: null, details: {}, occurred_at: new Date('2026-01-01T00:00:00Z') }));

  function setUp(territoryIds: string[] = [], log: typeof rows = rows) {
    const queries: { sql: string; params: unknown[] }[] = [];
    const manager = {
      query: async (sql: string, params: unknown[]) => {
        queries.push({ sql, params });
        return log.slice(0, Number(params[params.length - 1]));
      },
    } as unknown as EntityManager;
    const calls: Call[] = [];
    const asked: string[][] = [];
    const contributions = new AuditContributions(
      discovering(
        labels('user', { [ALICE]: 'Alice', [BOB]: 'Bob' }, calls),
        labels('course', { [COURSE]: 'Le cours' }, calls),
        labels('territory', { [REGION]: "L'Oriental", [ROOT]: 'Afrique' }, calls),
        labels('cohort', { [COHORT]: 'Berkane — printemps' }, calls),
        scope(territoryIds, asked),
      ),
    );
    contributions.onModuleInit();
    const service = new AuditService({ manager } as unknown as DataSource, contributions);
    return { service, queries, calls, asked };
  }

  it("asks each subject type's owner once per page, with the page's distinct ids (actors are users)", async () => {
    const { service, queries, calls } = setUp();
    const page = await service.list(admin(`/${ROOT}/`), { limit: 4, locale: 'ar' });
    expect(queries).toHaveLength(1);
    expect(queries[0]?.sql).not.toMatch(/\b(users|courses|cohorts|territories)\b/);
    expect(calls.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'course', ids: [COURSE], locale: 'ar' },
      { type: 'user', ids: [ALICE, BOB, 'not-a-uuid'].sort(), locale: 'ar' },
    ]);
    expect(page.items.map((e) => [e.actorName, e.subjectLabel])).toEqual([
      ['Alice', 'Bob'],
      ['Bob', 'Le cours'],
      [null, null],
      ['Alice', null], // nobody labels certificates
    ]);
    expect(page.nextCursor).toBe('2');
  });

  it('names in French by default', async () => {
    const { service, calls } = setUp();
    await service.list(admin(`/${ROOT}/`), { limit: 1 });
    expect(calls).toEqual([{ type: 'user', ids: [ALICE, BOB].sort(), locale: 'fr' }]);
  });

  it('asks nobody to name an empty page', async () => {
    const { service, calls } = setUp([], []);
    expect(await service.list(admin(`/${ROOT}/`), {})).toEqual({ items: [], nextCursor: null });
    expect(calls).toEqual([]);
  });

  it("filters a regional admin's page on the territory ids the territories domain gives", async () => {
    const { service, queries, asked } = setUp([REGION, ROOT]);
    await service.list(admin(`/${ROOT}/${REGION}/`), {});
    expect(asked).toEqual([[`/${ROOT}/${REGION}/`]]);
    expect(queries[0]?.sql).toMatch(/a\.territory_id = ANY\(\$1::uuid\[\]\)/);
    expect(queries[0]?.params[0]).toEqual([REGION, ROOT]);
  });

  it('does not ask for the territories of a national admin', async () => {
    const { service, queries, asked } = setUp();
    await service.list(admin(`/${ROOT}/`), {});
    expect(asked).toEqual([]);
    expect(queries[0]?.sql).not.toMatch(/WHERE/);
  });
});

describe('AuditService: what an entry refers to, by name', () => {
  function serviceOver(log: Record<string, unknown>[]) {
    const queries: { sql: string; params: unknown[] }[] = [];
    const calls: Call[] = [];
    const manager = {
      query: async (sql: string, params: unknown[]) => {
        queries.push({ sql, params });
        return log.slice(0, Number(params[params.length - 1]));
      },
    } as unknown as EntityManager;
    const contributions = new AuditContributions(
      discovering(
        labels('user', { [ALICE]: 'Alice Amrani', [BOB]: 'Bob Benali' }, calls),
        labels('territory', { [REGION]: "L'Oriental", [ROOT]: 'Afrique' }, calls),
        labels('cohort', { [COHORT]: 'Berkane — printemps' }, calls),
        scope([], []),
      ),
    );
    contributions.onModuleInit();
    return { service: new AuditService({ manager } as unknown as DataSource, contributions), queries, calls };
  }
  const at = new Date('2026-01-01T00:00:00Z');

  it("names the entry's territory and the subjects its details refer to, in the same one question per type", async () => {
    const { service, calls } = serviceOver([
      {
        id: '2',
        actor_id: ALICE,
        action: 'role.changed',
        subject_type: 'user',
        subject_id: BOB,
        territory_id: REGION,
        details: { role: 'trainer', previousRole: 'coach', previousTerritoryId: ROOT, assignmentId: 'x' },
        occurred_at: at,
      },
      {
        id: '1',
        actor_id: BOB,
        action: 'certificate.revoked',
        subject_type: 'certificate',
        subject_id: 'CODE',
        territory_id: REGION,
        details: { cohortId: COHORT, enrolmentId: 'e' },
        occurred_at: at,
      },
    ]);
    const page = await service.list(admin(`/${ROOT}/`), { locale: 'ar' });
    expect(page.items.map((e) => [e.territoryLabel, e.detailLabels])).toEqual([
      ["L'Oriental", { previousTerritoryId: 'Afrique' }],
      ["L'Oriental", { cohortId: 'Berkane — printemps' }],
    ]);
    expect(calls.map((c) => c.type).sort()).toEqual(['cohort', 'territory', 'user']);
    expect(calls.find((c) => c.type === 'territory')?.ids).toEqual([REGION, ROOT].sort());
  });

  it('filters on the ids of the people the owner of users finds by name; none found, no query', async () => {
    const { service, queries } = serviceOver([]);
    await service.list(admin(`/${ROOT}/`), { actor: 'benali' });
    expect(queries[0]?.sql).toMatch(/a\.actor_id = ANY\(\$1::uuid\[\]\)/);
    expect(queries[0]?.params[0]).toEqual([BOB]);
    expect(await service.list(admin(`/${ROOT}/`), { actor: 'nobody' })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(queries).toHaveLength(1);
  });
});

describe('AuditContributions', () => {
  it('refuses two owners of a subject type', () => {
    const contributions = new AuditContributions(
      discovering(labels('user', {}, []), labels('user', {}, []), scope([], [])),
    );
    expect(() => contributions.onModuleInit()).toThrow(/Two providers label the audit subjects of type user/);
  });

  it('needs exactly one territory scope', () => {
    expect(() => new AuditContributions(discovering()).onModuleInit()).toThrow(/found 0/);
    expect(() => new AuditContributions(discovering(scope([], []), scope([], []))).onModuleInit()).toThrow(
      /found 2/,
    );
  });
});

describe('uuidsAmong', () => {
  it('keeps well-formed uuids only', () => {
    expect(uuidsAmong([ALICE, 'not-a-uuid', 'AUDITCERT234', '-'.repeat(36), ALICE.toUpperCase()])).toEqual([
      ALICE,
      ALICE.toUpperCase(),
    ]);
  });
});
