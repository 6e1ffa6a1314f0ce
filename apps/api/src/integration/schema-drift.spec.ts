import { createTestApp, type TestApp } from '../testing/test-app';

describe('migrations and entities agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_SEED: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves nothing for TypeORM to change after all migrations ran', async () => {
    const pending = await t.dataSource.showMigrations();
    expect(pending).toBe(false);
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can undo every migration and apply them again', async () => {
    const count = t.dataSource.migrations.length;
    for (let i = 0; i < count; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables[0]?.n).toBe(0);
    const applied = await t.dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    const regions: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM territories WHERE level = 'region'`,
    );
    expect(regions[0]?.n).toBe(12);
  });
});
