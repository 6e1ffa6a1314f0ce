import type { QueryRunner } from 'typeorm';
import { demoCourse, seedSyntheticPopulation } from '@tc/demo/api';
import { FOLD_EVERY_MS, FOLD_LOCK_KEY } from '@tc/shared/api';
import { bootApp, createTestApp, type TestApp } from '@tc/shared/testing';
import { EXACT, rollupDifferences } from '../testing';

const DELTAS = ['obs_fact_deltas', 'obs_lesson_stat_deltas', 'obs_self_assessment_deltas'];
const lessonKeys = demoCourse()
  .modules.flatMap((m) => m.lessons)
  .map((l) => l.key);

/**
 * The coaches' transactions append their counts to delta tables; the app's folder applies them to the
 * rollups (and the cohort counters) every 2 seconds and deletes them, in one transaction. Each delta
 * must count once: with folders racing, with a fold killed half-way, on PostgreSQL and on PGlite.
 */
describe('folding the count deltas into the observatory’s rollups (real database)', () => {
  let t: TestApp;
  let cohortId: string;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const one = async (sql: string, params: unknown[] = []) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0]!.n;
  const pending = () =>
    one(`SELECT (${DELTAS.map((d) => `(SELECT count(*) FROM ${d})`).join(' + ')})::int AS n`);
  /** The `fold-spec` counter of the spec's cohort: what the writers below moved, once folded. */
  const specCounter = async () =>
    (
      (await t.dataSource.query(
        `SELECT started, completed FROM cohort_progress_counters WHERE cohort_id = $1 AND lesson_key = 'fold-spec'`,
        [cohortId],
      )) as { started: number; completed: number }[]
    )[0] ?? { started: 0, completed: 0 };
  const runner = async (): Promise<QueryRunner> => {
    const r = t.dataSource.createQueryRunner();
    await r.connect();
    return r;
  };

  /**
   * `n` coaches' transactions at once, as progress, completion and withdrawal write them: each opens
   * and completes a lesson, every third completes the course, every seventh withdraws; each moves the
   * spec's counter by one.
   */
  async function write(n: number): Promise<void> {
    const picked = (await t.dataSource.query(
      `SELECT e.id FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.status = 'active' AND e.completed_at IS NULL AND u.email LIKE '%@fold.synthetic.invalid' ORDER BY random() LIMIT $1`,
      [n],
    )) as { id: string }[];
    await Promise.all(
      picked.map(({ id }, i) =>
        t.dataSource.transaction(async (m) => {
          await m.query(
            `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at)
             VALUES ($1, $2, now() - interval '1 day', now(), now())
             ON CONFLICT (enrolment_id, lesson_key) DO UPDATE SET completed_at = LEAST(lesson_progress.completed_at, EXCLUDED.completed_at)`,
            [id, lessonKeys[i % lessonKeys.length]],
          );
          if (i % 3 === 0) await m.query('UPDATE enrolments SET completed_at = now() WHERE id = $1', [id]);
          if (i % 7 === 0)
            await m.query(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [
              id,
            ]);
          await m.query(
            `INSERT INTO cohort_progress_counter_deltas (cohort_id, lesson_key, started, completed) VALUES ($1, 'fold-spec', 1, 1)`,
            [cohortId],
          );
        }),
      ),
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedSyntheticPopulation(t.dataSource, {
      coaches: 400,
      cohorts: 12,
      events: 4_000,
      courseSlug: demoCourse().slug,
      months: 6,
      tag: 'fold',
    });
    cohortId = (
      (await t.dataSource.query('SELECT id FROM cohorts ORDER BY name LIMIT 1')) as { id: string }[]
    )[0]!.id;
    await t.fold();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('applies every delta once while two replicas fold over and over and coaches keep writing', async () => {
    // A second API process: a PostgreSQL matter (the embedded database serves one).
    if (t.kind !== 'postgres') return;
    const replica = await bootApp({ ...t.env, DEMO_SEED: 'false' });
    try {
      const before = await specCounter();
      let writing = true;
      const folding = [t, replica, t, replica].map(async (app) => {
        let folds = 0;
        while (writing || folds === 0) {
          await app.fold();
          folds++;
        }
        return folds;
      });
      for (let round = 0; round < 6; round++) await write(15);
      writing = false;
      expect((await Promise.all(folding)).every((n) => n > 0)).toBe(true);
      await replica.fold();
      await t.fold();
      expect(await pending()).toBe(0);
      expect(await rollupDifferences(t.dataSource)).toEqual(EXACT);
      expect(await specCounter()).toEqual({ started: before.started + 90, completed: before.completed + 90 });
    } finally {
      await replica.close();
    }
  }, 180_000);

  it('applies a delta once even when two folds ignore the lock: the second waits, then gives up whole', async () => {
    if (t.kind !== 'postgres') return;
    const guard = await runner();
    const [a, b] = [await runner(), await runner()];
    try {
      // The app's folders kept out, the spec's two folds run side by side.
      await guard.query('SELECT pg_advisory_lock($1::bigint)', [FOLD_LOCK_KEY]);
      await write(10);
      const waiting = await pending();
      expect(waiting).toBeGreaterThan(0);
      await a.startTransaction('REPEATABLE READ');
      await b.startTransaction('REPEATABLE READ');
      await b.query('SELECT 1'); // b's snapshot: before a's fold commits
      const [{ n }] = (await a.query('SELECT obs_fold_rollups() AS n')) as { n: number }[];
      expect(n).toBe(waiting);
      const second = b.query('SELECT obs_fold_rollups() AS n').then(
        () => 'folded',
        (e: { code?: string }) => e.code,
      );
      await sleep(300);
      await a.commitTransaction();
      // The rows b wanted were deleted by a: "could not serialize access", and b rolls back.
      expect(await second).toBe('40001');
      await b.rollbackTransaction();
      expect(await pending()).toBe(0);
      await guard.query('SELECT pg_advisory_unlock($1::bigint)', [FOLD_LOCK_KEY]);
      await t.fold();
      expect(await rollupDifferences(t.dataSource)).toEqual(EXACT);
    } finally {
      for (const r of [a, b, guard]) await r.release();
    }
  }, 120_000);

  it('leaves every delta for the next fold when a fold dies half-way (its transaction rolls back whole)', async () => {
    if (t.kind !== 'postgres') return;
    // The app's folders kept out while the spec writes and takes its measures.
    const guard = await runner();
    await guard.query('SELECT pg_advisory_lock($1::bigint)', [FOLD_LOCK_KEY]);
    await write(12);
    const counter = await specCounter();
    const funnel = await one(
      'SELECT coalesce(sum(started + completed + withdrawn), 0)::int AS n FROM obs_funnel',
    );
    const deltas = await pending();
    const moves = await one(
      `SELECT count(*)::int AS n FROM cohort_progress_counter_deltas WHERE cohort_id = $1 AND lesson_key = 'fold-spec'`,
      [cohortId],
    );
    expect(deltas).toBeGreaterThan(0);
    expect(moves).toBe(12);
    // The lesson stats locked: the folder applies the counters and the funnels, then waits there.
    const lock = await runner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE obs_lesson_stats IN SHARE MODE');
    await guard.query('SELECT pg_advisory_unlock($1::bigint)', [FOLD_LOCK_KEY]);
    await guard.release();
    const folding = t.fold().then(
      () => 'folded',
      () => 'failed',
    );
    let victim: { pid: number; query: string } | undefined;
    for (let i = 0; i < 200 && !victim; i++) {
      await sleep(50);
      victim = (
        (await t.dataSource.query(
          `SELECT a.pid, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND l.relation = 'obs_lesson_stats'::regclass`,
        )) as { pid: number; query: string }[]
      )[0];
    }
    expect(victim?.query).toContain('obs_fold_rollups');
    await t.dataSource.query('SELECT pg_terminate_backend($1)', [victim!.pid]);
    await sleep(200);
    // Nothing of what it had done is left, and nothing it had taken is gone.
    expect(await specCounter()).toEqual(counter);
    expect(
      await one('SELECT coalesce(sum(started + completed + withdrawn), 0)::int AS n FROM obs_funnel'),
    ).toBe(funnel);
    expect(await pending()).toBe(deltas);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM cohort_progress_counter_deltas WHERE cohort_id = $1 AND lesson_key = 'fold-spec'`,
        [cohortId],
      ),
    ).toBe(12);
    await lock.rollbackTransaction();
    await lock.release();
    expect(['folded', 'failed']).toContain(await folding);
    await t.fold();
    expect(await pending()).toBe(0);
    expect(await specCounter()).toEqual({ started: counter.started + 12, completed: counter.completed + 12 });
    expect(await rollupDifferences(t.dataSource)).toEqual(EXACT);
  }, 120_000);

  it('answers the observatory from the folded rollups: behind while a fold waits, equal to a recount after it', async () => {
    const observer = (await t.signIn('observer@example.org')).accessToken;
    const [morocco] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA'`)) as {
      id: string;
    }[];
    const enrolledNow = () =>
      one(
        `SELECT count(*)::int AS n FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
           JOIN territories t ON t.id = c.territory_id WHERE t.code LIKE 'MA%' AND e.status = 'active'`,
      );
    const reported = async () =>
      (
        await t.request('GET', `/api/v1/observatory/completion?territoryId=${morocco!.id}`, {
          token: observer,
        })
      ).body.total.enrolled as number;
    expect(await reported()).toBe(await enrolledNow());
    // Two connections (the lock holder and the app): a PostgreSQL matter.
    if (t.kind === 'postgres') {
      const guard = await runner();
      try {
        await guard.query('SELECT pg_advisory_lock($1::bigint)', [FOLD_LOCK_KEY]);
        const shown = await reported();
        await write(14); // two of them withdraw
        expect(await enrolledNow()).toBe(shown - 2);
        expect(await reported()).toBe(shown);
      } finally {
        await guard.query('SELECT pg_advisory_unlock($1::bigint)', [FOLD_LOCK_KEY]);
        await guard.release();
      }
    } else await write(14);
    await t.fold();
    expect(await reported()).toBe(await enrolledNow());
    expect(await rollupDifferences(t.dataSource)).toEqual(EXACT);
  }, 120_000);

  it('folds by itself on the embedded database (PGlite), within its period', async () => {
    const embedded = await createTestApp({}, 'pglite');
    try {
      await seedSyntheticPopulation(embedded.dataSource, {
        coaches: 40,
        cohorts: 3,
        events: 300,
        courseSlug: demoCourse().slug,
        months: 3,
        tag: 'embedded',
      });
      const count = 'SELECT count(*)::int AS n FROM obs_fact_deltas';
      const written = await embedded.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now()
            WHERE id IN (SELECT id FROM enrolments WHERE status = 'active' ORDER BY id LIMIT 3)`,
        );
        return ((await m.query(count)) as { n: number }[])[0]!.n;
      });
      expect(written).toBeGreaterThan(0);
      const waiting = async () => ((await embedded.dataSource.query(count)) as { n: number }[])[0]!.n;
      const started = Date.now();
      while ((await waiting()) > 0 && Date.now() - started < 3 * FOLD_EVERY_MS) await sleep(100);
      expect(await waiting()).toBe(0);
      expect(await rollupDifferences(embedded.dataSource)).toEqual(EXACT);
    } finally {
      await embedded.close();
    }
  }, 180_000);
});
