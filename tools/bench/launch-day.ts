/**
 * Launch day, on PostgreSQL (figures, not a test): N coaches each post one progress event at the same
 * moment to the built API, and the database's lock waits are sampled meanwhile.
 *
 *   npx nx build api && npm run bench:launch-day     # N = 200 coaches per burst, 3 rounds (about 2 min)
 *   BENCH_COACHES=1000 npm run bench:launch-day      # the launch-day size
 *   BENCH_API_DIST=/tmp/other/dist/apps/api …        # another build (a before/after comparison)
 *
 * Three shapes of burst, each in its own cohorts: every coach in one cohort; spread over 100 cohorts
 * of one territory; spread over 100 cohorts in 100 territories. Two kinds of event, each the coach's
 * first: `completed` (the lesson begun and finished: the most counts move) and `started`. Rounds
 * alternate the order of the shapes, so that none always goes first or last on a busy machine; every
 * burst has coaches of its own (first events, never replays). The API runs as its own process (the
 * build in BENCH_API_DIST, default dist/apps/api) with its pool of 10 connections, on a scratch
 * database of the PostgreSQL at BENCH_DATABASE_URL (default 127.0.0.1:5432), dropped at the end.
 *
 * Per burst: latencies from the common start (p50/p95/p99), events/s (N over the time to the last
 * answer), answers other than 200, and from `pg_locks` every 20 ms the API's sessions waiting for a
 * lock: the sum over the samples ("waits") and the most at once. Lock waits do not depend on how busy
 * the machine is; throughput does, so the summary gives medians over the rounds. Between bursts the
 * bench waits until the API's folder has applied the pending deltas (where the build has them), and
 * says how long that took. At the end: the database time spent per event in the lesson_progress
 * trigger (the rollups' share of the hot path) and in folding, from `pg_stat_user_functions`; and the
 * counters and rollups must equal a recount.
 */
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import { rollupDifferences } from '../../libs/observatory/api/src/testing';

const N = Number(process.env['BENCH_COACHES'] ?? 200);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const API_DIST = resolve(process.env['BENCH_API_DIST'] ?? 'dist/apps/api');
const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SHAPES = ['one cohort', '100 cohorts, 1 territory', '100 territories'] as const;
const KINDS = ['completed', 'started'] as const;
type Shape = (typeof SHAPES)[number];
type Kind = (typeof KINDS)[number];

interface Burst {
  shape: Shape;
  kind: Kind;
  round: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  waits: number;
  peak: number;
  foldMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sparePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One request on the shared keep-alive agent: the status, and when the answer ended. */
function send(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  token?: string,
  body?: string,
): Promise<{ status: number; at: number }> {
  return new Promise((done) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0, at: performance.now() }));
      },
    );
    req.on('error', () => done({ status: 0, at: performance.now() }));
    req.end(body);
  });
}

async function startApi(databaseUrl: string, jwtSecret: string, port: number, logFile: string) {
  const mainJs = join(API_DIST, 'apps/api/src/main.js');
  if (!existsSync(mainJs)) throw new Error(`No API build at ${mainJs}: run \`npx nx build api\` first.`);
  const work = mkdtempSync(join(tmpdir(), 'tc-launch-day-'));
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      DEMO_SEED: 'true',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://launch-day.example.org',
      DATA_DIR: join(work, 'data'),
      WEB_DIST: join(work, 'no-web-build'),
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', out, out],
  });
  const agent = new http.Agent({ keepAlive: true });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(`The API stopped:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    if ((await send(agent, port, 'GET', '/api/health/ready')).status === 200) break;
    await sleep(250);
  }
  agent.destroy();
  return { child, work };
}

/** Cohorts of the demo course for each shape, and fresh coaches with open sessions for every burst. */
async function prepare(db: Client, jwtSecret: string) {
  const [course] = (
    await db.query(
      `SELECT c.id, v.number, v.content FROM courses c JOIN course_versions v ON v.course_id = c.id
        ORDER BY v.number DESC LIMIT 1`,
    )
  ).rows as {
    id: string;
    number: number;
    content: { modules: { lessons: { key: string; kind: string }[] }[] };
  }[];
  if (!course) throw new Error('No published course (the demo data)');
  const lesson = course.content.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'text')!.key;
  const [admin] = (await db.query(`SELECT user_id FROM role_assignments WHERE role = 'admin' LIMIT 1`))
    .rows as { user_id: string }[];
  const [province] = (
    await db.query(`SELECT id, path, depth FROM territories WHERE level = 'province' ORDER BY code LIMIT 1`)
  ).rows as { id: string; path: string; depth: number }[];
  // 100 communes of one province, for the spread shape: each has its own rollup rows.
  const communes = (
    await db.query(
      `WITH ids AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, 100) i)
       INSERT INTO territories (id, parent_id, level, name_fr, name_ar, name_en, path, depth)
       SELECT id, $1, 'commune', 'Commune ' || i, 'Commune ' || i, 'Commune ' || i, $2 || id || '/', $3 + 1 FROM ids
       RETURNING id`,
      [province!.id, province!.path, province!.depth],
    )
  ).rows.map((r: { id: string }) => r.id);
  const cohortsIn = async (territories: string[], count: number, name: string) =>
    (
      await db.query(
        `INSERT INTO cohorts (name, course_id, course_version, territory_id, status, starts_on, ends_on, created_by)
         SELECT $1 || ' #' || i, $2, $3, ($4::uuid[])[1 + (i - 1) % cardinality($4::uuid[])], 'running',
                current_date - 7, current_date + 120, $5
           FROM generate_series(1, $6) i RETURNING id`,
        [name, course.id, course.number, territories, admin!.user_id, count],
      )
    ).rows.map((r: { id: string }) => r.id) as string[];
  const cohorts: Record<Shape, string[]> = {
    'one cohort': await cohortsIn([communes[0]!], 1, 'Launch, one cohort'),
    '100 cohorts, 1 territory': await cohortsIn([communes[1]!], 100, 'Launch, one territory'),
    '100 territories': await cohortsIn(communes, 100, 'Launch, spread'),
  };
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(jwtSecret)) });
  const coaches = new Map<string, { token: string; enrolmentId: string }[]>();
  for (let round = 0; round < ROUNDS; round++)
    for (const kind of KINDS)
      for (const shape of SHAPES) {
        const tag = `r${round}-${kind}-${SHAPES.indexOf(shape)}`;
        const rows = (
          await db.query(
            `WITH p AS (
               SELECT gen_random_uuid() AS user_id, gen_random_uuid() AS family_id, i,
                      ($2::uuid[])[1 + (i - 1) % cardinality($2::uuid[])] AS cohort_id FROM generate_series(1, $1) i),
             u AS (INSERT INTO users (id, email, display_name, password_hash)
                   SELECT user_id, 'launch-' || $3 || '-' || i || '@bench.invalid', 'Coach ' || i, 'no-password' FROM p),
             r AS (INSERT INTO role_assignments (user_id, role, territory_id)
                   SELECT p.user_id, 'coach', c.territory_id FROM p JOIN cohorts c ON c.id = p.cohort_id),
             s AS (INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at, session_started_at)
                   SELECT family_id, user_id, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), now() + interval '1 day', now() FROM p)
             SELECT p.user_id, p.family_id, p.cohort_id FROM p ORDER BY i`,
            [N, cohorts[shape], tag],
          )
        ).rows as { user_id: string; family_id: string; cohort_id: string }[];
        // After the users exist (their rows are visible to this statement's foreign keys).
        const enrolled = (
          await db.query(
            `INSERT INTO enrolments (cohort_id, user_id, status, source, enrolled_at)
             SELECT cohort_id, user_id, 'active', 'csv', now() - interval '1 hour'
               FROM unnest($1::uuid[], $2::uuid[]) x(cohort_id, user_id)
             RETURNING id, user_id`,
            [rows.map((r) => r.cohort_id), rows.map((r) => r.user_id)],
          )
        ).rows as { id: string; user_id: string }[];
        const enrolmentOf = new Map(enrolled.map((e) => [e.user_id, e.id]));
        coaches.set(
          tag,
          await Promise.all(
            rows.map(async (r) => ({
              token: await jwt.signAsync(
                { sub: r.user_id, sid: r.family_id, typ: 'access' },
                { expiresIn: 3600 },
              ),
              enrolmentId: enrolmentOf.get(r.user_id)!,
            })),
          ),
        );
      }
  return { lesson, coaches };
}

/** Per-lesson counters of the bench's cohorts that differ from a recount of the lesson summaries. */
const COUNTER_DIFFERENCES = `
  WITH expected AS (
    SELECT e.cohort_id, lp.lesson_key, count(*) FILTER (WHERE lp.started_at IS NOT NULL)::int AS started,
           count(*) FILTER (WHERE lp.completed_at IS NOT NULL)::int AS completed
      FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id
      JOIN cohorts c ON c.id = e.cohort_id WHERE c.name LIKE 'Launch, %' GROUP BY 1, 2),
  actual AS (
    SELECT p.cohort_id, p.lesson_key, p.started, p.completed FROM cohort_progress_counters p
      JOIN cohorts c ON c.id = p.cohort_id WHERE c.name LIKE 'Launch, %' AND p.lesson_key <> '')
  SELECT count(*) AS n FROM ((SELECT * FROM expected EXCEPT SELECT * FROM actual)
                             UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)) d`;

/** The pending deltas, or null where the build keeps none. */
async function pendingDeltas(db: Client): Promise<number | null> {
  const tables = (
    await db.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE '%\\_deltas'`)
  ).rows.map((r: { relname: string }) => r.relname);
  if (!tables.length) return null;
  const [row] = (
    await db.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`)
  ).rows as { n: string }[];
  return Number(row?.n ?? 0);
}

async function functionTimes(db: Client): Promise<Map<string, { calls: number; ms: number }>> {
  const { rows } = await db.query(`SELECT funcname, calls, total_time FROM pg_stat_user_functions`);
  return new Map(
    (rows as { funcname: string; calls: string; total_time: number }[]).map((r) => [
      r.funcname,
      { calls: Number(r.calls), ms: Number(r.total_time) },
    ]),
  );
}

async function waitForFold(db: Client): Promise<number | null> {
  const started = performance.now();
  let pending = await pendingDeltas(db);
  if (pending === null) return null;
  while (pending > 0 && performance.now() - started < 60_000) {
    await sleep(50);
    pending = (await pendingDeltas(db)) ?? 0;
  }
  return performance.now() - started;
}

async function burst(
  port: number,
  sampler: Client,
  database: string,
  lesson: string,
  coaches: { token: string; enrolmentId: string }[],
  kind: Kind,
): Promise<Omit<Burst, 'shape' | 'kind' | 'round' | 'foldMs'>> {
  // One open connection per coach before the start, as phones already online would have.
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: coaches.length,
    maxFreeSockets: coaches.length,
  });
  await Promise.all(coaches.map(() => send(agent, port, 'GET', '/api/health/live')));
  const bodies = coaches.map((c) =>
    JSON.stringify({
      id: randomUUID(),
      enrolmentId: c.enrolmentId,
      lessonKey: lesson,
      type: kind,
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    }),
  );
  let done = false;
  let waits = 0;
  let peak = 0;
  const sampling = (async () => {
    while (!done) {
      const { rows } = await sampler.query(
        `SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE NOT l.granted AND a.datname = $1`,
        [database],
      );
      const n = (rows[0] as { n: number }).n;
      waits += n;
      peak = Math.max(peak, n);
      await sleep(20);
    }
  })();
  const t0 = performance.now();
  const answers = await Promise.all(
    coaches.map((c, i) => send(agent, port, 'POST', '/api/v1/progress/events', c.token, bodies[i])),
  );
  done = true;
  await sampling;
  agent.destroy();
  const ms = answers.map((a) => a.at - t0).sort((a, b) => a - b);
  return {
    perSecond: coaches.length / (Math.max(...ms) / 1000),
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    failed: answers.filter((a) => a.status !== 200).length,
    waits,
    peak,
  };
}

async function main(): Promise<void> {
  const database = `tc_launch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  // Time spent in the rollup functions (the lesson trigger on the hot path; the fold), per call.
  await admin.query(`ALTER DATABASE ${database} SET track_functions = 'pl'`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const jwtSecret = randomBytes(32).toString('base64url');
  const port = await sparePort();
  const logFile = join(tmpdir(), `${database}.log`);
  let api: { child: ChildProcess; work: string } | undefined;
  const db = new Client({ connectionString: url.toString() });
  const sampler = new Client({ connectionString: url.toString() });
  try {
    console.log(
      `launch day: ${N} coaches per burst, ${ROUNDS} rounds; API build ${API_DIST}; log ${logFile}`,
    );
    const started = performance.now();
    api = await startApi(url.toString(), jwtSecret, port, logFile);
    await db.connect();
    await sampler.connect();
    const { lesson, coaches } = await prepare(db, jwtSecret);
    await waitForFold(db);
    // Backends report their function statistics when idle for 10 s at the latest.
    await sleep(11_000);
    const functionsBefore = await functionTimes(db);
    console.log(
      `API up and ${coaches.size * N} coaches enrolled in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    const [deadlocksBefore] = (
      await db.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = $1`, [database])
    ).rows as { deadlocks: string }[];
    const bursts: Burst[] = [];
    const pad = (x: string | number, n: number) => String(x).padEnd(n);
    console.log(
      `${pad('round', 6)}${pad('event', 10)}${pad('shape', 26)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('non-200', 8)}${pad('lock waits (peak)', 18)}folded after`,
    );
    for (let round = 0; round < ROUNDS; round++)
      for (const kind of KINDS) {
        // Rotated each round: every shape goes first, second and last in turn.
        const order = SHAPES.map((_, i) => SHAPES[(i + round) % SHAPES.length]!);
        for (const shape of order) {
          const tag = `r${round}-${kind}-${SHAPES.indexOf(shape)}`;
          const b = await burst(port, sampler, database, lesson, coaches.get(tag)!, kind);
          const foldMs = await waitForFold(db);
          await sleep(500);
          bursts.push({ ...b, shape, kind, round, foldMs });
          console.log(
            `${pad(round + 1, 6)}${pad(kind, 10)}${pad(shape, 26)}${pad(b.perSecond.toFixed(0), 10)}${pad(b.p50.toFixed(0), 8)}${pad(b.p95.toFixed(0), 8)}${pad(b.p99.toFixed(0), 8)}${pad(b.failed, 8)}${pad(`${b.waits} (${b.peak})`, 18)}${foldMs === null ? 'no deltas' : `${(foldMs / 1000).toFixed(1)} s`}`,
          );
        }
      }
    const [deadlocksAfter] = (
      await db.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = $1`, [database])
    ).rows as { deadlocks: string }[];

    console.log(
      `\nmedians over ${ROUNDS} rounds (lock waits: median sum over the samples, and the most at once)`,
    );
    console.log(
      `${pad('event', 10)}${pad('shape', 26)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('lock waits', 12)}peak`,
    );
    const medians = new Map<string, { perSecond: number; p99: number }>();
    for (const kind of KINDS)
      for (const shape of SHAPES) {
        const of = bursts.filter((b) => b.kind === kind && b.shape === shape);
        const m = {
          perSecond: median(of.map((b) => b.perSecond)),
          p50: median(of.map((b) => b.p50)),
          p95: median(of.map((b) => b.p95)),
          p99: median(of.map((b) => b.p99)),
          waits: median(of.map((b) => b.waits)),
          peak: Math.max(...of.map((b) => b.peak)),
        };
        medians.set(`${kind}|${shape}`, m);
        console.log(
          `${pad(kind, 10)}${pad(shape, 26)}${pad(m.perSecond.toFixed(0), 10)}${pad(m.p50.toFixed(0), 8)}${pad(m.p95.toFixed(0), 8)}${pad(m.p99.toFixed(0), 8)}${pad(m.waits, 12)}${m.peak}`,
        );
      }
    console.log('\none cohort against 100 territories (targets: throughput ≥ 0.9×, p99 ≤ 1.1×)');
    for (const kind of KINDS) {
      const one = medians.get(`${kind}|one cohort`)!;
      const spread = medians.get(`${kind}|100 territories`)!;
      console.log(
        `  ${pad(kind, 10)} throughput ×${(one.perSecond / spread.perSecond).toFixed(2)}   p99 ×${(one.p99 / spread.p99).toFixed(2)}`,
      );
    }
    await sleep(11_000);
    const functionsAfter = await functionTimes(db);
    const spent = (name: string) => {
      const [a, b] = [functionsAfter.get(name), functionsBefore.get(name)];
      return { calls: (a?.calls ?? 0) - (b?.calls ?? 0), ms: (a?.ms ?? 0) - (b?.ms ?? 0) };
    };
    const events = bursts.length * N;
    const trigger = spent('obs_lessons_changed');
    const fold = spent('obs_fold_rollups');
    console.log(
      `\ndatabase time in the lesson_progress trigger (hot path, with what it calls): ${(trigger.ms / events).toFixed(3)} ms per event` +
        (fold.calls
          ? `; folding: ${((fold.ms / events) * 1000).toFixed(0)} ms per 1,000 events (${fold.calls} folds)`
          : ''),
    );
    const failed = bursts.reduce((n, b) => n + b.failed, 0);
    const folds = bursts.map((b) => b.foldMs).filter((ms): ms is number => ms !== null);
    const check = new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 1 } });
    await check.initialize();
    const differences =
      Object.values(await rollupDifferences(check)).reduce((n, rows) => n + rows.length, 0) +
      Number((await db.query(COUNTER_DIFFERENCES)).rows[0].n);
    await check.destroy();
    console.log(
      `\nanswers other than 200: ${failed}; deadlocks: ${Number(deadlocksAfter?.deadlocks) - Number(deadlocksBefore?.deadlocks)}; ` +
        (folds.length
          ? `deltas folded within ${(Math.max(...folds) / 1000).toFixed(1)} s of a burst's end (worst); `
          : '') +
        `rollups equal to a recount: ${differences ? `NO (${differences} rows differ)` : 'yes'}`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await sampler.end().catch(() => undefined);
    if (api) {
      api.child.kill('SIGTERM');
      await new Promise((r) => (api!.child.exitCode !== null ? r(null) : api!.child.once('exit', r)));
      rmSync(api.work, { recursive: true, force: true });
    }
    if (!process.env['BENCH_KEEP_DB']) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
