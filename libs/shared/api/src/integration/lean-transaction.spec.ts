import { leanTransaction, transactionQuery } from '..';
import { createTestApp, type TestApp } from '@tc/shared/testing';

/** The transaction of the progress ingest, on the real database: what TypeORM's own would do. */
describe('leanTransaction', () => {
  let t: TestApp;
  const pool = () =>
    (t.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  const rows = async () =>
    ((await t.dataSource.query('SELECT n FROM lean_tx_spec ORDER BY n')) as { n: number }[]).map((r) => r.n);

  beforeAll(async () => {
    t = await createTestApp({ DEMO_SEED: 'false' });
    await t.dataSource.query('CREATE TABLE lean_tx_spec (n int PRIMARY KEY)');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM lean_tx_spec');
  });

  it('commits what the work wrote, through the manager and the driver, on one connection', async () => {
    const result = await leanTransaction(t.dataSource, async (manager) => {
      const [a] = await transactionQuery<{ xid: string }>(manager, 'SELECT txid_current()::text AS xid', []);
      await transactionQuery(manager, 'INSERT INTO lean_tx_spec VALUES ($1)', [1]);
      await manager.query('INSERT INTO lean_tx_spec VALUES ($1)', [2]);
      const [b] = (await manager.query('SELECT txid_current()::text AS xid')) as { xid: string }[];
      return [a?.xid, b?.xid];
    });
    expect(result[0]).toBe(result[1]);
    expect(await rows()).toEqual([1, 2]);
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it('an error rolls everything back, is rethrown, and the connection goes back to the pool', async () => {
    await expect(
      leanTransaction(t.dataSource, async (manager) => {
        await transactionQuery(manager, 'INSERT INTO lean_tx_spec VALUES ($1)', [1]);
        await transactionQuery(manager, 'INSERT INTO lean_tx_spec VALUES ($1)', [1]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([]);
    expect(pool().idleCount).toBe(pool().totalCount);
    // The connection is clean: the next transaction works.
    await leanTransaction(t.dataSource, (manager) => manager.query('INSERT INTO lean_tx_spec VALUES (3)'));
    expect(await rows()).toEqual([3]);
  });

  it('a nested manager.transaction is a savepoint: its failure undoes only its own writes', async () => {
    await leanTransaction(t.dataSource, async (manager) => {
      await manager.query('INSERT INTO lean_tx_spec VALUES (1)');
      await expect(
        manager.transaction(async (inner) => {
          await inner.query('INSERT INTO lean_tx_spec VALUES (2)');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await manager.transaction((inner) => inner.query('INSERT INTO lean_tx_spec VALUES (4)'));
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
    });
    expect(await rows()).toEqual([1, 4]);
  });
});
