/**
 * Notifications at scale (figures, not a test), on PostgreSQL (a scratch database at 127.0.0.1:5432)
 * and on the embedded PGlite, one after the other:
 *
 *   npm run bench:notifications              # both databases; BENCH_DBS=postgres (or pglite) for one
 *   BENCH_LOOP=1 npm run bench:notifications # also the one-notify-per-coach loop, for comparison
 *
 * (a) One announcement to a cohort of BENCH_COACHES (10,000) active coaches: the time the announce
 * job's work takes (`AnnouncementsService.tellCoaches`, what the `conversation.announce` handler
 * runs: the cohort's coaches, then every notification row and its `notifications.deliver` job — the
 * queued e-mail — in one transaction), BENCH_ANNOUNCEMENTS times, each a new announcement; then the
 * rows and jobs are counted. Target: ≤ 5 s. The baseline, in the same process and database: one
 * `INSERT … SELECT unnest(…)` of as many rows into a table like `notifications` (its columns, keys
 * and indexes), no job; and the delivery jobs' share: as many jobs through `JobQueue.sendMany` alone.
 * With BENCH_LOOP=1, the same work one `notify` per coach (what tellCoaches did
 * before `notifyMany`).
 *
 * (b) A coach's notification list with BENCH_NOTIFICATIONS (1,000,000) notifications in the table over
 * BENCH_PEOPLE (20,000) people, a third of them unread, the coach among them with the average share:
 * `GET /api/v1/me/notifications` (first page), its unread page and `GET …/unread-count` over HTTP,
 * BENCH_CALLS calls each in turns with a baseline (`GET /api/v1/me`, a cheap authenticated GET),
 * p50/p95. Target: p95 ≤ 30 ms. EXPLAIN shows which index each statement uses.
 *
 * The delivery worker is held back (JOB_POLL_SECONDS=300, the longest) so that the jobs written stay
 * queued and their handling does not compete with the measure; (a)'s jobs are removed before (b).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { AnnouncementsService } from '@tc/conversation/api';
import { JobQueue, NotificationsService } from '@tc/notifications/api';
import { createTestApp, type TestApp } from '../../apps/api/src/testing/test-app';

const COACHES = Number(process.env['BENCH_COACHES'] ?? 10_000);
const ANNOUNCEMENTS = Number(process.env['BENCH_ANNOUNCEMENTS'] ?? 3);
const NOTIFICATIONS = Number(process.env['BENCH_NOTIFICATIONS'] ?? 1_000_000);
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 20_000);
const CALLS = Number(process.env['BENCH_CALLS'] ?? 300);
const LOOP = process.env['BENCH_LOOP'] === '1';
const DBS = (process.env['BENCH_DBS'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const ms = (v: number) => `${v.toFixed(0)} ms`;

async function count(t: TestApp, sql: string, values: unknown[] = []): Promise<number> {
  const [row] = (await t.dataSource.query(sql, values)) as { n: number }[];
  return Number(row?.n ?? 0);
}

/** A running cohort of the demo course with COACHES fresh active coaches, and its trainer. */
async function cohortOfCoaches(t: TestApp): Promise<{ cohortId: string; authorId: string }> {
  const [seed] = (await t.dataSource.query(
    `SELECT c.id AS course_id, max(v.number) AS number,
            (SELECT user_id FROM role_assignments WHERE role = 'admin' LIMIT 1) AS admin_id,
            (SELECT id FROM territories WHERE level = 'province' ORDER BY code LIMIT 1) AS territory_id
       FROM courses c JOIN course_versions v ON v.course_id = c.id GROUP BY c.id LIMIT 1`,
  )) as { course_id: string; number: number; admin_id: string; territory_id: string }[];
  if (!seed) throw new Error('No published course (the demo data)');
  const [cohort] = (await t.dataSource.query(
    `INSERT INTO cohorts (name, course_id, course_version, territory_id, status, starts_on, ends_on, created_by)
     VALUES ('Bench, 10,000 coaches', $1, $2, $3, 'running', current_date - 7, current_date + 120, $4)
     RETURNING id`,
    [seed.course_id, seed.number, seed.territory_id, seed.admin_id],
  )) as { id: string }[];
  await t.dataSource.query(
    `WITH p AS (SELECT gen_random_uuid() AS user_id, i FROM generate_series(1, $1::int) i),
       u AS (INSERT INTO users (id, email, display_name, password_hash)
             SELECT user_id, 'announce-' || i || '@bench.invalid', 'Coach ' || i, 'no-password' FROM p),
       r AS (INSERT INTO role_assignments (user_id, role, territory_id) SELECT user_id, 'coach', $2 FROM p)
     SELECT count(*) FROM p`,
    [COACHES, seed.territory_id],
  );
  // After the users exist (their rows are visible to this statement's foreign keys).
  await t.dataSource.query(
    `INSERT INTO enrolments (cohort_id, user_id, status, source, enrolled_at)
     SELECT $1, id, 'active', 'csv', now() - interval '1 hour' FROM users WHERE email LIKE 'announce-%@bench.invalid'`,
    [cohort!.id],
  );
  await t.dataSource.query('ANALYZE enrolments');
  return { cohortId: cohort!.id, authorId: seed.admin_id };
}

async function announcement(t: TestApp, cohortId: string, authorId: string, n: number): Promise<string> {
  const title = JSON.stringify({ fr: `Annonce ${n}`, ar: `إعلان ${n}`, en: `Announcement ${n}` });
  const [row] = (await t.dataSource.query(
    `INSERT INTO announcements (cohort_id, author_id, title, body, body_html, publish_at)
     VALUES ($1, $2, $3::jsonb, '{"fr": "Texte"}'::jsonb, '{"fr": "<p>Texte</p>"}'::jsonb, now()) RETURNING id`,
    [cohortId, authorId, title],
  )) as { id: string }[];
  return row!.id;
}

/** The rows told of this announcement and their delivery jobs. */
async function told(t: TestApp, announcementId: string): Promise<{ rows: number; jobs: number }> {
  const rows = await count(
    t,
    `SELECT count(*)::int AS n FROM notifications WHERE subject_type = 'announcement' AND subject_id = $1`,
    [announcementId],
  );
  const jobs = await count(
    t,
    `SELECT count(*)::int AS n FROM pgboss.job j
       JOIN notifications n ON n.id::text = j.data->>'notificationId'
      WHERE j.name = 'notifications.deliver' AND n.subject_id = $1`,
    [announcementId],
  );
  return { rows, jobs };
}

async function announce(t: TestApp, kind: string): Promise<void> {
  const { cohortId, authorId } = await cohortOfCoaches(t);
  const coaches = await count(
    t,
    `SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 AND status = 'active'`,
    [cohortId],
  );
  const announcements = t.app.get(AnnouncementsService);
  const notifications = t.app.get(NotificationsService);

  // The baseline: the same number of rows, one bulk INSERT into a table like notifications.
  await t.dataSource.query(`CREATE TABLE bench_notifications (LIKE notifications INCLUDING ALL)`);
  const baseline: number[] = [];
  for (let i = 0; i < ANNOUNCEMENTS; i++) {
    const ids = (
      (await t.dataSource.query(`SELECT user_id FROM enrolments WHERE cohort_id = $1 AND status = 'active'`, [
        cohortId,
      ])) as { user_id: string }[]
    ).map((r) => r.user_id);
    const subject = await announcement(t, cohortId, authorId, 1000 + i);
    const params = JSON.stringify({ announcementTitle: { fr: 'Annonce' }, cohortId });
    const t0 = performance.now();
    await t.dataSource.query(
      `INSERT INTO bench_notifications (recipient_id, kind, subject_type, subject_id, moment, params)
       SELECT r, 'announcement.posted', 'announcement', $2, 'posted', $3::jsonb FROM unnest($1::uuid[]) AS u(r)`,
      [ids, subject, params],
    );
    baseline.push(performance.now() - t0);
  }

  const runs: { ms: number; rows: number; jobs: number }[] = [];
  for (let i = 0; i < ANNOUNCEMENTS; i++) {
    const id = await announcement(t, cohortId, authorId, i);
    const t0 = performance.now();
    const n = await announcements.tellCoaches(id);
    const elapsed = performance.now() - t0;
    const written = await told(t, id);
    if (n !== coaches || written.rows !== coaches || written.jobs !== coaches)
      throw new Error(`told ${n}, ${written.rows} rows, ${written.jobs} jobs for ${coaches} coaches`);
    runs.push({ ms: elapsed, ...written });
  }

  // Of which the delivery jobs: as many through JobQueue.sendMany alone, to a queue of the bench's.
  const queue = t.app.get(JobQueue);
  await queue.define('bench.deliver', async () => undefined);
  const jobsAlone: number[] = [];
  for (let i = 0; i < ANNOUNCEMENTS; i++) {
    const jobs = Array.from({ length: coaches }, () => ({ data: { notificationId: randomUUID() } }));
    const t0 = performance.now();
    await t.dataSource.transaction((manager) => queue.sendMany(manager, 'bench.deliver', jobs));
    jobsAlone.push(performance.now() - t0);
  }

  let loop: number | null = null;
  if (LOOP) {
    const id = await announcement(t, cohortId, authorId, 99);
    const ids = (
      (await t.dataSource.query(`SELECT user_id FROM enrolments WHERE cohort_id = $1 AND status = 'active'`, [
        cohortId,
      ])) as { user_id: string }[]
    ).map((r) => r.user_id);
    const t0 = performance.now();
    await t.dataSource.transaction(async (manager) => {
      for (const recipientId of ids)
        await notifications.notify(manager, {
          recipientId,
          kind: 'announcement.posted',
          subject: { type: 'announcement', id },
          moment: 'posted',
          params: { announcementTitle: { fr: 'Annonce' }, cohortId },
        });
    });
    loop = performance.now() - t0;
    const written = await told(t, id);
    if (written.rows !== coaches || written.jobs !== coaches)
      throw new Error(`loop: ${written.rows} rows, ${written.jobs} jobs for ${coaches} coaches`);
  }

  const tell = median(runs.map((r) => r.ms));
  const base = median(baseline);
  console.log(
    `\n[${kind}] (a) one announcement to ${coaches.toLocaleString('en')} coaches, ${ANNOUNCEMENTS} announcements`,
  );
  console.log(
    `  tellCoaches (rows + delivery jobs): ${runs.map((r) => ms(r.ms)).join(', ')}; median ${ms(tell)} (target ≤ 5,000 ms) ${tell <= 5000 ? 'met' : 'MISSED'}`,
  );
  console.log(`  written each time: ${runs[0]?.rows} notification rows, ${runs[0]?.jobs} delivery jobs`);
  console.log(
    `  baseline, one bulk INSERT of ${coaches} rows: ${baseline.map(ms).join(', ')}; median ${ms(base)}`,
  );
  console.log(`  ratio tellCoaches ÷ baseline: ×${(tell / base).toFixed(1)}`);
  console.log(
    `  of which the delivery jobs: ${coaches} jobs through sendMany alone ${jobsAlone.map(ms).join(', ')}; median ${ms(median(jobsAlone))}`,
  );
  if (loop !== null)
    console.log(
      `  one notify per coach (before notifyMany): ${ms(loop)} (×${(loop / tell).toFixed(1)} notifyMany)`,
    );
  await t.dataSource.query('DROP TABLE bench_notifications');
  // Not delivered: the feed's measure should not share the machine with 10,000s of delivery jobs.
  await t.dataSource.query(
    `DELETE FROM pgboss.job WHERE name IN ('notifications.deliver', 'bench.deliver') AND state = 'created'`,
  );
}

async function feed(t: TestApp, kind: string): Promise<void> {
  const [coach] = (await t.dataSource.query(`SELECT id FROM users WHERE email = 'coach@example.org'`)) as {
    id: string;
  }[];
  const others = PEOPLE - 1;
  const t0 = performance.now();
  await t.dataSource.query(
    `INSERT INTO users (id, email, display_name, password_hash)
     SELECT gen_random_uuid(), 'feed-' || i || '@bench.invalid', 'Person ' || i, 'no-password'
       FROM generate_series(1, $1::int) i`,
    [others],
  );
  // NOTIFICATIONS rows over the people (the coach among them, one share like everyone's), in the
  // order they would have arrived (seq), a third unread; subjects and moments distinct.
  await t.dataSource.query(
    `WITH people AS (
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM (
         SELECT id FROM users WHERE email LIKE 'feed-%@bench.invalid' UNION ALL SELECT $2::uuid) x),
     n AS (SELECT $3::int AS people)
     INSERT INTO notifications (recipient_id, kind, subject_type, subject_id, moment, params, created_at, read_at)
     SELECT p.id, 'announcement.posted', 'announcement', gen_random_uuid(), 'posted',
            '{"announcementTitle": {"fr": "Annonce"}}'::jsonb,
            now() - make_interval(secs => ($1::int - g)),
            CASE WHEN g % 3 = 0 THEN NULL ELSE now() END
       FROM generate_series(1, $1::int) g
       JOIN people p ON p.k = g % (SELECT people FROM n)`,
    [NOTIFICATIONS, coach!.id, PEOPLE],
  );
  await t.dataSource.query('VACUUM ANALYZE notifications');
  const seeded = performance.now() - t0;
  const mine = await count(t, `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1`, [
    coach!.id,
  ]);
  const total = await count(t, `SELECT count(*)::int AS n FROM notifications`);
  console.log(
    `\n[${kind}] (b) the coach's feed: ${total.toLocaleString('en')} notifications over ${PEOPLE.toLocaleString('en')} people (the coach: ${mine}), seeded in ${(seeded / 1000).toFixed(1)} s`,
  );

  // The plans of the three statements, as the service sends them.
  const plans = {
    'first page': [
      `SELECT "id", "seq", "kind", "subject_type", "subject_id", "params", "created_at", "read_at" FROM "notifications" WHERE "recipient_id" = $1 ORDER BY "seq" DESC LIMIT 21`,
      [coach!.id],
    ],
    'unread page': [
      `SELECT "id", "seq", "kind", "subject_type", "subject_id", "params", "created_at", "read_at" FROM "notifications" WHERE "recipient_id" = $1 AND "read_at" IS NULL ORDER BY "seq" DESC LIMIT 21`,
      [coach!.id],
    ],
    'unread count': [
      `SELECT count(*)::int AS "n" FROM "notifications" WHERE "recipient_id" = $1 AND "read_at" IS NULL`,
      [coach!.id],
    ],
  } as const;
  for (const [name, [sql, values]] of Object.entries(plans)) {
    const plan = (await t.dataSource.query(`EXPLAIN ${sql}`, [...values])) as { 'QUERY PLAN': string }[];
    const used = plan.map((r) => r['QUERY PLAN']).find((l) => /Index|Seq Scan/.test(l)) ?? '?';
    console.log(`  plan, ${name.padEnd(12)}: ${used.trim()}`);
  }

  const token = (await t.signIn('coach@example.org')).accessToken;
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const paths = {
    'GET /me (baseline)': '/api/v1/me',
    'feed, first page': '/api/v1/me/notifications',
    'feed, unread page': '/api/v1/me/notifications?unread=true',
    'unread count': '/api/v1/me/notifications/unread-count',
  };
  const times = Object.fromEntries(Object.keys(paths).map((k) => [k, [] as number[]]));
  for (let i = 0; i < CALLS + 20; i++)
    for (const [name, path] of Object.entries(paths)) {
      const t1 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i >= 20) times[name]?.push(performance.now() - t1);
    }
  const baseline = [...(times['GET /me (baseline)'] as number[])].sort((a, b) => a - b);
  console.log(`  ${CALLS} calls per path over HTTP (after 20 warm-up), in turns; target p95 ≤ 30 ms`);
  for (const [name, list] of Object.entries(times)) {
    const s = [...list].sort((a, b) => a - b);
    const ratio = name.includes('baseline')
      ? ''
      : `   ×${(percentile(s, 50) / percentile(baseline, 50)).toFixed(2)} p50, ×${(percentile(s, 95) / percentile(baseline, 95)).toFixed(2)} p95 of the baseline`;
    console.log(
      `  ${name.padEnd(19)} p50 ${percentile(s, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(s, 95).toFixed(1).padStart(5)} ms${ratio}`,
    );
  }
}

async function main(): Promise<void> {
  for (const kind of DBS) {
    // The delivery worker held back: the jobs stay queued, and their handling does not compete.
    const t = await createTestApp({ JOB_POLL_SECONDS: '300' }, kind);
    try {
      await announce(t, kind);
      await feed(t, kind);
    } finally {
      await t.close();
    }
  }
  process.exit(0);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
