/**
 * The launch-day bench's world (launch-day.ts runs the bursts): the built API as its own process, a
 * scratch database's cohorts and coaches with open sessions and tokens, one measured HTTP request, and
 * what the database says about pending deltas and the time spent in its functions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { JwtService } from '@nestjs/jwt';

export const N = Number(process.env['BENCH_COACHES'] ?? 200);
export const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
export const API_DIST = resolve(process.env['BENCH_API_DIST'] ?? 'dist/apps/api');
export const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const SHAPES = ['one cohort', '100 cohorts, 1 territory', '100 territories'] as const;
export const KINDS = ['completed', 'started'] as const;
export type Shape = (typeof SHAPES)[number];
export type Kind = (typeof KINDS)[number];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function sparePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

/** One request on the shared keep-alive agent: the status, and when the answer ended. */
export function send(
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

/** The sealing key of the credential issuer's keys, shared by the API processes of one run. */
const CREDENTIAL_KEY_SECRET = randomBytes(32).toString('base64');

export async function startApi(databaseUrl: string, jwtSecret: string, port: number, logFile: string) {
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
      // Production on PostgreSQL seals the credential issuer's keys with this: one for every process.
      CREDENTIAL_KEY_SECRET,
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
export async function prepare(db: Client, jwtSecret: string) {
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
export const COUNTER_DIFFERENCES = `
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

export async function functionTimes(db: Client): Promise<Map<string, { calls: number; ms: number }>> {
  const { rows } = await db.query(`SELECT funcname, calls, total_time FROM pg_stat_user_functions`);
  return new Map(
    (rows as { funcname: string; calls: string; total_time: number }[]).map((r) => [
      r.funcname,
      { calls: Number(r.calls), ms: Number(r.total_time) },
    ]),
  );
}

export async function waitForFold(db: Client): Promise<number | null> {
  const started = performance.now();
  let pending = await pendingDeltas(db);
  if (pending === null) return null;
  while (pending > 0 && performance.now() - started < 60_000) {
    await sleep(50);
    pending = (await pendingDeltas(db)) ?? 0;
  }
  return performance.now() - started;
}
