import type { EntityManager } from 'typeorm';

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
  const connection =
    runner?.isTransactionActive && !runner.isReleased
      ? (runner as unknown as { databaseConnection?: DriverConnection }).databaseConnection
      : undefined;
  if (!connection || typeof connection.query !== 'function') return manager.query(sql, params);
  return (await connection.query(sql, params)).rows as T[];
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
