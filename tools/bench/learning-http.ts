/**
 * Benchmark of the coach's hot paths on PostgreSQL (figures, not a test):
 *   npm run bench:learning                        # 12 s per server and path; BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS
 *   BENCH_EVENTS=1000000 npm run bench:learning   # batch ingest size (default 1,000,000)
 *
 * (a) single-event `POST /api/v1/progress/events` and (b) `GET /api/v1/me/enrolments` (learner home), each
 * with autocannon against the API and, in the same run, against a bare Fastify + `pg` server that sends
 * the API's own statements (the principal, the transaction, the enrolment lock, the event insert, the
 * summary read and merge, the cohort counters on a first start or completion for (a); the principal,
 * the enrolments query and the titles for (b); published versions cached in memory by both), so the
 * ratio says what the framework costs. The two servers take turns (BENCH_ROUNDS alternating rounds,
 * after a warm-up), so neither profits from going second. The course-completion statements never run:
 * the bench's eight lessons are not the whole course. Then batch ingest: BENCH_EVENTS events in batches
 * of 500 through the API, reporting events/s.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createSecretKey, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { JwtService } from '@nestjs/jwt';
import { createTestApp } from '../../apps/api/src/testing/test-app';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 12);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const COACHES = 200;
/** `BENCH_ONLY=api` (or `bare`) loads one server only after the warm-up, for a CPU profile of it. */
const ONLY = process.env['BENCH_ONLY'] as 'api' | 'bare' | undefined;

interface Run {
  rps: number;
  /** This process's CPU time per request, µs (the server's work and autocannon's, which is the same for both). */
  cpu: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function cannon(
  url: string,
  opts: { method: 'GET' | 'POST'; tokens: string[]; body?: (i: number) => string; seconds: number },
): Promise<Run> {
  let n = 0;
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: opts.method,
    connections: CONNECTIONS,
    duration: opts.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            headers: {
              ...req.headers,
              authorization: `Bearer ${opts.tokens[i % opts.tokens.length]}`,
              'content-type': 'application/json',
            },
            ...(opts.body ? { body: opts.body(i) } : {}),
          };
        },
      },
    ],
  });
  const used = process.cpuUsage(cpu);
  return {
    rps: result.requests.average,
    cpu: (used.user + used.system) / Math.max(1, result.requests.total),
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  if (process.env['BENCH_DB'] === 'pglite')
    throw new Error('This benchmark measures PostgreSQL; run it with a server at 127.0.0.1:5432.');
  const t = await createTestApp(
    { LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret!' },
    'postgres',
  );
  const databaseUrl = String(t.dataSource.options['url' as keyof typeof t.dataSource.options]);
  try {
    // 200 coaches enrolled in a cohort of the demo course, each with a password and a token.
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courseId = (await t.request('GET', '/api/v1/courses', { token: trainer })).body[0].id as string;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Bench',
        courseId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    const csv = [
      'email,full name,territory code',
      ...Array.from({ length: COACHES }, (_, i) => `bench${i}@coop.ma,Bench ${i},MA-BER`),
    ].join('\n');
    const imported = await t.request(
      'POST',
      `/api/v1/cohorts/${cohort.body.id}/enrolments/import?dryRun=false`,
      {
        token: trainer,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      },
    );
    // New addresses are invited: each coach accepts (choosing a password) and is enrolled then.
    const invited = (imported.body as { result: { invited: { url: string }[] } }).result.invited;
    for (let i = 0; i < invited.length; i += 8)
      await Promise.all(
        invited.slice(i, i + 8).map(async ({ url }) => {
          const res = await t.request('POST', '/api/v1/auth/links/accept', {
            body: { token: url.split('/').pop(), password: 'bench-password-2026' },
          });
          if (res.status !== 200) throw new Error(`accepting an invitation: ${res.status}`);
        }),
      );
    const coaches: { user_id: string; enrolment_id: string }[] = await t.dataSource.query(
      `SELECT e.user_id, e.id AS enrolment_id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'bench%@coop.ma' ORDER BY u.email`,
    );
    // One open session per coach (as a sign-in makes), which every access token names and the API checks.
    const sessions: { user_id: string; family_id: string }[] = await t.dataSource.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at, session_started_at)
       SELECT gen_random_uuid(), id, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), now() + interval '1 day', now()
         FROM users WHERE email LIKE 'bench%@coop.ma'
       RETURNING user_id, family_id`,
    );
    const sessionOf = new Map(sessions.map((s) => [s.user_id, s.family_id]));
    // The same key material as the API (a KeyObject), so both servers pay the same for verification.
    const jwt = new JwtService({
      secret: createSecretKey(Buffer.from('bench-secret-bench-secret-bench-secret!')),
    });
    const tokens = await Promise.all(
      coaches.map((c) =>
        jwt.signAsync({ sub: c.user_id, sid: sessionOf.get(c.user_id), typ: 'access' }, { expiresIn: 3600 }),
      ),
    );
    const enrolmentOfToken = coaches.map((c) => c.enrolment_id);
    const lessonKeys = ['m1-l1', 'm1-l2', 'm1-l3', 'm2-l1', 'm2-l2', 'm2-l3', 'm3-l1', 'm3-l2'];
    const eventBody = (i: number) =>
      JSON.stringify({
        id: randomUUID(),
        enrolmentId: enrolmentOfToken[i % tokens.length],
        lessonKey: lessonKeys[i % lessonKeys.length],
        type: i % 3 ? 'started' : 'completed',
        occurredAt: new Date().toISOString(),
      });

    await t.app.listen(0, '127.0.0.1');
    const apiBase = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    // The bare server: Fastify + pg, the API's own statements (the same texts, found by logging the
    // API's queries), no framework around them.
    const pool = new Pool({ connectionString: databaseUrl, max: 10 });
    const bare = Fastify();
    const principal = async (auth: string | undefined) => {
      const { sub, sid } = await jwt.verifyAsync<{ sub: string; sid: string }>((auth ?? '').slice(7));
      const rows = await pool.query(
        `SELECT u.email, ra.id AS assignment_id, ra.role, ra.territory_id, t.path
           FROM users u LEFT JOIN role_assignments ra ON ra.user_id = u.id LEFT JOIN territories t ON t.id = ra.territory_id
          WHERE u.id = $1 AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
            AND EXISTS (SELECT 1 FROM refresh_tokens rt
                         WHERE rt.family_id = $2 AND rt.user_id = u.id
                           AND rt.revoked_at IS NULL AND rt.expires_at > now())`,
        [sub, sid],
      );
      return { userId: sub, rows: rows.rows };
    };
    // Lesson kinds of the pinned version (the API caches published versions in memory too).
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 AND number = 1`,
      [courseId],
    )) as { content: { modules: { lessons: { key: string; kind: string }[] }[] } }[];
    if (!version) throw new Error('The bench cohort has no version 1');
    const kinds = new Map(version.content.modules.flatMap((m) => m.lessons.map((l) => [l.key, l.kind])));
    bare.post('/api/v1/progress/events', async (req) => {
      const who = await principal(req.headers.authorization);
      const e = req.body as {
        id: string;
        enrolmentId: string;
        lessonKey: string;
        type: string;
        occurredAt: string;
      };
      const client = await pool.connect();
      try {
        await client.query('START TRANSACTION');
        const enrolment = await client.query(
          `SELECT e.id, e.user_id, e.status, e.cohort_id, c.name, c.course_id, c.course_version, c.starts_on::text, c.deadlines, e.completed_at
             FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
            WHERE e.id = ANY($1::uuid[])
            ORDER BY e.id FOR UPDATE OF e`,
          [[e.enrolmentId]],
        );
        const row = enrolment.rows[0] as { user_id: string; cohort_id: string } | undefined;
        if (row?.user_id !== who.userId || !kinds.has(e.lessonKey)) throw new Error('refused');
        const inserted = await client.query(
          `INSERT INTO progress_events (id, enrolment_id, lesson_key, type, occurred_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::timestamptz[])
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          [[e.id], [e.enrolmentId], [e.lessonKey], [e.type], [e.occurredAt]],
        );
        if (inserted.rowCount) {
          const before = await client.query(
            `SELECT enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent
               FROM lesson_progress WHERE enrolment_id = ANY($1::uuid[])`,
            [[e.enrolmentId]],
          );
          const old = (before.rows as { lesson_key: string; completed_at: Date | null }[]).find(
            (r) => r.lesson_key === e.lessonKey,
          );
          // A quiz is completed by a graded attempt, not by an event (as in the API).
          const completedAt =
            e.type === 'completed' && kinds.get(e.lessonKey) !== 'quiz' ? e.occurredAt : null;
          await client.query(
            `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent)
             SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::int[])
             ON CONFLICT (enrolment_id, lesson_key) DO UPDATE SET
               started_at = LEAST(lesson_progress.started_at, EXCLUDED.started_at),
               completed_at = LEAST(lesson_progress.completed_at, EXCLUDED.completed_at),
               last_activity_at = GREATEST(lesson_progress.last_activity_at, EXCLUDED.last_activity_at),
               attempts = lesson_progress.attempts + EXCLUDED.attempts,
               best_percent = GREATEST(lesson_progress.best_percent, EXCLUDED.best_percent)`,
            [[e.enrolmentId], [e.lessonKey], [e.occurredAt], [completedAt], [e.occurredAt], [0], [null]],
          );
          // The counters move on first starts and first completions only, as the API's do.
          const bumps: [string, number, number][] = [];
          if (!before.rowCount) bumps.push(['', 1, 0]);
          const started = old ? 0 : 1;
          const completed = completedAt && !old?.completed_at ? 1 : 0;
          if (started || completed) bumps.push([e.lessonKey, started, completed]);
          if (bumps.length)
            await client.query(
              `INSERT INTO cohort_progress_counters (cohort_id, lesson_key, started, completed)
               SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::int[])
               ON CONFLICT (cohort_id, lesson_key) DO UPDATE SET
                 started = cohort_progress_counters.started + EXCLUDED.started,
                 completed = cohort_progress_counters.completed + EXCLUDED.completed`,
              [
                bumps.map(() => row.cohort_id),
                bumps.map((b) => b[0]),
                bumps.map((b) => b[1]),
                bumps.map((b) => b[2]),
              ],
            );
        }
        await client.query('COMMIT');
        return { accepted: inserted.rows.map((r: { id: string }) => r.id), duplicates: [], rejected: [] };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
    bare.get('/api/v1/me/enrolments', async (req) => {
      const who = await principal(req.headers.authorization);
      const rows = await pool.query(
        `SELECT e.id, e.cohort_id, c.name, c.course_id, c.course_version, e.status, c.starts_on::text, c.ends_on::text,
                coalesce(array_agg(lp.lesson_key) FILTER (WHERE lp.completed_at IS NOT NULL), '{}') AS done
           FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
           LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
          WHERE e.user_id = $1
          GROUP BY e.id, c.id
          ORDER BY c.starts_on DESC`,
        [who.userId],
      );
      await pool.query('SELECT id, title FROM courses WHERE id = ANY($1::uuid[])', [
        [...new Set(rows.rows.map((r: { course_id: string }) => r.course_id))],
      ]);
      return rows.rows;
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

    const line = (who: string, r: Run) =>
      Number.isNaN(r.rps)
        ? `  ${who}: not run (BENCH_ONLY)\n`
        : `  ${who}: ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  CPU ${r.cpu.toFixed(0).padStart(5)} µs/req  errors ${r.errors + r.non2xx}\n`;
    const report = (name: string, api: Run, baseline: Run) =>
      console.log(
        `${name}\n${line('API ', api)}${line('bare', baseline)}` +
          `  ratio API / bare: ${ONLY ? '–' : (api.rps / baseline.rps).toFixed(2)} (target ≥ 0.80)`,
      );
    /**
     * Both servers in alternating rounds (bare first, then API first, …) after a short warm-up of each,
     * so that neither gains from going second (warm caches, a larger table, autovacuum): req/s is the
     * mean over the rounds, p99 the median of the rounds'.
     */
    const compare = async (path: string, method: 'GET' | 'POST', body?: (i: number) => string) => {
      const runs = { api: [] as Run[], bare: [] as Run[] };
      for (const base of [bareBase, apiBase])
        await cannon(`${base}${path}`, { method, tokens, body, seconds: 2 });
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? (['api', 'bare'] as const) : (['bare', 'api'] as const);
        for (const who of order.filter((w) => !ONLY || w === ONLY))
          runs[who].push(
            await cannon(`${who === 'api' ? apiBase : bareBase}${path}`, {
              method,
              tokens,
              body,
              seconds: SECONDS / ROUNDS,
            }),
          );
      }
      const combine = (rs: Run[]): Run => ({
        rps: rs.reduce((n, r) => n + r.rps, 0) / rs.length,
        cpu: rs.reduce((n, r) => n + r.cpu, 0) / rs.length,
        p99: [...rs.map((r) => r.p99)].sort((x, y) => x - y)[Math.floor(rs.length / 2)] as number,
        errors: rs.reduce((n, r) => n + r.errors, 0),
        non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      });
      return { api: combine(runs.api), bare: combine(runs.bare) };
    };
    console.log(
      `coach hot paths on PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s per server in ${ROUNDS} alternating rounds, ${COACHES} coaches`,
    );
    const events = await compare('/api/v1/progress/events', 'POST', eventBody);
    report('(a) POST /progress/events, one event', events.api, events.bare);
    const home = await compare('/api/v1/me/enrolments', 'GET');
    report('(b) GET /me/enrolments (learner home)', home.api, home.bare);
    await bare.close();
    await pool.end();

    // Batch ingest through the API: 500 events per request, 4 requests in flight.
    const batches = Math.ceil(EVENTS / 500);
    let next = 0;
    let accepted = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < batches) {
        const b = next++;
        const coach = b % tokens.length;
        const events = Array.from({ length: Math.min(500, EVENTS - b * 500) }, (_, k) => ({
          id: randomUUID(),
          enrolmentId: enrolmentOfToken[coach],
          lessonKey: lessonKeys[k % lessonKeys.length],
          type: k % 2 ? 'completed' : 'started',
          occurredAt: new Date(Date.now() - 1000).toISOString(),
        }));
        const res = await fetch(`${apiBase}/api/v1/progress/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[coach]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        const body = (await res.json()) as { accepted: string[] };
        accepted += body.accepted.length;
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `batch ingest: ${accepted} events accepted in ${seconds.toFixed(1)} s = ${(accepted / seconds).toFixed(0)} events/s (target ≥ 10,000/s)`,
    );
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
