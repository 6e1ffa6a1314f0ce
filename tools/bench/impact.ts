/**
 * The observatory's impact view at scale, on PostgreSQL (figures, not a test):
 *
 *   npm run bench:impact
 *   BENCH_ORGS=10000 npm run bench:impact          # a tenth of it (a quick look)
 *   BENCH_DATABASE_URL=postgres://…/impact npm run bench:impact   # seed once, keep it, time again
 *
 * A fresh database with 10,000 synthetic coaches (a share of them have completed the course) and a field
 * log seeded set-based in SQL: 100,000 organisations over Morocco's regions and L'Oriental's provinces
 * registered over 24 months, 1,000,000 visits, about 150,000 checks and 200,000 milestones; their facts
 * are built by `refreshImpactFacts` (the write path itself, 2,000 organisations per transaction) and the
 * deltas folded. Then every impact answer is timed over HTTP (the API listening on BENCH_PORT, p50/p95 of
 * BENCH_RUNS requests) against the naive answer — the same report (every table, the milestones by kind,
 * the median gains) computed with GROUP BYs over the raw field rows of the slice — run in the same process
 * on the same database, and every cell the API shows is compared with it. The territory table alone from
 * the raw rows is timed beside it. Targets: p95 ≤ 50 ms, ≤ 0.05× the naive answer.
 *
 * Last, the write side: a visit recorded with its facts refreshed (the transaction the field log's
 * services run), the fold of those writes, and an idle fold (the trained-flag check alone).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { demoCourse, seedSyntheticPopulation } from '@tc/demo/api';
import { refreshImpactFacts } from '@tc/fieldwork/api';
import { createTestApp, type TestApp } from '../../apps/api/src/testing/test-app';

const ORGS = Number(process.env['BENCH_ORGS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 40);
const NAIVE_RUNS = Number(process.env['BENCH_NAIVE_RUNS'] ?? 3);
const PORT = Number(process.env['BENCH_PORT'] ?? 3412);
/** A database of its own to seed once and keep: a later run finding the field log there times it again. */
const KEPT = process.env['BENCH_DATABASE_URL'];

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

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The field log, set-based: organisations, visits, checks, milestones (random, seeded). */
async function seedFieldLog(t: TestApp, coachDomain: string): Promise<void> {
  await t.dataSource.transaction(async (m) => {
    await m.query(`SELECT setseed(0.2026)`);
    await m.query(`CREATE TEMP TABLE b_coaches ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE email LIKE '%@${coachDomain}'`);
    await m.query(`CREATE TEMP TABLE b_leaves ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY t.path) AS n, t.id FROM territories t
       WHERE t.path LIKE (SELECT path FROM territories WHERE code = 'MA') || '_%'
         AND NOT EXISTS (SELECT 1 FROM territories c WHERE c.parent_id = t.id)`);
    // Organisations: a few territories much busier than others (the square of a uniform draw).
    await m.query(
      `INSERT INTO field_organisations (id, owner_id, name, name_key, kind, sector, territory_id, women_led, youth_led,
          consent_noted_at, created_at, updated_at)
       SELECT gen_random_uuid(), c.id, 'Organisation ' || g.n, 'organisation ' || g.n, g.kind, g.sector, l.id,
              random() < 0.45, random() < 0.3, g.at, g.at, g.at
         FROM (SELECT n, (ARRAY['cooperative', 'association', 'young-enterprise'])[1 + floor(random() * 3)::int] AS kind,
                      (ARRAY['agri-food', 'argan', 'crafts', 'textiles', 'tourism', 'services', 'digital', 'other'])
                        [1 + floor(random() * 8)::int] AS sector,
                      1 + floor(power(random(), 2) * (SELECT count(*) FROM b_leaves))::int AS leaf,
                      1 + floor(random() * (SELECT count(*) FROM b_coaches))::int AS coach,
                      now() - random() * interval '730 days' AS at
                 FROM generate_series(1, $1::int) n) g
         JOIN b_leaves l ON l.n = g.leaf JOIN b_coaches c ON c.n = g.coach`,
      [ORGS],
    );
    await m.query(`CREATE TEMP TABLE b_orgs ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY id) AS n, id, owner_id, created_at FROM field_organisations`);
    await m.query(`CREATE UNIQUE INDEX ON b_orgs (n)`);
    await m.query(`ANALYZE b_orgs`);
    // Visits: ten per organisation on average, between its registration and today.
    await m.query(
      `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode, notes)
       SELECT gen_random_uuid(), o.id, o.owner_id,
              (o.created_at + g.r * (now() - o.created_at))::date, 30 + floor(g.r * 120)::int,
              CASE WHEN g.r < 0.8 THEN 'on-site' ELSE 'remote' END, 'Notes de visite'
         FROM (SELECT 1 + floor(random() * $1::int)::int AS n, random() AS r FROM generate_series(1, $2::int)) g
         JOIN b_orgs o ON o.n = g.n`,
      [ORGS, ORGS * 10],
    );
    // Checks: none to three per organisation, two months apart, scores rising on the whole.
    await m.query(
      `INSERT INTO field_checks (id, organisation_id, coach_id, taken_on, answers, overall, dimensions, created_at)
       SELECT gen_random_uuid(), o.id, o.owner_id,
              LEAST(now(), o.created_at + (c.k * 60 + floor(random() * 20)) * interval '1 day')::date, '{}',
              LEAST(100, GREATEST(0, 15 + c.k * 12 + floor(random() * 25)::int - 8)), '{}', o.created_at
         FROM b_orgs o CROSS JOIN LATERAL (SELECT k FROM generate_series(0, floor(random() * 4 + o.n * 0)::int - 1) k) c`,
    );
    // Milestones: each kind reached by a quarter of the organisations.
    await m.query(
      `INSERT INTO field_milestones (id, organisation_id, coach_id, kind, reached_on, created_at)
       SELECT gen_random_uuid(), o.id, o.owner_id, k.kind, (o.created_at + random() * (now() - o.created_at))::date, now()
         FROM b_orgs o CROSS JOIN (SELECT unnest(ARRAY['social-media-page', 'whatsapp-business-catalogue',
           'marketplace-listing', 'first-online-order', 'digital-payment-accepted', 'website-live',
           'digital-bookkeeping', 'digital-members-register']) AS kind) k
        WHERE random() < 0.25`,
    );
  });
  // The facts, through the write path: 2,000 organisations per transaction.
  const ids = (
    (await t.dataSource.query(`SELECT id FROM field_organisations ORDER BY id`)) as { id: string }[]
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 2_000)
    await t.dataSource.transaction((m) => refreshImpactFacts(m, ids.slice(i, i + 2_000)));
}

interface Case {
  name: string;
  query: string;
  /** The subtree's root. */
  path: string;
  rootId: string;
  where: string;
  window: { from: string; to: string } | null;
  file?: boolean;
}

/**
 * The naive answer, as the report gives it: organisations registered, visits, milestones and
 * organisations checked twice (with their median gain) by child territory, sector, kind, month,
 * leadership and the owner's training, milestones by kind, and the total — straight from the raw field
 * rows of the slice: one GROUP BY with a grouping set per table for the counts, another over the
 * organisations checked twice for the medians (the trained flag from the completions view, the gain as
 * the facts define it: the latest check's overall score less the first's).
 */
function naive(c: Case): string {
  const inWindow = (d: string) =>
    c.window
      ? `${d} >= '${c.window.from}-01'::date AND ${d} < ('${c.window.to}-01'::date + interval '1 month')`
      : 'true';
  const month = (d: string) => `to_char(${d}, 'YYYY-MM')`;
  // Which table a grouping set's row belongs to (milestones by kind only among the counts).
  const dim = (milestone: string | null) =>
    `CASE WHEN GROUPING(child) = 0 THEN 'territory' WHEN GROUPING(sector) = 0 THEN 'sector'
          WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(month) = 0 THEN 'month'
          WHEN GROUPING(women_led) = 0 THEN 'womenLed' WHEN GROUPING(trained) = 0 THEN 'trained'
          ${milestone ? `WHEN GROUPING(${milestone}) = 0 THEN 'milestone'` : ''} ELSE 'total' END`;
  return `WITH o AS (
      SELECT o.id, o.sector, o.kind, o.women_led::text AS women_led, o.created_at,
             split_part(substr(t.path, ${c.path.length + 1}), '/', 1) AS child,
             EXISTS (SELECT 1 FROM coach_course_completions x WHERE x.user_id = o.owner_id)::text AS trained
        FROM field_organisations o JOIN territories t ON t.id = o.territory_id
       WHERE t.path LIKE '${c.path}%' AND ${c.where}),
    checked AS (
      SELECT fc.organisation_id, max(fc.taken_on) AS latest_on,
             (array_agg(fc.overall ORDER BY fc.taken_on DESC, fc.created_at DESC, fc.id DESC))[1]
               - (array_agg(fc.overall ORDER BY fc.taken_on, fc.created_at, fc.id))[1] AS gain
        FROM field_checks fc JOIN o ON o.id = fc.organisation_id GROUP BY 1 HAVING count(*) >= 2),
    e AS (
      SELECT o.child, o.sector, o.kind, o.women_led, o.trained, ${month("(o.created_at AT TIME ZONE 'UTC')")} AS month,
             1 AS organisations, 0 AS visits, 0 AS milestones, 0 AS checked, NULL::text AS milestone
        FROM o WHERE ${inWindow("(o.created_at AT TIME ZONE 'UTC')::date")}
      UNION ALL SELECT o.child, o.sector, o.kind, o.women_led, o.trained, ${month('v.visited_on')}, 0, 1, 0, 0, NULL
        FROM field_visits v JOIN o ON o.id = v.organisation_id WHERE ${inWindow('v.visited_on')}
      UNION ALL SELECT o.child, o.sector, o.kind, o.women_led, o.trained, ${month('m.reached_on')}, 0, 0, 1, 0, m.kind
        FROM field_milestones m JOIN o ON o.id = m.organisation_id WHERE ${inWindow('m.reached_on')}
      UNION ALL SELECT o.child, o.sector, o.kind, o.women_led, o.trained, ${month('k.latest_on')}, 0, 0, 0, 1, NULL
        FROM checked k JOIN o ON o.id = k.organisation_id WHERE ${inWindow('k.latest_on')}),
    g AS (
      SELECT o.child, o.sector, o.kind, o.women_led, o.trained, ${month('k.latest_on')} AS month, k.gain
        FROM checked k JOIN o ON o.id = k.organisation_id WHERE ${inWindow('k.latest_on')}),
    counts AS (
      SELECT ${dim('milestone')} AS dim, COALESCE(child, sector, kind, month, women_led, trained, milestone, '') AS key,
             sum(organisations)::int AS organisations, sum(visits)::int AS visits,
             sum(milestones)::int AS milestones, sum(checked)::int AS checked
        FROM e GROUP BY GROUPING SETS ((child), (sector), (kind), (month), (women_led), (trained), (milestone), ())
      HAVING GROUPING(milestone) = 1 OR milestone IS NOT NULL),
    medians AS (
      SELECT ${dim(null)} AS dim, COALESCE(child, sector, kind, month, women_led, trained, '') AS key,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY gain) AS median_gain
        FROM g GROUP BY GROUPING SETS ((child), (sector), (kind), (month), (women_led), (trained), ()))
    SELECT counts.*, medians.median_gain FROM counts LEFT JOIN medians USING (dim, key)`;
}

/** The territory table alone from the raw rows (the naive answer this bench used before). */
function naiveTerritories(c: Case): string {
  const inWindow = (d: string) =>
    c.window
      ? `${d} >= '${c.window.from}-01'::date AND ${d} < ('${c.window.to}-01'::date + interval '1 month')`
      : 'true';
  return `WITH o AS (
      SELECT o.*, split_part(substr(t.path, ${c.path.length + 1}), '/', 1) AS child
        FROM field_organisations o JOIN territories t ON t.id = o.territory_id
       WHERE t.path LIKE '${c.path}%' AND ${c.where}),
    checked AS (SELECT organisation_id, max(taken_on) AS latest_on FROM field_checks GROUP BY 1 HAVING count(*) >= 2),
    e AS (
      SELECT o.child, 1 AS organisations, 0 AS visits, 0 AS milestones, 0 AS checked FROM o
       WHERE ${inWindow("(o.created_at AT TIME ZONE 'UTC')::date")}
      UNION ALL SELECT o.child, 0, 1, 0, 0 FROM field_visits v JOIN o ON o.id = v.organisation_id WHERE ${inWindow('v.visited_on')}
      UNION ALL SELECT o.child, 0, 0, 1, 0 FROM field_milestones m JOIN o ON o.id = m.organisation_id WHERE ${inWindow('m.reached_on')}
      UNION ALL SELECT o.child, 0, 0, 0, 1 FROM checked k JOIN o ON o.id = k.organisation_id WHERE ${inWindow('k.latest_on')})
    SELECT child AS key, sum(organisations)::int AS organisations, sum(visits)::int AS visits,
           sum(milestones)::int AS milestones, sum(checked)::int AS checked FROM e GROUP BY 1`;
}

interface NaiveRow {
  dim: string;
  key: string;
  organisations: number;
  visits: number;
  milestones: number;
  checked: number;
  median_gain: number | null;
}

interface ShownCounts {
  organisations: number | null;
  visits: number | null;
  milestones: number | null;
  checked: number | null;
  medianGain: number | null;
}

/** Cells the API shows (not hidden) that differ from the naive answer, over every table of the report. */
function differing(body: Record<string, unknown>, truth: NaiveRow[]): number {
  const byKey = new Map(truth.map((r) => [`${r.dim}:${r.key}`, r]));
  const rows = (dim: string, list: unknown) =>
    (list as { key: string; counts: ShownCounts }[]).map((r) => ({
      at: `${dim}:${r.key.startsWith('direct:') ? '' : r.key}`,
      counts: r.counts,
    }));
  const impact = body['learningToImpact'] as { trained: ShownCounts; notYetTrained: ShownCounts };
  const shown = [
    { at: 'total:', counts: body['totals'] as ShownCounts },
    ...rows('territory', body['byTerritory']),
    ...rows('sector', body['bySector']),
    ...rows('kind', body['byKind']),
    ...rows('month', body['byMonth']),
    ...rows('womenLed', body['byWomenLed']),
    { at: 'trained:true', counts: impact.trained },
    { at: 'trained:false', counts: impact.notYetTrained },
    ...(body['milestones'] as { kind: string; reached: number | null }[]).map((m) => ({
      at: `milestone:${m.kind}`,
      counts: { organisations: null, visits: null, milestones: m.reached, checked: null, medianGain: null },
    })),
  ];
  let bad = 0;
  for (const { at, counts } of shown) {
    const expected = byKey.get(at);
    for (const column of ['organisations', 'visits', 'milestones', 'checked'] as const) {
      const cell = counts[column];
      if (cell !== null && cell !== Number(expected?.[column] ?? 0)) bad++;
    }
    if (counts.medianGain !== null && Math.abs(counts.medianGain - Number(expected?.median_gain)) > 1e-9)
      bad++;
  }
  return bad;
}

async function main(): Promise<void> {
  console.log(
    `impact benchmark, PostgreSQL; ${ORGS} organisations; ${RUNS} requests per answer over HTTP, ${NAIVE_RUNS} naive queries; load average at start ${load()}\n`,
  );
  const t = await createTestApp(
    { LOG_LEVEL: 'silent', ACCESS_TOKEN_TTL: '3600', ...(KEPT ? { DATABASE_URL: KEPT } : {}) },
    'postgres',
  );
  try {
    const started = Date.now();
    const tag = 'impactbench';
    const [kept] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM field_organisations WHERE name LIKE 'Organisation %'`,
    )) as [{ n: number }];
    let population: Awaited<ReturnType<typeof seedSyntheticPopulation>> | undefined;
    let [seeded, facts, folded] = [started, started, started];
    if (KEPT && kept.n >= ORGS)
      console.log(`the field log kept in ${new URL(KEPT).pathname}: not seeded again`);
    else {
      population = await seedSyntheticPopulation(t.dataSource, {
        coaches: Math.max(1_000, Math.round(ORGS / 10)),
        cohorts: Math.max(20, Math.round(ORGS / 500)),
        events: ORGS * 4,
        courseSlug: demoCourse().slug,
        months: 24,
        tag,
      });
      await t.fold();
      seeded = Date.now();
      await seedFieldLog(t, `${tag}.synthetic.invalid`);
      facts = Date.now();
      await t.fold();
      folded = Date.now();
    }
    await t.dataSource.query('VACUUM ANALYZE');
    const [sizes] = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM field_organisations)::int AS orgs, (SELECT count(*) FROM field_visits)::int AS visits,
              (SELECT count(*) FROM field_checks)::int AS checks, (SELECT count(*) FROM field_milestones)::int AS milestones,
              (SELECT count(*) FROM field_impact_counts)::int AS counts, (SELECT count(*) FROM field_impact_counts WHERE gains <> '{}')::int AS gains,
              (SELECT count(*) FROM field_impact_milestones)::int AS ms,
              (SELECT count(*) FROM field_impact_facts WHERE trained)::int AS trained`,
    )) as [Record<string, number>];
    const seededNow = population
      ? `coaches: ${population.coaches} (${population.completed} completions); `
      : 'coaches and field log kept from an earlier run (each run adds its 500 timed visits); ';
    console.log(
      `${seededNow}field log: ${sizes.orgs} organisations ` +
        `(${sizes.trained} of trained coaches), ${sizes.visits} visits, ${sizes.checks} checks, ${sizes.milestones} milestones` +
        (population
          ? ` — seeded in ${((facts - seeded) / 1000).toFixed(0)} s with the facts through refreshImpactFacts, deltas folded in ` +
            `${((folded - facts) / 1000).toFixed(1)} s (coaches and courses before: ${((seeded - started) / 1000).toFixed(0)} s)`
          : '') +
        `; rollup rows: counts ${sizes.counts} (${sizes.gains} with gains), milestones ${sizes.ms}`,
    );

    const token = (await t.signIn('observer@example.org')).accessToken;
    await t.app.listen(PORT, '127.0.0.1');
    const territories = new Map(
      (
        (await t.dataSource.query(`SELECT id, code, path FROM territories WHERE code IS NOT NULL`)) as {
          id: string;
          code: string;
          path: string;
        }[]
      ).map((r) => [r.code, r]),
    );
    const ma = territories.get('MA')!;
    const oriental = territories.get('MA-02')!;
    const oujda = territories.get('MA-OUJ')!;
    const place = (p: { id: string; path: string }) => ({ rootId: p.id, path: p.path });
    const cases: Case[] = [
      { name: 'Morocco, all time', query: `territoryId=${ma.id}`, ...place(ma), where: 'true', window: null },
      {
        name: 'Morocco, 12 months',
        query: `territoryId=${ma.id}&from=2025-07&to=2026-06`,
        ...place(ma),
        where: 'true',
        window: { from: '2025-07', to: '2026-06' },
      },
      {
        name: 'Morocco, argan',
        query: `territoryId=${ma.id}&sector=argan`,
        ...place(ma),
        where: `o.sector = 'argan'`,
        window: null,
      },
      {
        name: 'Morocco, women-led coops, 6 mo',
        query: `territoryId=${ma.id}&kind=cooperative&womenLed=true&from=2026-01&to=2026-06`,
        ...place(ma),
        where: `o.kind = 'cooperative' AND o.women_led`,
        window: { from: '2026-01', to: '2026-06' },
      },
      {
        name: "L'Oriental, all time",
        query: `territoryId=${oriental.id}`,
        ...place(oriental),
        where: 'true',
        window: null,
      },
      {
        name: 'Oujda-Angad, 24 months',
        query: `territoryId=${oujda.id}&from=2025-01&to=2026-12`,
        ...place(oujda),
        where: 'true',
        window: { from: '2025-01', to: '2026-12' },
      },
      {
        name: 'Morocco, CSV file',
        query: `territoryId=${ma.id}&format=csv`,
        ...place(ma),
        where: 'true',
        window: null,
        file: true,
      },
      {
        name: 'Morocco, XLSX file',
        query: `territoryId=${ma.id}&format=xlsx`,
        ...place(ma),
        where: 'true',
        window: null,
        file: true,
      },
    ];
    const ask = async (c: Case): Promise<unknown> => {
      const res = await fetch(
        `http://127.0.0.1:${PORT}/api/v1/observatory/impact${c.file ? '/export' : ''}?${c.query}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.status !== 200) throw new Error(`${c.query}: ${res.status} ${await res.text()}`);
      return c.file ? res.arrayBuffer() : res.json();
    };
    const pad = (x: string, n: number) => x.padEnd(n);
    console.log(
      `\n${pad('answer', 32)} ${pad('HTTP p50/p95 ms', 17)} ${pad('naive p50/p95 ms', 18)} ${pad('naive, terr.', 12)} ratio(p95/naive p50)  p95≤50  ≤0.05×  ratio, terr. differing cells`,
    );
    for (const c of cases) {
      let body: unknown;
      let naiveRows: NaiveRow[] = [];
      const api = await time(RUNS, async () => {
        body = await ask(c);
      });
      const base = await time(NAIVE_RUNS, async () => {
        naiveRows = (await t.dataSource.query(naive(c))) as NaiveRow[];
      });
      const territoriesOnly = await time(NAIVE_RUNS, () => t.dataSource.query(naiveTerritories(c)));
      const bad = c.file ? '(file)' : String(differing(body as Record<string, unknown>, naiveRows));
      const ratio = api.p95 / base.p50;
      console.log(
        `${pad(c.name, 32)} ${pad(`${api.p50.toFixed(1)} / ${api.p95.toFixed(1)}`, 17)} ${pad(`${base.p50.toFixed(0)} / ${base.p95.toFixed(0)}`, 18)} ${pad(territoriesOnly.p50.toFixed(0), 12)} ${pad(ratio.toFixed(4), 21)} ${pad(api.p95 <= 50 ? 'yes' : 'NO', 7)} ${pad(ratio <= 0.05 ? 'yes' : 'NO', 7)} ${pad((api.p95 / territoriesOnly.p50).toFixed(4), 12)} ${bad}`,
      );
    }
    console.log(`load average after the reads: ${load()}`);

    // The write side: a visit and its facts refreshed, one transaction each, then their fold.
    const sample = (await t.dataSource.query(
      `SELECT id, owner_id FROM field_organisations ORDER BY md5(id::text) LIMIT 500`,
    )) as { id: string; owner_id: string }[];
    const writes: number[] = [];
    for (const o of sample) {
      const start = process.hrtime.bigint();
      await t.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode) VALUES ($1, $2, $3, current_date, 45, 'on-site')`,
          [randomUUID(), o.id, o.owner_id],
        );
        await refreshImpactFacts(m, [o.id]);
      });
      writes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const foldStart = process.hrtime.bigint();
    await t.fold();
    const foldMs = Number(process.hrtime.bigint() - foldStart) / 1e6;
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = process.hrtime.bigint();
      await t.fold();
      idle.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const w = percentiles(writes);
    console.log(
      `\nwrites: a visit with its facts refreshed, ${writes.length} transactions: p50 ${w.p50.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms;` +
        ` their fold ${foldMs.toFixed(0)} ms; an idle fold (the trained-flag check over every owner) p50 ${percentiles(idle).p50.toFixed(1)} ms`,
    );
    console.log(`load average at the end: ${load()}`);
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
