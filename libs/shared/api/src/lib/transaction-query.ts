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
