import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../database/data-source-options';
import { MIGRATION_LOCK_KEY, runMigrationsExclusively, type MigrationRun } from '../database/run-migrations';
import { testDatabaseKind } from '../testing/test-app';

/**
 * Operations: the BUILT API (`npx nx build api` first) as a child process, stopped with SIGTERM while a
 * request is still arriving; and migrations started by two replicas at the same moment.
 */
const MAIN = resolve(process.env['API_MAIN'] ?? 'dist/apps/api/apps/api/src/main.js');
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

jest.setTimeout(120_000);

interface Database {
  env: Record<string, string>;
  /** The database's URL (PostgreSQL) or data folder (PGlite). */
  where: string;
  drop(): Promise<void>;
}

async function freshDatabase(kind: 'postgres' | 'pglite'): Promise<Database> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tc-ops-'));
    return {
      env: { DATA_DIR: dir },
      where: dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tc_ops_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    where: url.toString(),
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

interface Api {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts the built API; resolves once it listens, rejects if it exits first. */
async function startApi(env: Record<string, string>): Promise<Api> {
  if (!existsSync(MAIN)) throw new Error(`No API build at ${MAIN}: run \`npx nx build api\` first.`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'true',
      WEB_DIST: join(tmpdir(), 'tc-no-web-build'),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  await new Promise<void>((ok, fail) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (output.includes('is ready at')) {
        clearInterval(poll);
        ok();
      } else if (child.exitCode !== null || Date.now() - started > 90_000) {
        clearInterval(poll);
        fail(new Error(`the API did not start (exit ${child.exitCode}):\n${output}`));
      }
    }, 50);
  });
  return { child, port, output: () => output, exited };
}

interface Answer {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

function read(res: IncomingMessage): Promise<Answer> {
  return new Promise((ok, fail) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (body += d));
    res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    res.on('error', fail);
  });
}

/** A GET on a connection of its own (no keep-alive agent). */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent: false },
      (res) => void read(res).then(ok, fail),
    );
    req.on('error', fail);
    req.end();
  });
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      ok(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => ok(error.code === 'ECONNREFUSED'));
  });
}

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - started > 15_000)
      throw new Error(`timed out waiting for ${what}; last: ${String(value)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/**
 * A sign-in whose body arrives in two parts, like a phone on a slow network: the request is in flight
 * from its headers until `finish()` sends the rest.
 */
function slowSignIn(port: number): { finish(): void; answer: Promise<Answer> } {
  const body = JSON.stringify({ email: 'admin@example.org', password: 'demo-password-2026' });
  const half = Math.floor(body.length / 2);
  let finish = () => undefined as void;
  const answer = new Promise<Answer>((ok, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/auth/sign-in',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => void read(res).then(ok, fail),
    );
    req.on('error', fail);
    req.flushHeaders();
    req.write(body.slice(0, half));
    finish = () => void req.end(body.slice(half));
  });
  return { finish: () => finish(), answer };
}

describe('operations', () => {
  let kind: 'postgres' | 'pglite';
  beforeAll(async () => {
    kind = await testDatabaseKind();
  });

  describe('graceful shutdown of the built API', () => {
    let db: Database;
    let api: Api | null = null;
    beforeEach(async () => {
      db = await freshDatabase(kind);
    });
    afterEach(async () => {
      if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
      await api?.exited;
      api = null;
      await db.drop();
    });

    it('on SIGTERM: readiness 503 at once, new connections refused, the request in flight answered 200, exit 0', async () => {
      api = await startApi({ ...db.env, SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_GRACE_MS: '20000' });
      const { port } = api;
      const ready = await get(port, '/api/health/ready');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({
        status: 'ok',
        migrations: 'applied',
        shuttingDown: false,
      });

      const slow = slowSignIn(port);
      // The server is past the slow request's headers once it has answered a request sent after them.
      expect((await get(port, '/api/health/live')).status).toBe(200);
      api.child.kill('SIGTERM');

      // Draining: the port still answers, readiness says why it is not ready, liveness is still 200.
      const draining = await eventually(
        'readiness 503',
        () => get(port, '/api/health/ready'),
        (a) => a.status === 503,
      );
      expect(draining.headers['content-type']).toMatch(/json/);
      expect(JSON.parse(draining.body)).toMatchObject({
        status: 'error',
        database: 'up',
        migrations: 'applied',
        shuttingDown: true,
      });
      expect((await get(port, '/api/health')).status).toBe(503);
      const live = await get(port, '/api/health/live');
      expect(live.status).toBe(200);
      expect(JSON.parse(live.body)).toMatchObject({ status: 'ok', shuttingDown: true });

      // Then the port closes, while the slow request is still arriving.
      await eventually(
        'the port to close',
        () => refused(port),
        (r) => r,
      );
      expect(api.child.exitCode).toBeNull();

      slow.finish();
      const answer = await slow.answer;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ accessToken: expect.any(String) });
      expect(answer.headers['connection']).toBe('close');

      expect(await api.exited).toBe(0);
      expect(api.output()).toMatch(/every request in flight finished, database closed/);
      if (kind === 'pglite') expect(existsSync(join(db.where, 'tc.lock'))).toBe(false);
    });

    it('cuts a request that outlives SHUTDOWN_GRACE_MS, then still closes the database and exits 0', async () => {
      api = await startApi({ ...db.env, SHUTDOWN_GRACE_MS: '1000' });
      const slow = slowSignIn(api.port);
      expect((await get(api.port, '/api/health/live')).status).toBe(200);
      const signalled = Date.now();
      api.child.kill('SIGTERM');
      await expect(slow.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(await api.exited).toBe(0);
      const took = Date.now() - signalled;
      expect(took).toBeGreaterThanOrEqual(1000);
      expect(took).toBeLessThan(10_000);
      expect(api.output()).toMatch(/grace period ran out/);
      if (kind === 'pglite') expect(existsSync(join(db.where, 'tc.lock'))).toBe(false);
    });
  });

  describe('migrations started by two replicas at the same moment', () => {
    let db: Database;
    beforeEach(async () => {
      db = await freshDatabase(kind);
    });
    afterEach(async () => {
      await db.drop();
    });

    async function appliedRows(
      query: (sql: string) => Promise<unknown>,
    ): Promise<{ name: string; n: number }[]> {
      return (await query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name`)) as {
        name: string;
        n: number;
      }[];
    }

    it('PostgreSQL: one replica migrates, the other waits for the advisory lock and finds nothing to do; PGlite: the second process is refused', async () => {
      const names = MIGRATIONS.map((m) => m.name).sort();
      if (kind === 'postgres') {
        const replicas = [0, 1].map(() => new DataSource(dataSourceOptions(db.where, 'postgres')));
        await Promise.all(replicas.map((r) => r.initialize()));
        try {
          const logs: string[][] = [[], []];
          const runs: MigrationRun[] = await Promise.all(
            replicas.map((r, i) => runMigrationsExclusively(r, 'postgres', (m) => logs[i]?.push(m))),
          );
          const [first, second] = [...runs].sort((a, b) => b.applied.length - a.applied.length);
          expect(first?.applied.slice().sort()).toEqual(names);
          expect(first?.waited).toBe(false);
          expect(second?.applied).toEqual([]);
          expect(second?.waited).toBe(true);
          expect(second?.waitedMs).toBeGreaterThan(0);
          expect(logs.flat()).toContainEqual(expect.stringMatching(/waiting for it to finish/));
          const rows = await appliedRows((sql) => replicas[0]!.query(sql));
          expect(rows).toEqual(names.map((name) => ({ name, n: 1 })));
        } finally {
          await Promise.all(replicas.map((r) => r.destroy()));
        }
      } else {
        // PGlite: the data folder's lock file lets one process in; the other stops with a clear message.
        const [a, b] = await Promise.allSettled([startApi(db.env), startApi(db.env)]);
        const started = [a, b].filter((r) => r.status === 'fulfilled').map((r) => r.value);
        const failed = [a, b].filter((r) => r.status === 'rejected').map((r) => String(r.reason));
        try {
          expect(started).toHaveLength(1);
          expect(failed).toEqual([expect.stringMatching(/already in use by process \d+/)]);
          const ready = await get(started[0]!.port, '/api/health/ready');
          expect(JSON.parse(ready.body)).toMatchObject({
            status: 'ok',
            migrations: 'applied',
            pendingMigrations: [],
          });
        } finally {
          for (const s of started) s.child.kill('SIGTERM');
          expect(await Promise.all(started.map((s) => s.exited))).toEqual(started.map(() => 0));
        }
      }
    });

    it('a replica waits as long as another holds the lock, then applies each migration once', async () => {
      if (kind === 'postgres') {
        const holder = new Client({ connectionString: db.where });
        await holder.connect();
        const replica = new DataSource(dataSourceOptions(db.where, 'postgres'));
        await replica.initialize();
        try {
          await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
          let finished = false;
          const run = runMigrationsExclusively(replica, 'postgres').finally(() => (finished = true));
          await new Promise((ok) => setTimeout(ok, 700));
          expect(finished).toBe(false);
          const [{ table }] = (await holder.query(`SELECT to_regclass('migrations')::text AS table`))
            .rows as [{ table: string | null }];
          expect(table).toBeNull();
          await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
          const result = await run;
          expect(result.waited).toBe(true);
          expect(result.waitedMs).toBeGreaterThanOrEqual(600);
          expect(result.applied).toHaveLength(MIGRATIONS.length);
          // A replica after it: nothing to do, no wait.
          expect(await runMigrationsExclusively(replica, 'postgres')).toMatchObject({
            applied: [],
            waited: false,
          });
          const rows = await appliedRows((sql) => replica.query(sql));
          expect(rows.every((r) => r.n === 1) && rows.length === MIGRATIONS.length).toBe(true);
        } finally {
          await replica.destroy();
          await holder.end();
        }
      } else {
        // PGlite: one connection, so no lock connection beside the run; applied once, and once only.
        const { startEmbeddedPostgres } = await import('../database/embedded-postgres');
        const embedded = await startEmbeddedPostgres(db.where);
        const replica = new DataSource(dataSourceOptions(embedded.url, 'pglite'));
        await replica.initialize();
        try {
          const first = await runMigrationsExclusively(replica, 'pglite');
          expect(first.applied).toHaveLength(MIGRATIONS.length);
          expect(await runMigrationsExclusively(replica, 'pglite')).toMatchObject({
            applied: [],
            waited: false,
          });
          const rows = await appliedRows((sql) => replica.query(sql));
          expect(rows.every((r) => r.n === 1) && rows.length === MIGRATIONS.length).toBe(true);
        } finally {
          await replica.destroy();
          await embedded.stop();
        }
      }
    });
  });
});
