import type { DataSource, QueryRunner } from 'typeorm';
import { ROLLUP_FUNCTIONS, ROLLUP_TRIGGERS } from '../testing';
import { createTestApp, type TestApp } from '@tc/shared/testing';

type Db = DataSource | QueryRunner;
type Defs = { names: string[]; defs: Record<string, string> };

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function byName(rows: { name: string; def: string }[]): Defs {
  return {
    names: rows.map((r) => r.name).sort(),
    defs: Object.fromEntries(rows.map((r) => [r.name, normalise(r.def)])),
  };
}

/** Every `obs_*` function of the schema, as pg_get_functiondef prints it (an overload: a second name). */
async function functionDefs(db: Db): Promise<Defs> {
  return byName(
    await db.query(
      `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'obs\\_%'`,
    ),
  );
}

/** Every `TRG_obs_*` trigger, with the table it is on, as pg_get_triggerdef prints it. */
async function triggerRows(db: Db): Promise<{ name: string; table: string; def: string }[]> {
  return db.query(
    `SELECT t.tgname AS name, t.tgrelid::regclass::text AS "table", pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgname LIKE 'TRG\\_obs\\_%'`,
  );
}

async function triggerDefs(db: Db): Promise<Defs> {
  return byName(await triggerRows(db));
}

/** The stated definitions the database disagrees with, each with both texts (empty when none). */
function differences(database: Record<string, string>, stated: Record<string, string>) {
  return Object.entries(stated)
    .map(([name, sql]) => ({ name, database: database[name], stated: normalise(sql) }))
    .filter((d) => d.database !== d.stated);
}

/**
 * libs/observatory/api states the current definitions of the rollup functions and triggers, the
 * source of truth for the next migration that changes them: they must be what the migrations leave in
 * the database, as pg_catalog prints them, whitespace aside.
 */
describe("the observatory's rollup functions and triggers, as libs/observatory/api states them", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_SEED: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('states every obs_* function, no more and no fewer, as the migrations left it', async () => {
    const { names, defs } = await functionDefs(t.dataSource);
    expect(names).toEqual(Object.keys(ROLLUP_FUNCTIONS).sort());
    expect(differences(defs, ROLLUP_FUNCTIONS)).toEqual([]);
  });

  it('states every TRG_obs_* trigger, no more and no fewer, as the migrations left it', async () => {
    const { names, defs } = await triggerDefs(t.dataSource);
    expect(names).toEqual(Object.keys(ROLLUP_TRIGGERS).sort());
    expect(differences(defs, ROLLUP_TRIGGERS)).toEqual([]);
  });

  it('states them as statements that run and recreate themselves (rolled back after)', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const sql of Object.values(ROLLUP_FUNCTIONS)) await runner.query(sql);
      for (const { name, table } of await triggerRows(runner)) {
        await runner.query(`DROP TRIGGER "${name}" ON ${table}`);
        await runner.query(ROLLUP_TRIGGERS[name as keyof typeof ROLLUP_TRIGGERS]);
      }
      expect(differences((await functionDefs(runner)).defs, ROLLUP_FUNCTIONS)).toEqual([]);
      expect(differences((await triggerDefs(runner)).defs, ROLLUP_TRIGGERS)).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
