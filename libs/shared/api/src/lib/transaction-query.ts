import type { DataSource, EntityManager } from 'typeorm';

/** What `pg` answers a query with (the driver under TypeORM, on PostgreSQL and on the embedded PGlite). */
interface DriverConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement with the driver's own `query` on the connection of the manager's open transaction:
 * the same connection and transaction as `manager.query`, without TypeORM's per-statement work (query
 * runner checks, subscriber broadcasts, result wrapping), which costs as much as a small query on the
 * hot paths. Outside a transaction it is `manager.query`. Answers the rows; errors are the driver's
 * (`code` is the SQLSTATE, as on TypeORM's `QueryFailedError`).
 */
export async function transactionQuery<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (runner?.isTransactionActive && runner.isReleased) throw connectionLost();
  const connection =
    runner?.isTransactionActive && !runner.isReleased
      ? (runner as unknown as { databaseConnection?: DriverConnection }).databaseConnection
      : undefined;
  if (!connection || typeof connection.query !== 'function') return manager.query(sql, params);
  return (await connection.query(sql, params)).rows as T[];
}

/**
 * The transaction's connection broke (the database restarted, or dropped it): TypeORM releases the
 * query runner on the connection's `error` event and leaves it marked as in a transaction. Said with
 * SQLSTATE 08003 (connection does not exist), a database out of reach (503, retried), not TypeORM's
 * "query runner already released", which reads as a bug (500).
 */
function connectionLost(): Error {
  return Object.assign(new Error('The connection of this transaction was lost (the database dropped it).'), {
    code: '08003',
  });
}

/** The driver's connection pool under a TypeORM data source (`pg`'s Pool on PostgreSQL and PGlite). */
interface DriverPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A read outside any transaction, straight on the driver's pool: what `dataSource.query` does without
 * creating and releasing a TypeORM query runner around it (measurable on the hottest reads — the
 * principal behind every request, the learner home). Falls back to `dataSource.query`.
 */
export async function poolQuery<T>(
  dataSource: { query: (sql: string, params?: unknown[]) => Promise<unknown>; driver: unknown },
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as { master?: DriverPool }).master;
  if (!pool || typeof pool.query !== 'function') return (await dataSource.query(sql, params)) as T[];
  return (await pool.query(sql, params)).rows as T[];
}

/** What a TypeORM query runner keeps of its transaction (public in the runtime, `transactionDepth` protected in the types). */
interface RunnerTransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * `dataSource.transaction(work)` for the hottest write (progress events), without TypeORM's
 * per-transaction work: its subscriber broadcasts before and after the start and the commit, and its
 * query wrapper (logging, more broadcasts, result wrapping) around START TRANSACTION and COMMIT. A query
 * runner still takes the pooled connection and gives `work` its manager; the two statements go straight
 * to the driver, and the runner is marked as TypeORM marks it inside a transaction (active, depth 1), so
 * the manager's repositories, {@link transactionQuery} and a nested `manager.transaction` (a savepoint)
 * behave exactly as in TypeORM's own. An error rolls back and is rethrown; the connection always goes back.
 */
export async function leanTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let connection: DriverConnection | undefined;
  try {
    connection = (await runner.connect()) as DriverConnection | undefined;
  } catch (error) {
    await runner.release();
    throw error;
  }
  if (!connection || typeof connection.query !== 'function') {
    await runner.release();
    return dataSource.transaction(work);
  }
  const state = runner as unknown as RunnerTransactionState;
  try {
    await connection.query('START TRANSACTION');
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const result = await work(runner.manager);
    await connection.query('COMMIT');
    return result;
  } catch (error) {
    if (state.isTransactionActive) await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    await runner.release();
  }
}
