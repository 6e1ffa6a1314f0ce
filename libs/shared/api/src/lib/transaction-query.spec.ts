import type { EntityManager } from 'typeorm';
import { databaseUnavailable } from './problem-details.filter';
import { transactionQuery } from './transaction-query';

/**
 * A transaction whose connection broke: TypeORM's PostgresQueryRunner, on its client's `error` event
 * (the server dropped it), releases itself (`isReleased`) and leaves `isTransactionActive` as it was.
 * Seen in load:faults while PostgreSQL restarted: the next statement of the progress ingest answered 500
 * ("query runner already released"). (The real event is not replayed here: on PGlite's socket server a
 * synthetic one leaves a second, unrelated close error.)
 */
describe('transactionQuery on a transaction whose connection broke', () => {
  const manager = (state: { isTransactionActive: boolean; isReleased: boolean }) => {
    const query = jest.fn().mockResolvedValue([]);
    const driverQuery = jest.fn().mockResolvedValue({ rows: [] });
    return {
      query,
      driverQuery,
      manager: {
        query,
        queryRunner: { ...state, databaseConnection: { query: driverQuery } },
      } as unknown as EntityManager,
    };
  };

  it('says the database is out of reach (SQLSTATE 08003, a 503), and sends nothing', async () => {
    const m = manager({ isTransactionActive: true, isReleased: true });
    const failure = await transactionQuery(m.manager, 'SELECT 1', []).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: '08003' });
    expect(databaseUnavailable(failure)).toBe(true);
    expect(m.query).not.toHaveBeenCalled();
    expect(m.driverQuery).not.toHaveBeenCalled();
  });

  it('still uses the transaction connection while it is sound, and the manager outside a transaction', async () => {
    const open = manager({ isTransactionActive: true, isReleased: false });
    await transactionQuery(open.manager, 'SELECT 1', []);
    expect(open.driverQuery).toHaveBeenCalledWith('SELECT 1', []);
    expect(open.query).not.toHaveBeenCalled();
    const none = manager({ isTransactionActive: false, isReleased: true });
    await transactionQuery(none.manager, 'SELECT 1', []);
    expect(none.query).toHaveBeenCalledWith('SELECT 1', []);
  });
});
