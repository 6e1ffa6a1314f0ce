/**
 * Benchmark: enrolling 10,000 coaches from one CSV file (dry run, then the all-or-nothing commit).
 *
 *   npm run bench:import                # PostgreSQL at 127.0.0.1:5432 (a scratch database), else PGlite
 *   BENCH_DB=pglite npm run bench:import
 *   BENCH_ROWS=20000 npm run bench:import
 *
 * Prints wall-clock figures and ratios against a baseline measured in the same process on the same
 * database: inserting the same 10,000 people into a scratch table with one `INSERT … SELECT unnest(…)`,
 * the floor of what any import has to pay. Figures, not a test: nothing here fails.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../../apps/api/src/testing/test-app';

async function main(): Promise<void> {
  const rows = Number(process.env['BENCH_ROWS'] ?? 10_000);
  const kind = (process.env['BENCH_DB'] as 'postgres' | 'pglite' | undefined) ?? undefined;
  const t = await createTestApp({ DEMO_SEED: 'true', LOG_LEVEL: 'silent' }, kind);
  try {
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courses = await t.request('GET', '/api/v1/courses', { token: trainer });
    const courseId = courses.body[0].id as string;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Benchmark',
        courseId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2027-01-01',
        endsOn: '2027-06-30',
      },
    });
    const codes = ['MA-OUJ', 'MA-BER', 'MA-DRI', 'MA-FIG', 'MA-GUF', 'MA-JRA', 'MA-NAD', 'MA-TAI'];
    const lines = Array.from(
      { length: rows },
      (_, i) =>
        `coach${i}@coop${i % 97}.ma;Coach ${i} El Amrani;${codes[i % codes.length]};${['fr', 'ar', 'en'][i % 3]}`,
    );
    const csv = '\uFEFF' + ['email;full name;territory code;preferred language', ...lines].join('\r\n');

    // Baseline: the same people in one set-based INSERT into a scratch table.
    await t.dataSource.query(
      'CREATE TEMP TABLE bench_people (email varchar(254) PRIMARY KEY, name varchar(120), code varchar(12), lang varchar(2))',
    );
    const parsed = lines.map((l) => l.split(';'));
    let start = performance.now();
    await t.dataSource.query(
      'INSERT INTO bench_people SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])',
      [parsed.map((p) => p[0]), parsed.map((p) => p[1]), parsed.map((p) => p[2]), parsed.map((p) => p[3])],
    );
    const baseline = performance.now() - start;

    const importCsv = (dryRun: boolean) =>
      t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments/import?dryRun=${dryRun}`, {
        token: trainer,
        body: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
    start = performance.now();
    const dry = await importCsv(true);
    const dryMs = performance.now() - start;
    start = performance.now();
    const commit = await importCsv(false);
    const commitMs = performance.now() - start;
    start = performance.now();
    const replay = await importCsv(false);
    const replayMs = performance.now() - start;
    start = performance.now();
    const roster = await t.request(
      'GET',
      `/api/v1/cohorts/${cohort.body.id}/roster?sort=progress&order=desc`,
      { token: trainer },
    );
    const rosterMs = performance.now() - start;

    if (dry.status !== 200 || commit.status !== 200 || replay.status !== 200 || roster.status !== 200) {
      throw new Error(`unexpected answers: ${dry.status} ${commit.status} ${replay.status} ${roster.status}`);
    }
    const enrolled: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1',
      [cohort.body.id],
    );
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
    const ratio = (ms: number) => `${(ms / baseline).toFixed(1).padStart(6)}× baseline`;
    console.log(
      `cohort CSV import, ${rows} rows, ${t.kind}, ${(Buffer.byteLength(csv) / 1024).toFixed(0)} kB`,
    );
    console.log(`  baseline: one INSERT … unnest of ${rows} rows   ${fmt(baseline)}`);
    console.log(
      `  dry run (parse, check, look up territories)  ${fmt(dryMs)}  ${ratio(dryMs)}  problems=${dry.body.problems.length}`,
    );
    console.log(
      `  commit (accounts, invitations, one transaction)  ${fmt(commitMs)}  ${ratio(commitMs)}  enrolled=${enrolled[0]?.n}`,
    );
    console.log(`  replay of the same file (all already invited)  ${fmt(replayMs)}  ${ratio(replayMs)}`);
    console.log(
      `  roster of the cohort (${roster.body.total} coaches, ${roster.body.invitations.length} invitations)  ${fmt(rosterMs)}  ${ratio(rosterMs)}`,
    );
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
