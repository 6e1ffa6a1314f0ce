/**
 * Benchmark of the coach's hot paths on PostgreSQL (figures, not a test):
 *   npm run bench:learning                    # 10 s per measurement; BENCH_SECONDS, BENCH_CONNECTIONS
 *   BENCH_EVENTS=1000000 npm run bench:learning   # batch ingest size (default 1,000,000)
 *
 * (a) single-event `POST /api/v1/progress/events` and (b) `GET /api/v1/me/enrolments` (learner home), each
 * with autocannon against the API and, in the same run, against a bare Fastify + `pg` server doing the
 * same SQL (principal, lock, insert, summary read and upsert for (a); principal, the enrolments query and
 * the titles for (b); published versions are cached in memory by both, as they never change), so the
 * ratio says what the framework and the domain's extra work (counters, completion) cost. Then batch ingest: BENCH_EVENTS events in batches
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

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const COACHES = 200;

interface Run {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function cannon(
  url: string,
  opts: { method: 'GET' | 'POST'; tokens: string[]; body?: (i: number) => string },
): Promise<Run> {
  let n = 0;
  const result = await autocannon({
    url,
    method: opts.method,
    connections: CONNECTIONS,
    duration: SECONDS,
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
  return {
    rps: result.requests.average,
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
    await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments/import?dryRun=false`, {
      token: trainer,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    await t.dataSource.query(
      `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'coach@example.org') WHERE email LIKE 'bench%@coop.ma'`,
    );
    const coaches: { user_id: string; enrolment_id: string }[] = await t.dataSource.query(
      `SELECT e.user_id, e.id AS enrolment_id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'bench%@coop.ma' ORDER BY u.email`,
    );
    // The same key material as the API (a KeyObject), so both servers pay the same for verification.
    const jwt = new JwtService({
      secret: createSecretKey(Buffer.from('bench-secret-bench-secret-bench-secret!')),
    });
    const tokens = await Promise.all(
      coaches.map((c) => jwt.signAsync({ sub: c.user_id, typ: 'access' }, { expiresIn: 3600 })),
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

    // The bare server: Fastify + pg, the same statements, no framework around them.
    const pool = new Pool({ connectionString: databaseUrl, max: 10 });
    const bare = Fastify();
    const principal = async (auth: string | undefined) => {
      const { sub } = await jwt.verifyAsync<{ sub: string }>((auth ?? '').slice(7));
      const rows = await pool.query(
        `SELECT u.email, ra.role, t.path FROM users u LEFT JOIN role_assignments ra ON ra.user_id = u.id LEFT JOIN territories t ON t.id = ra.territory_id
          WHERE u.id = $1 AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL`,
        [sub],
      );
      return { userId: sub, rows: rows.rows };
    };
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
        await client.query('BEGIN');
        const enrolment = await client.query(
          'SELECT e.id, e.user_id, c.course_id, c.course_version FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE e.id = $1 FOR UPDATE OF e',
          [e.enrolmentId],
        );
        if (enrolment.rows[0]?.user_id !== who.userId) throw new Error('not yours');
        const inserted = await client.query(
          `INSERT INTO progress_events (id, enrolment_id, lesson_key, type, occurred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [e.id, e.enrolmentId, e.lessonKey, e.type, e.occurredAt],
        );
        await client.query('SELECT * FROM lesson_progress WHERE enrolment_id = $1', [e.enrolmentId]);
        await client.query(
          `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at) VALUES ($1, $2, $3, $4, $3)
           ON CONFLICT (enrolment_id, lesson_key) DO UPDATE SET started_at = LEAST(lesson_progress.started_at, EXCLUDED.started_at),
             completed_at = LEAST(lesson_progress.completed_at, EXCLUDED.completed_at), last_activity_at = GREATEST(lesson_progress.last_activity_at, EXCLUDED.last_activity_at)`,
          [e.enrolmentId, e.lessonKey, e.occurredAt, e.type === 'completed' ? e.occurredAt : null],
        );
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
           FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
          WHERE e.user_id = $1 GROUP BY e.id, c.id`,
        [who.userId],
      );
      await pool.query('SELECT id, title FROM courses WHERE id = ANY($1::uuid[])', [
        rows.rows.map((r: { course_id: string }) => r.course_id),
      ]);
      return rows.rows;
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

    const report = (name: string, api: Run, baseline: Run) =>
      console.log(
        `${name}\n  API : ${api.rps.toFixed(0).padStart(6)} req/s  p99 ${String(api.p99).padStart(4)} ms  errors ${api.errors + api.non2xx}\n` +
          `  bare: ${baseline.rps.toFixed(0).padStart(6)} req/s  p99 ${String(baseline.p99).padStart(4)} ms  errors ${baseline.errors + baseline.non2xx}\n` +
          `  ratio API / bare: ${(api.rps / baseline.rps).toFixed(2)} (target ≥ 0.80)`,
      );
    console.log(
      `coach hot paths on PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s each, ${COACHES} coaches`,
    );
    const bareEvents = await cannon(`${bareBase}/api/v1/progress/events`, {
      method: 'POST',
      tokens,
      body: eventBody,
    });
    const apiEvents = await cannon(`${apiBase}/api/v1/progress/events`, {
      method: 'POST',
      tokens,
      body: eventBody,
    });
    report('(a) POST /progress/events, one event', apiEvents, bareEvents);
    const bareHome = await cannon(`${bareBase}/api/v1/me/enrolments`, { method: 'GET', tokens });
    const apiHome = await cannon(`${apiBase}/api/v1/me/enrolments`, { method: 'GET', tokens });
    report('(b) GET /me/enrolments (learner home)', apiHome, bareHome);
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
