import { randomUUID } from 'node:crypto';
import type { CourseFile, QuizAnswers } from '@tc/shared/contracts';
import { createTestApp, passTask, type TestApp } from '@tc/shared/testing';

/**
 * The rows many coaches' progress moves together: the observatory's rollups and the cohort progress
 * counters. No coach's transaction may update them (a thousand coaches of one territory would queue
 * on them): each appends its moves to delta tables, which the app's folder applies every 2 seconds.
 */
const SHARED = [
  'obs_funnel',
  'obs_funnel_monthly',
  'obs_funnel_all',
  'obs_cohort_funnel',
  'obs_cohort_funnel_all',
  'obs_cohort_column_summary',
  'obs_completion_days',
  'obs_completion_days_all',
  'obs_cohort_completion_days',
  'obs_cohort_completion_days_all',
  'obs_lesson_stats',
  'obs_self_assessment',
  'cohort_progress_counters',
];

/** Settles within `ms`, or fails saying the request waited (on a lock, here). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`still waiting after ${ms} ms`)), ms);
    }),
  ]);
}

describe('coaches’ transactions and the counts they share (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let cohortId: string;
  let course: CourseFile;
  const coaches: { token: string; enrolmentId: string }[] = [];

  const post = (token: string, body: unknown) =>
    t.request('POST', '/api/v1/progress/events', { token, body });
  const event = (enrolmentId: string, lessonKey: string, type: 'started' | 'completed') => ({
    id: randomUUID(),
    enrolmentId,
    lessonKey,
    type,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });
  const lessons = () => course.modules.flatMap((m) => m.lessons);
  /** The right answers of a quiz, from the course as its trainer exports it. */
  const rightAnswers = (key: string): QuizAnswers =>
    Object.fromEntries(
      lessons()
        .find((l) => l.key === key)!
        .quiz!.questions.map((q) => [
          q.key,
          q.type === 'short_answer'
            ? q.acceptedAnswers[0]!
            : q.type === 'multiple'
              ? q.options.filter((o) => o.correct).map((o) => o.key)
              : q.options.find((o) => o.correct)!.key,
        ]),
    );
  /** The counters of the cohort as a recount of its lesson summaries and completions gives them. */
  const recountedCounters = () =>
    t.dataSource.query(
      `SELECT lesson_key, started, completed FROM (
         SELECT lp.lesson_key, count(*) FILTER (WHERE lp.started_at IS NOT NULL)::int AS started,
                count(*) FILTER (WHERE lp.completed_at IS NOT NULL)::int AS completed
           FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id WHERE e.cohort_id = $1 GROUP BY 1
         UNION ALL
         SELECT '', count(DISTINCT lp.enrolment_id)::int,
                (SELECT count(*)::int FROM enrolments WHERE cohort_id = $1 AND completed_at IS NOT NULL)
           FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id WHERE e.cohort_id = $1) x
       ORDER BY lesson_key`,
      [cohortId],
    );
  const counters = () =>
    t.dataSource.query(
      `SELECT lesson_key, started, completed FROM cohort_progress_counters WHERE cohort_id = $1 ORDER BY lesson_key`,
      [cohortId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courseId = (
      (await t.request('GET', '/api/v1/courses', { token: trainer })).body as { id: string }[]
    )[0]!.id;
    course = (await t.request('GET', `/api/v1/courses/${courseId}/export?version=1`, { token: trainer }))
      .body;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Session en direct',
        courseId,
        courseVersion: 1,
        territoryId: oriental!.id,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    cohortId = cohort.body.id as string;
    const others = Array.from({ length: 5 }, (_, i) => `direct-${i}@coop.ma`);
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org', ...others] },
    });
    const tokens = [(await t.signIn('coach@example.org')).accessToken];
    for (const { url } of enrolled.body.invited as { url: string }[]) {
      const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: url.split('/').pop(), password: 'live-session-pass' },
      });
      tokens.push(accepted.body.accessToken as string);
    }
    for (const token of tokens) {
      const mine = (await t.request('GET', '/api/v1/me/enrolments', { token })).body as {
        cohortId: string;
        enrolmentId: string;
      }[];
      coaches.push({ token, enrolmentId: mine.find((e) => e.cohortId === cohortId)!.enrolmentId });
    }
    expect(coaches).toHaveLength(6);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets progress, quizzes, completion and self-assessment through while every shared count is locked, exact where it must be', async () => {
    // Two connections: a PostgreSQL matter (the embedded database serves one).
    if (t.kind !== 'postgres') return;
    const texts = lessons().filter((l) => l.kind !== 'quiz' && l.kind !== 'task');
    const quizzes = lessons().filter((l) => l.kind === 'quiz');
    const tasks = lessons().filter((l) => l.kind === 'task');
    const lock = t.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      // No one may write the shared rows now (reading them is allowed): a transaction that tried would wait.
      await lock.query(`LOCK TABLE ${SHARED.join(', ')} IN SHARE MODE`);
      const before = await counters();

      // Everyone opens the first lesson at the same moment, and completes it.
      const opened = await within(
        15_000,
        Promise.all(coaches.map((c) => post(c.token, event(c.enrolmentId, texts[0]!.key, 'started')))),
      );
      expect(opened.map((r) => r.status)).toEqual(coaches.map(() => 200));
      const done = await within(
        15_000,
        Promise.all(coaches.map((c) => post(c.token, event(c.enrolmentId, texts[0]!.key, 'completed')))),
      );
      expect(done.map((r) => r.status)).toEqual(coaches.map(() => 200));

      // The first coach finishes the course: every text, every quiz passed, then every practical task
      // handed in and passed by the trainer — the completion and its certificate decided in that last
      // review's transaction — then rates themselves before and after.
      const [first] = coaches;
      const rest = await within(
        15_000,
        post(first!.token, { events: texts.map((l) => event(first!.enrolmentId, l.key, 'completed')) }),
      );
      expect(rest.status).toBe(200);
      for (const q of quizzes) {
        const attempt = await within(
          15_000,
          t.request('POST', `/api/v1/enrolments/${first!.enrolmentId}/quizzes/${q.key}/attempts`, {
            token: first!.token,
            body: { answers: rightAnswers(q.key) },
          }),
        );
        expect([attempt.status, attempt.body.passed]).toEqual([200, true]);
      }
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks)
        await within(15_000, passTask(t, { coach: first!.token, trainer }, first!.enrolmentId, task));
      const competence = course.competences[0]!;
      for (const phase of ['start', 'end'])
        expect(
          (
            await within(
              15_000,
              t.request('PUT', `/api/v1/enrolments/${first!.enrolmentId}/self-assessment/${phase}`, {
                token: first!.token,
                body: { ratings: { [competence]: phase === 'start' ? 2 : 5 } },
              }),
            )
          ).status,
        ).toBe(200);

      // Exact now, with no fold possible: the coach's own progress, the completion, the roster.
      const mine = await t.request('GET', `/api/v1/enrolments/${first!.enrolmentId}`, {
        token: first!.token,
      });
      expect(mine.body).toMatchObject({ lessonsDone: lessons().length, lessonsTotal: lessons().length });
      expect(mine.body.completedAt).not.toBeNull();
      const certificate = await t.request('GET', `/api/v1/enrolments/${first!.enrolmentId}/certificate`, {
        token: first!.token,
      });
      expect(certificate.status).toBe(200);
      const roster = await t.request('GET', `/api/v1/cohorts/${cohortId}/roster`, { token: trainer });
      const doneBy = new Map(
        (roster.body.rows as { enrolmentId: string; lessonsDone: number }[]).map((r) => [
          r.enrolmentId,
          r.lessonsDone,
        ]),
      );
      expect(coaches.map((c) => doneBy.get(c.enrolmentId))).toEqual([
        lessons().length,
        ...coaches.slice(1).map(() => 1),
      ]);
      // The counters have not moved; their moves wait in the deltas.
      expect(await counters()).toEqual(before);
      const [pending] = (await t.dataSource.query(
        'SELECT count(*)::int AS n FROM cohort_progress_counter_deltas WHERE cohort_id = $1',
        [cohortId],
      )) as { n: number }[];
      expect(pending!.n).toBeGreaterThan(0);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
  }, 180_000);

  it('counts every move once the folder has applied them, whoever posted what', async () => {
    const texts = lessons().filter((l) => l.kind !== 'quiz');
    // More of the same from everyone, replays included (a replay moves nothing).
    const again = coaches.map((c) => event(c.enrolmentId, texts[1]!.key, 'completed'));
    await Promise.all(coaches.map((c, i) => post(c.token, { events: [again[i]] })));
    await Promise.all(coaches.map((c, i) => post(c.token, { events: [again[i]] })));
    await t.fold();
    const folded = await counters();
    expect(folded).toEqual(await recountedCounters());
    expect(folded.find((r: { lesson_key: string }) => r.lesson_key === texts[1]!.key)).toMatchObject({
      started: coaches.length,
      completed: coaches.length,
    });
    const [pending] = (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM cohort_progress_counter_deltas WHERE cohort_id = $1',
      [cohortId],
    )) as { n: number }[];
    expect(pending!.n).toBe(0);
  }, 120_000);
});
