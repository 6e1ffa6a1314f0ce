/**
 * pg-boss 12 against graphile-worker 0.18, on the embedded database (PGlite behind its one-connection
 * socket server, as the app runs it) and on PostgreSQL: N jobs, each enqueued inside an app
 * transaction that also writes a row (the way `notify` enqueues), then the time until a worker in the
 * same process has run them all. Prints one table and the ratio between the two libraries.
 *
 *   npm run bench:jobs                 # N=300 on both databases
 *   JOBS=1000 DBS=postgres npm run bench:jobs
 *
 * PostgreSQL: TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres); a throwaway
 * database is created per run and dropped after it. A library that has not drained after DRAIN_LIMIT_MS
 * (default 30 s) is reported as such, not waited for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import { PgBoss } from 'pg-boss';
import { run, runMigrations } from 'graphile-worker';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

const N = Number(process.env['JOBS'] ?? 300);
const DRAIN_LIMIT_MS = Number(process.env['DRAIN_LIMIT_MS'] ?? 30000);
const DBS = (process.env['DBS'] ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Result {
  db: string;
  library: string;
  enqueueMs: number;
  drainMs: number | null;
  ran: number;
  note?: string;
}

interface Database {
  url: string;
  /** The app's pool size on this database: one on the embedded one. */
  max: number;
  drop(): Promise<void>;
}

async function database(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tc-bench-jobs-'));
    const embedded = await startEmbeddedPostgres(dir);
    return {
      url: embedded.url,
      max: 1,
      async drop() {
        await embedded.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `tc_bench_jobs_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    max: 10,
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** One app transaction: a row of the app's own, and the job, committed together. */
async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function until(done: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  return new Promise((resolve) => {
    const check = () => {
      if (done()) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(check, 5);
    };
    check();
  });
}

async function pgBoss(kind: string, db: Database): Promise<Result> {
  const pool = new Pool({ connectionString: db.url, max: db.max });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_change (id serial PRIMARY KEY, n int NOT NULL)');
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
    schema: 'pgboss',
    schedule: false,
    supervise: false,
  });
  boss.on('error', (error) => console.error('pg-boss:', error.message));
  await boss.start();
  await boss.createQueue('bench');
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    await inTransaction(pool, async (client) => {
      await client.query('INSERT INTO bench_change (n) VALUES ($1)', [i]);
      await boss.send('bench', { i }, { db: { executeSql: (text, values) => client.query(text, values) } });
    });
  }
  const enqueueMs = performance.now() - started;
  let ran = 0;
  const drainStart = performance.now();
  await boss.work(
    'bench',
    { pollingIntervalSeconds: 0.5, batchSize: 50, burstWhenBatchFull: true },
    async (jobs) => {
      ran += jobs.length;
    },
  );
  const drained = await until(() => ran >= N, DRAIN_LIMIT_MS);
  const drainMs = drained ? performance.now() - drainStart : null;
  await boss.stop({ graceful: true, timeout: 5000 });
  await pool.end();
  return { db: kind, library: 'pg-boss 12', enqueueMs, drainMs, ran };
}

async function graphileWorker(kind: string, db: Database): Promise<Result> {
  const pool = new Pool({ connectionString: db.url, max: db.max });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_change (id serial PRIMARY KEY, n int NOT NULL)');
  await runMigrations({ pgPool: pool, logger: silentLogger() });
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    await inTransaction(pool, async (client) => {
      await client.query('INSERT INTO bench_change (n) VALUES ($1)', [i]);
      await client.query(`SELECT graphile_worker.add_job('bench', $1::json)`, [JSON.stringify({ i })]);
    });
  }
  const enqueueMs = performance.now() - started;
  let ran = 0;
  const drainStart = performance.now();
  const runner = await Promise.race([
    run({
      pgPool: pool,
      concurrency: db.max === 1 ? 1 : 4,
      pollInterval: 500,
      noHandleSignals: true,
      logger: silentLogger(),
      taskList: {
        bench: async () => {
          ran++;
        },
      },
    }),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), DRAIN_LIMIT_MS)),
  ]);
  const drained = runner ? await until(() => ran >= N, DRAIN_LIMIT_MS) : false;
  const drainMs = drained ? performance.now() - drainStart : null;
  if (runner) await Promise.race([runner.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  return {
    db: kind,
    library: 'graphile-worker 0.18',
    enqueueMs,
    drainMs,
    ran,
    note: drained
      ? undefined
      : runner
        ? 'did not drain'
        : 'worker never started (its LISTEN client holds the only connection)',
  };
}

function silentLogger() {
  // graphile-worker's Logger, saying nothing below warnings.
  const { Logger } = require('graphile-worker') as typeof import('graphile-worker');
  return new Logger(() => (level: string, message: string) => {
    if (level === 'error' || level === 'warning') console.error(`graphile-worker ${level}: ${message}`);
  });
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const kind of DBS) {
    for (const bench of [pgBoss, graphileWorker]) {
      const db = await database(kind);
      try {
        results.push(await bench(kind, db));
      } catch (error) {
        results.push({
          db: kind,
          library: bench === pgBoss ? 'pg-boss 12' : 'graphile-worker 0.18',
          enqueueMs: NaN,
          drainMs: null,
          ran: 0,
          note: `failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      } finally {
        await Promise.race([db.drop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
    }
  }
  const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(0));
  console.log(`\n${N} jobs, each enqueued in its own app transaction; drain = until all had run\n`);
  console.log('db        library                enqueue ms  per job ms  drain ms  ran   note');
  for (const r of results) {
    console.log(
      `${r.db.padEnd(9)} ${r.library.padEnd(22)} ${ms(r.enqueueMs).padStart(10)}  ${(r.enqueueMs / N).toFixed(2).padStart(10)}  ${ms(r.drainMs).padStart(8)}  ${String(r.ran).padStart(4)}  ${r.note ?? ''}`,
    );
  }
  for (const kind of DBS) {
    const [boss, worker] = results.filter((r) => r.db === kind);
    if (boss && worker && worker.drainMs && boss.drainMs)
      console.log(
        `${kind}: graphile-worker / pg-boss — enqueue ×${(worker.enqueueMs / boss.enqueueMs).toFixed(2)}, drain ×${(worker.drainMs / boss.drainMs).toFixed(2)}`,
      );
  }
  process.exit(0);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
