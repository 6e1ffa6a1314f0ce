import type { DataSource } from 'typeorm';
import type { DatabaseKind } from './data-source-options';

/**
 * The key of the session-level advisory lock every replica takes before it migrates a PostgreSQL
 * database (any fixed 64-bit number; this one is "tc-migr" in ASCII, 0x74632d6d696772). Session-level: a process that
 * dies while migrating loses its connection, and PostgreSQL releases the lock with it.
 */
export const MIGRATION_LOCK_KEY = '32760144058738546';

export interface MigrationRun {
  /** Names of the migrations this call applied (none when another replica had applied them). */
  applied: string[];
  /** Whether another process held the lock when this one asked for it. */
  waited: boolean;
  /** How long this process waited for the lock, ms. */
  waitedMs: number;
}

/**
 * Applies the pending migrations, one transaction each. On PostgreSQL the run happens under an advisory
 * lock held on a connection of its own, so replicas starting at the same moment take turns: the first
 * migrates, the others wait, then find nothing to do. PGlite serves one process (its data folder is
 * locked) through one connection, so it migrates directly: a lock connection would leave none for the run.
 */
export async function runMigrationsExclusively(
  dataSource: DataSource,
  kind: DatabaseKind,
  log: (message: string) => void = () => undefined,
): Promise<MigrationRun> {
  if (kind === 'pglite') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((m) => m.name), waited: false, waitedMs: 0 };
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    const started = Date.now();
    const [{ taken }] = (await lock.query('SELECT pg_try_advisory_lock($1::bigint) AS taken', [
      MIGRATION_LOCK_KEY,
    ])) as [{ taken: boolean }];
    if (!taken) {
      log('Another process is migrating this database: waiting for it to finish.');
      await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
    const waitedMs = Date.now() - started;
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (!taken)
        log(`Took the migration lock after ${waitedMs} ms; ${applied.length} migration(s) left to apply.`);
      return { applied: applied.map((m) => m.name), waited: !taken, waitedMs };
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}

/** Names of this build's migrations that the database has not recorded as applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  const [{ exists }] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [
    `"${table}"`,
  ])) as [{ exists: boolean }];
  if (!exists) return known;
  const rows = (await dataSource.query(`SELECT name FROM "${table}"`)) as { name: string }[];
  const done = new Set(rows.map((r) => r.name));
  return known.filter((name) => !done.has(name));
}
