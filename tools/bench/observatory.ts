/**
 * The observatory at scale, on PostgreSQL (figures, not a test):
 *
 *   npm run bench:observatory                         # 10,000 then 100,000 coaches (10× growth)
 *   BENCH_SCALES=0.1 npm run bench:observatory        # the small one only (a quick look)
 *
 * For each scale s: a fresh database with 100,000·s coaches in 2,000·s cohorts over Morocco's regions
 * and provinces and 10,000,000·s raw progress events (the synthetic population: the database's own
 * triggers build the rollups as they would for real traffic). Then every observatory endpoint is
 * timed through the whole API (p50/p95 of BENCH_RUNS requests) against the naive answer — a GROUP BY
 * over the raw events joined to enrolments, cohorts, users and certificates — run in the same process
 * on the same database; the answers are compared cell by cell where the API shows them. Targets: each
 * endpoint ≤ 0.05× the naive query, p95 ≤ 50 ms, and 10× the data ≤ 1.5× the time.
 *
 * Last, the rollups' cost on ingest: batches of 500 events through the progress service with the
 * observatory's triggers on, then off (same work, alternating rounds), events/s each way; the rounds
 * with the triggers on include folding the deltas they appended.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { demoCourse, seedSyntheticPopulation } from '@tc/demo/api';
import { createTestApp, type TestApp } from '../../apps/api/src/testing/test-app';
import { ProgressService } from '@tc/learning/api';

const SCALES = (process.env['BENCH_SCALES'] ?? '0.1,1').split(',').map(Number);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 40);
const NAIVE_RUNS = Number(process.env['BENCH_NAIVE_RUNS'] ?? 3);

interface Timing {
  p50: number;
  p95: number;
}

function percentiles(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
  return { p50: at(50), p95: at(95) };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return percentiles(ms);
}

/** The naive answer: stage counts straight from raw events and the source tables, grouped by `dim`. */
function naive(dim: string, where: string): string {
  return `WITH first AS (SELECT enrolment_id, min(occurred_at) AS started_at FROM progress_events GROUP BY 1)
    SELECT ${dim} AS key,
           count(*) FILTER (WHERE e.status = 'active')::int AS enrolled,
           count(f.started_at) FILTER (WHERE e.status = 'active')::int AS started,
           count(e.completed_at) FILTER (WHERE e.status = 'active')::int AS completed,
           count(cert.issued_at) FILTER (WHERE e.status = 'active')::int AS certified
      FROM enrolments e
      JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id JOIN users u ON u.id = e.user_id
      LEFT JOIN first f ON f.enrolment_id = e.id
      LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND cert.revoked_at IS NULL
     WHERE ${where}
     GROUP BY 1`;
}

const NAIVE_MONTHS = (
  where: string,
) => `WITH first AS (SELECT enrolment_id, min(occurred_at) AS started_at FROM progress_events GROUP BY 1),
  x AS (SELECT e.*, f.started_at AS first_at, cert.issued_at FROM enrolments e
          JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id
          LEFT JOIN first f ON f.enrolment_id = e.id
          LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND cert.revoked_at IS NULL
         WHERE ${where} AND e.status = 'active')
  SELECT to_char(m, 'YYYY-MM') AS key, sum(en)::int AS enrolled, sum(st)::int AS started, sum(co)::int AS completed, sum(ce)::int AS certified
    FROM (SELECT obs_month(enrolled_at) AS m, 1 AS en, 0 AS st, 0 AS co, 0 AS ce FROM x
          UNION ALL SELECT obs_month(first_at), 0, 1, 0, 0 FROM x WHERE first_at IS NOT NULL
          UNION ALL SELECT obs_month(completed_at), 0, 0, 1, 0 FROM x WHERE completed_at IS NOT NULL
          UNION ALL SELECT obs_month(issued_at), 0, 0, 0, 1 FROM x WHERE issued_at IS NOT NULL) s
   GROUP BY 1`;

const NAIVE_LESSONS = (
  where: string,
) => `SELECT ev.lesson_key AS key, count(DISTINCT ev.enrolment_id)::int AS started
    FROM progress_events ev JOIN enrolments e ON e.id = ev.enrolment_id AND e.status = 'active'
    JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id
   WHERE ${where} GROUP BY 1`;

interface Row {
  key: string;
  [column: string]: unknown;
}

/** Cells the API shows that differ from the naive answer. */
function differences(api: Row[], naiveRows: Row[], columns: string[], keyOf: (r: Row) => string): number {
  const truth = new Map(naiveRows.map((r) => [String(r.key), r]));
  let bad = 0;
  for (const row of api)
    for (const c of columns) {
      const shown = row[c];
      if (shown === null || shown === undefined) continue;
      const expected = Number(truth.get(keyOf(row))?.[c] ?? 0);
      if (shown !== expected) bad++;
    }
  return bad;
}

interface Case {
  name: string;
  url: string;
  naive: string;
  columns: string[];
  keyOf?: (r: Row) => string;
  /** Where the rows are in the answer (default: `rows`). */
  rowsOf?: (body: Record<string, unknown>) => Row[];
}

interface Population {
  s: number;
  t: TestApp;
  token: string;
  cases: Case[];
}

/** A fresh database with the synthetic population at scale `s`, and the questions to ask it. */
async function populate(s: number): Promise<Population> {
  // Hour-long access tokens: the large population alone takes minutes to generate.
  const t = await createTestApp({ LOG_LEVEL: 'silent', ACCESS_TOKEN_TTL: '3600' }, 'postgres');
  const started = Date.now();
  const summary = await seedSyntheticPopulation(t.dataSource, {
    coaches: Math.round(100_000 * s),
    cohorts: Math.round(2_000 * s),
    events: Math.round(10_000_000 * s),
    courseSlug: demoCourse().slug,
    months: 24,
    tag: 'bench',
  });
  // The population's counts, appended as deltas by the triggers, applied to the rollups (the app's
  // folder would within 2 s): the reads below are of the folded rollups.
  const foldStarted = Date.now();
  await t.fold();
  const foldMs = Date.now() - foldStarted;
  await t.dataSource.query('VACUUM ANALYZE');
  const [rows] = (await t.dataSource.query(
    `SELECT (SELECT count(*) FROM obs_funnel)::int AS funnel, (SELECT count(*) FROM obs_funnel_all)::int AS "all",
            (SELECT count(*) FROM obs_cohort_funnel)::int AS cohorts, (SELECT count(*) FROM obs_lesson_stats)::int AS lessons,
            (SELECT count(*) FROM obs_completion_days)::int AS days`,
  )) as [{ funnel: number; all: number; cohorts: number; lessons: number; days: number }];
  console.log(
    `scale ${s}: ${summary?.coaches} coaches, ${summary?.cohorts} cohorts, ${summary?.lessonRows} lesson rows, ${summary?.events} raw events, ${summary?.completed} completions — generated in ${((Date.now() - started) / 1000).toFixed(0)} s (its deltas folded in ${(foldMs / 1000).toFixed(1)} s); rollup rows: funnel ${rows.funnel}, all-time ${rows.all}, cohort ${rows.cohorts}, lesson ${rows.lessons}, days ${rows.days}`,
  );
  const token = (await t.signIn('observer@example.org')).accessToken;
  const ids = new Map(
    (
      (await t.dataSource.query(`SELECT id, code, path FROM territories WHERE code IS NOT NULL`)) as {
        id: string;
        code: string;
        path: string;
      }[]
    ).map((r) => [r.code, r]),
  );
  const [course] = (await t.dataSource.query(`SELECT id FROM courses WHERE slug = $1`, [
    demoCourse().slug,
  ])) as {
    id: string;
  }[];
  const ma = ids.get('MA')!;
  const oriental = ids.get('MA-02')!;
  const oujda = ids.get('MA-OUJ')!;
  const under = (p: { path: string }) => `t.path LIKE '${p.path}%'`;
  const child = (p: { path: string }) => `split_part(substr(t.path, ${p.path.length + 1}), '/', 1)`;
  const funnelColumns = ['enrolled', 'started', 'completed', 'certified'];
  const completion = (name: string, url: string, naiveSql: string, extra: Partial<Case> = {}): Case => ({
    name,
    url: `/api/v1/observatory/completion?${url}`,
    naive: naiveSql,
    columns: funnelColumns,
    ...extra,
  });
  const cases: Case[] = [
    completion('Morocco by region', `territoryId=${ma.id}&groupBy=territory`, naive(child(ma), under(ma))),
    completion(
      "L'Oriental by province",
      `territoryId=${oriental.id}&groupBy=territory`,
      naive(child(oriental), under(oriental)),
      {
        keyOf: (r) => (r.key.startsWith('direct:') ? '' : r.key),
      },
    ),
    completion(
      'Oujda-Angad by cohort',
      `territoryId=${oujda.id}&groupBy=cohort`,
      naive('c.id::text', under(oujda)),
    ),
    completion('Morocco by cohort', `territoryId=${ma.id}&groupBy=cohort`, naive('c.id::text', under(ma))),
    // The last page of 50 cohorts: as cheap as the first (medians are read for the page only).
    completion(
      'Morocco by cohort, last page',
      `territoryId=${ma.id}&groupBy=cohort&offset=${Math.max(0, Math.round(2_000 * s) - 50)}`,
      naive('c.id::text', under(ma)),
    ),
    completion(
      'Morocco by course',
      `territoryId=${ma.id}&groupBy=course`,
      naive('c.course_id::text', under(ma)),
    ),
    completion('Morocco by month', `territoryId=${ma.id}&groupBy=month`, NAIVE_MONTHS(under(ma))),
    completion(
      'Morocco by gender',
      `territoryId=${ma.id}&groupBy=gender`,
      naive(`COALESCE(u.gender, 'unknown')`, under(ma)),
    ),
    completion(
      'Morocco by age band',
      `territoryId=${ma.id}&groupBy=ageBand`,
      naive('obs_age_band(u.birth_year, e.enrolled_at)', under(ma)),
    ),
    completion(
      'Morocco by lesson (module)',
      `territoryId=${ma.id}&groupBy=module&courseId=${course!.id}`,
      NAIVE_LESSONS(under(ma)),
      {
        columns: ['started'],
      },
    ),
    {
      name: 'Morocco competences',
      url: `/api/v1/observatory/competences?territoryId=${ma.id}`,
      naive: `SELECT b.competence_code AS key, count(*)::int AS assessed FROM self_assessments b
           JOIN self_assessments a ON a.enrolment_id = b.enrolment_id AND a.competence_code = b.competence_code AND a.phase = 'end'
           JOIN enrolments e ON e.id = b.enrolment_id JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id
          WHERE b.phase = 'start' AND ${under(ma)} GROUP BY 1`,
      columns: ['assessed'],
      rowsOf: (body) =>
        (body['areas'] as { competences: { code: string; assessed: number | null }[] }[]).flatMap((a) =>
          a.competences.map((c) => ({ key: c.code, assessed: c.assessed })),
        ),
    },
  ];
  return { s, t, token, cases };
}

/** One request through the whole API (guard, validation, service, serialisation). */
async function ask(p: Population, c: Case): Promise<Row[]> {
  const res = await p.t.request('GET', c.url, { token: p.token });
  if (res.status !== 200) throw new Error(`${c.url}: ${res.status} ${JSON.stringify(res.body)}`);
  return c.rowsOf ? c.rowsOf(res.body as Record<string, unknown>) : (res.body.rows as Row[]);
}

/** Batches of 500 events (16 lessons opened, the texts completed, the rest re-openings) per coach. */
async function ingestOverhead(t: TestApp): Promise<void> {
  const progress = t.app.get(ProgressService);
  const rows = (await t.dataSource.query(
    `SELECT e.id, e.user_id FROM enrolments e
      WHERE e.status = 'active' AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.enrolment_id = e.id)
      ORDER BY e.id LIMIT 800`,
  )) as { id: string; user_id: string }[];
  const lessons = demoCourse().modules.flatMap((m) => m.lessons);
  const batch = (r: { id: string }) =>
    Array.from({ length: 500 }, (_, k) => {
      const lesson = lessons[k % lessons.length]!;
      return {
        id: randomUUID(),
        enrolmentId: r.id,
        lessonKey: lesson.key,
        type: (k >= lessons.length && k < 2 * lessons.length && lesson.kind !== 'quiz'
          ? 'completed'
          : 'started') as 'started' | 'completed',
        occurredAt: new Date(Date.now() - 60_000 + k).toISOString(),
      };
    });
  const tables = ['lesson_progress', 'enrolments', 'certificates'];
  const setTriggers = async (on: boolean) => {
    for (const table of tables)
      await t.dataSource.query(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
  };
  const seconds = { on: 0, off: 0 };
  const events = { on: 0, off: 0 };
  const rounds = 4;
  const per = Math.floor(rows.length / (2 * rounds));
  let next = 0;
  for (let round = 0; round < rounds; round++)
    for (const mode of (round % 2 ? ['on', 'off'] : ['off', 'on']) as ('on' | 'off')[]) {
      await setTriggers(mode === 'on');
      const start = process.hrtime.bigint();
      for (let i = 0; i < per; i++) {
        const r = rows[next++]!;
        const result = await progress.ingest({ userId: r.user_id, email: '', roles: [] }, batch(r));
        events[mode] += result.accepted.length;
      }
      // The rollups' work is not done until their deltas are folded.
      if (mode === 'on') await t.fold();
      seconds[mode] += Number(process.hrtime.bigint() - start) / 1e9;
    }
  await setTriggers(true);
  const rate = (m: 'on' | 'off') => events[m] / seconds[m];
  console.log(
    `\ningest, batches of 500 events through the progress service (one coach per batch, ${per * rounds} batches each way):` +
      `\n  observatory triggers off: ${rate('off').toFixed(0)} events/s; on: ${rate('on').toFixed(0)} events/s;` +
      ` rollup write overhead ${((rate('off') / rate('on') - 1) * 100).toFixed(1)}% of the time per event`,
  );
}

async function main(): Promise<void> {
  console.log(
    `observatory benchmark, PostgreSQL; ${RUNS} requests per endpoint and scale, ${NAIVE_RUNS} naive queries\n`,
  );
  const populations: Population[] = [];
  try {
    for (const s of SCALES) populations.push(await populate(s));
    // Fresh tokens for every database, whatever the generation took.
    for (const p of populations) p.token = (await p.t.signIn('observer@example.org')).accessToken;
    const pad = (x: string, n: number) => x.padEnd(n);
    const timings = new Map<string, Timing[]>();
    for (const p of populations) {
      console.log(
        `\n== scale ${p.s}\n${pad('endpoint', 30)} ${pad('API p50/p95 ms', 18)} ${pad('naive p50/p95 ms', 20)} ratio(p50)  p95≤50  ≤0.05×  differing cells`,
      );
      for (const c of p.cases) {
        let apiRows: Row[] = [];
        let naiveRows: Row[] = [];
        const api = await time(RUNS, async () => {
          apiRows = await ask(p, c);
        });
        const base = await time(NAIVE_RUNS, async () => {
          naiveRows = (await p.t.dataSource.query(c.naive)) as Row[];
        });
        timings.set(c.name, [...(timings.get(c.name) ?? []), api]);
        const ratio = api.p50 / base.p50;
        const bad = differences(apiRows, naiveRows, c.columns, c.keyOf ?? ((r) => r.key));
        console.log(
          `${pad(c.name, 30)} ${pad(`${api.p50.toFixed(1)} / ${api.p95.toFixed(1)}`, 18)} ${pad(`${base.p50.toFixed(0)} / ${base.p95.toFixed(0)}`, 20)} ${pad(ratio.toFixed(4), 11)} ${pad(api.p95 <= 50 ? 'yes' : 'NO', 7)} ${pad(ratio <= 0.05 ? 'yes' : 'NO', 7)} ${bad}`,
        );
      }
    }
    if (populations.length >= 2) {
      // The growth ratio from requests interleaved between the two databases, so that whatever else
      // the machine does weighs on both alike.
      const [small, big] = [populations[0]!, populations[populations.length - 1]!];
      console.log(
        `\ngrowth ×${(big.s / small.s).toFixed(0)} of the data, requests interleaved: p50 ratio per endpoint (target ≤ 1.5)`,
      );
      for (const c of small.cases) {
        const other = big.cases.find((x) => x.name === c.name)!;
        const a: number[] = [];
        const b: number[] = [];
        await ask(small, c);
        await ask(big, other);
        for (let i = 0; i < RUNS; i++) {
          let start = process.hrtime.bigint();
          await ask(small, c);
          a.push(Number(process.hrtime.bigint() - start) / 1e6);
          start = process.hrtime.bigint();
          await ask(big, other);
          b.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const [pa, pb] = [percentiles(a).p50, percentiles(b).p50];
        console.log(
          `  ${pad(c.name, 30)} ${pa.toFixed(1)} → ${pb.toFixed(1)} ms  ×${(pb / pa).toFixed(2)} ${pb / pa <= 1.5 ? 'ok' : 'OVER'}`,
        );
      }
    }
    await ingestOverhead(populations[0]!.t);
  } finally {
    for (const p of populations) await p.t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
