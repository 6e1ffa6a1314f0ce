import { randomUUID } from 'node:crypto';
import type { CourseFile, QuizAnswers } from '@tc/shared/contracts';
import { createTestApp, passTask, pdfText, type TestApp } from '@tc/shared/testing';

type Lesson = CourseFile['modules'][number]['lessons'][number];
let demo: CourseFile;
let lessons: Lesson[];
let texts: Lesson[];
let quizzes: Lesson[];
let tasks: Lesson[];

/**
 * The course the app seeded (its only one), read as its trainer exports version 1: the lessons (read,
 * quizzes, practical tasks a trainer passes), and the answers the spec knows (the coach's browser never
 * receives them).
 */
async function seededCourse(t: TestApp, trainer: string): Promise<string> {
  const courses = (await t.request('GET', '/api/v1/courses', { token: trainer })).body as { id: string }[];
  expect(courses).toHaveLength(1);
  const id = courses[0]!.id;
  demo = (await t.request('GET', `/api/v1/courses/${id}/export?version=1`, { token: trainer })).body;
  lessons = demo.modules.flatMap((m) => m.lessons);
  texts = lessons.filter((l) => l.kind !== 'quiz' && l.kind !== 'task');
  quizzes = lessons.filter((l) => l.kind === 'quiz');
  tasks = lessons.filter((l) => l.kind === 'task');
  return id;
}

/** L'Oriental's id: the demo trainer's territory, where the spec's cohorts run. */
async function orientalTerritoryId(t: TestApp): Promise<string> {
  const [row] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
    id: string;
  }[];
  return row!.id;
}

/** A cohort of version 1 of a course in L'Oriental, running through 2027, opened by the trainer. */
async function openCohort(t: TestApp, trainer: string, name: string, courseId: string): Promise<string> {
  const cohort = await t.request('POST', '/api/v1/cohorts', {
    token: trainer,
    body: {
      name,
      courseId,
      courseVersion: 1,
      territoryId: await orientalTerritoryId(t),
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  expect(cohort.status).toBe(201);
  return cohort.body.id as string;
}

/** Every practical task of the course handed in by the coach and passed by the trainer. */
async function passTasks(t: TestApp, tokens: { coach: string; trainer: string }, enrolmentId: string) {
  for (const task of tasks) await passTask(t, tokens, enrolmentId, task);
}

/** The right answers of a demo quiz, built from its content (the test knows; the coach's browser never does). */
function rightAnswers(key: string): QuizAnswers {
  const quiz = quizzes.find((q) => q.key === key)!.quiz!;
  return Object.fromEntries(
    quiz.questions.map((q) => [
      q.key,
      q.type === 'short_answer'
        ? q.acceptedAnswers[0]!
        : q.type === 'multiple'
          ? q.options.filter((o) => o.correct).map((o) => o.key)
          : q.options.find((o) => o.correct)!.key,
    ]),
  );
}
function wrongAnswers(key: string): QuizAnswers {
  const quiz = quizzes.find((q) => q.key === key)!.quiz!;
  return Object.fromEntries(
    quiz.questions.map((q) => [
      q.key,
      q.type === 'short_answer' ? 'rien' : q.options.find((o) => !o.correct)!.key,
    ]),
  );
}

describe('the coach’s side: progress events, quizzes, completion (real database)', () => {
  let t: TestApp;
  let coach: string;
  let otherCoach: string;
  let enrolmentId: string;
  let otherEnrolmentId: string;
  const event = (lessonKey: string, type: 'started' | 'completed', extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    enrolmentId,
    lessonKey,
    type,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    ...extra,
  });
  const post = (body: unknown, token = coach) =>
    t.request('POST', '/api/v1/progress/events', { token, body });
  const count = async (sql: string, params: unknown[]) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0]?.n;

  beforeAll(async () => {
    t = await createTestApp();
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courseId = await seededCourse(t, trainer);
    const cohortId = await openCohort(t, trainer, 'Learning spec', courseId);
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org', 'second.coach@coop.ma'] },
    });
    const link = (enrolled.body.invited[0].url as string).split('/').pop();
    otherCoach = (
      await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: link, password: 'second-coach-pass' },
      })
    ).body.accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    enrolmentId = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body[0].enrolmentId;
    otherEnrolmentId = (await t.request('GET', '/api/v1/me/enrolments', { token: otherCoach })).body[0]
      .enrolmentId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts one event, and acknowledges its replay as a duplicate that changes nothing', async () => {
    const e = event(texts[0]!.key, 'started');
    const first = await post(e);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: [e.id], duplicates: [], rejected: [] });
    const replay = await post(e);
    expect(replay.body).toEqual({ accepted: [], duplicates: [e.id], rejected: [] });
    expect(
      await count('SELECT count(*)::int AS n FROM progress_events WHERE enrolment_id = $1', [enrolmentId]),
    ).toBe(1);
  });

  it('rejects with reasons: someone else’s enrolment, an unknown lesson, a time in the future', async () => {
    const mine = event(texts[0]!.key, 'completed');
    const theirs = { ...event(texts[0]!.key, 'completed'), enrolmentId: otherEnrolmentId };
    const unknown = event('no-such-lesson', 'started');
    const future = event(texts[1]!.key, 'started', {
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const res = await post({ events: [mine, theirs, unknown, future] });
    expect(res.body.accepted).toEqual([mine.id]);
    expect(res.body.rejected).toEqual([
      { id: theirs.id, reason: 'not_your_enrolment' },
      { id: unknown.id, reason: 'unknown_lesson' },
      { id: future.id, reason: 'in_the_future' },
    ]);
    expect(
      await count('SELECT count(*)::int AS n FROM progress_events WHERE enrolment_id = $1', [
        otherEnrolmentId,
      ]),
    ).toBe(0);
  });

  it('refuses progress dated before the enrolment (beyond a few minutes of clock skew), per event and per quiz attempt', async () => {
    const [row] = (await t.dataSource.query('SELECT enrolled_at FROM enrolments WHERE id = $1', [
      enrolmentId,
    ])) as { enrolled_at: Date }[];
    const enrolledAt = new Date(row!.enrolled_at).getTime();
    const epoch = event(texts[0]!.key, 'completed', { occurredAt: '1970-01-01T00:00:00Z' });
    const hourBefore = event(texts[0]!.key, 'started', {
      occurredAt: new Date(enrolledAt - 3_600_000).toISOString(),
    });
    const skewed = event(texts[0]!.key, 'started', {
      occurredAt: new Date(enrolledAt - 60_000).toISOString(),
    });
    const res = await post({ events: [epoch, hourBefore, skewed] });
    expect(res.body).toEqual({
      accepted: [skewed.id],
      duplicates: [],
      rejected: [
        { id: epoch.id, reason: 'before_enrolment' },
        { id: hourBefore.id, reason: 'before_enrolment' },
      ],
    });
    expect(
      await count('SELECT count(*)::int AS n FROM progress_events WHERE occurred_at < $1', [
        new Date(enrolledAt - 300_000),
      ]),
    ).toBe(0);

    const attempt = await t.request(
      'POST',
      `/api/v1/enrolments/${enrolmentId}/quizzes/${quizzes[0]!.key}/attempts`,
      {
        token: coach,
        body: { answers: wrongAnswers(quizzes[0]!.key), answeredAt: '1970-01-01T00:00:00Z' },
      },
    );
    expect(attempt.status).toBe(400);
    expect(attempt.body.errors).toEqual([
      { field: 'answeredAt', message: 'is before the enrolment', code: 'attempt-before-enrolment' },
    ]);
    expect(
      await count('SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1', [enrolmentId]),
    ).toBe(0);
  });

  it('refuses bad input by field, and batches over 500', async () => {
    const bad = await post({
      events: [{ id: 'x', enrolmentId, lessonKey: 'm1-l1', type: 'finished', occurredAt: 'yesterday' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'events[0].id',
      'events[0].occurredAt',
      'events[0].type',
    ]);
    const tooMany = await post({
      events: Array.from({ length: 501 }, () => event(texts[0]!.key, 'started')),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({
      field: 'events',
      message: 'at most 500 events per batch',
    });
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    expect((await post(event(texts[0]!.key, 'started'), trainer)).status).toBe(403);
  });

  it('two racing batches with overlapping ids store each event once and keep the summary exact', async () => {
    const shared = Array.from({ length: 40 }, (_, i) =>
      event(texts[i % texts.length]!.key, i % 2 ? 'completed' : 'started'),
    );
    const a = [...shared, ...Array.from({ length: 10 }, () => event(texts[2]!.key, 'started'))];
    const b = [
      ...shared.slice().reverse(),
      ...Array.from({ length: 10 }, () => event(texts[3]!.key, 'started')),
    ];
    const before = await count('SELECT count(*)::int AS n FROM progress_events WHERE enrolment_id = $1', [
      enrolmentId,
    ]);
    const [ra, rb] = await Promise.all([post({ events: a }), post({ events: b })]);
    const acceptedTotal = ra.body.accepted.length + rb.body.accepted.length;
    expect(acceptedTotal).toBe(60);
    expect(ra.body.duplicates.length + rb.body.duplicates.length).toBe(40);
    expect(
      await count('SELECT count(*)::int AS n FROM progress_events WHERE enrolment_id = $1', [enrolmentId]),
    ).toBe(before! + 60);
    const completedKeys = new Set(shared.filter((e) => e.type === 'completed').map((e) => e.lessonKey));
    completedKeys.add(texts[0]!.key);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM lesson_progress WHERE enrolment_id = $1 AND completed_at IS NOT NULL',
        [enrolmentId],
      ),
    ).toBe(completedKeys.size);
  });

  it('keeps the cohort counters equal to what the summary rows say, once folded', async () => {
    // Counters move by transitions only; recounting the summary rows must give the same numbers.
    await post({ events: [event(texts[5]!.key, 'completed')] });
    await post(
      { events: [{ ...event(texts[5]!.key, 'started'), enrolmentId: otherEnrolmentId }] },
      otherCoach,
    );
    await post(
      { events: [{ ...event(texts[5]!.key, 'started'), enrolmentId: otherEnrolmentId }] },
      otherCoach,
    );
    // The transactions appended their moves; the app's folder applies them every 2 seconds.
    await t.fold();
    const counters = (await t.dataSource.query(
      `SELECT lesson_key, started, completed FROM cohort_progress_counters ORDER BY lesson_key`,
    )) as { lesson_key: string; started: number; completed: number }[];
    const recount = (await t.dataSource.query(
      `SELECT lesson_key, started, completed FROM (
         SELECT lesson_key, count(*) FILTER (WHERE started_at IS NOT NULL)::int AS started,
                count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed
           FROM lesson_progress GROUP BY lesson_key
         UNION ALL
         SELECT '' AS lesson_key, count(DISTINCT enrolment_id)::int, (SELECT count(*)::int FROM enrolments WHERE completed_at IS NOT NULL)
           FROM lesson_progress) x
       ORDER BY lesson_key`,
    )) as { lesson_key: string; started: number; completed: number }[];
    expect(counters).toEqual(recount);
    expect(counters.find((c) => c.lesson_key === texts[5]!.key)).toMatchObject({ started: 2, completed: 1 });
  });

  it('grades a quiz on the server: failed, then passed; answers shown only after the pass', async () => {
    const key = quizzes[0]!.key;
    const attempt = (answers: QuizAnswers, attemptId?: string) =>
      t.request('POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${key}/attempts`, {
        token: coach,
        body: { answers, ...(attemptId ? { attemptId } : {}) },
      });
    const failed = await attempt(wrongAnswers(key));
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      attemptNumber: 1,
      passed: false,
      percent: 0,
      attemptsLeft: 2,
      answersRevealed: false,
    });
    expect(JSON.stringify(failed.body)).not.toMatch(/correctAnswers|feedback|explanation/);

    const id = randomUUID();
    const passed = await attempt(rightAnswers(key), id);
    expect(passed.body).toMatchObject({
      attemptNumber: 2,
      passed: true,
      percent: 100,
      bestPercent: 100,
      attemptsLeft: 1,
      answersRevealed: true,
    });
    expect(passed.body.questions[0].correctAnswers.length).toBeGreaterThan(0);
    // The same attempt sent again (offline outbox) is not graded twice.
    const replay = await attempt(rightAnswers(key), id);
    expect(replay.body).toMatchObject({ attemptId: id, attemptNumber: 2 });
    expect(
      await count('SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1', [enrolmentId]),
    ).toBe(2);
    // Passed, and the trainer did not allow improving: no further attempt is spent.
    const again = await attempt(wrongAnswers(key));
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.type).toMatch(/\/quiz-already-passed$/);
    expect(
      await count('SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1', [enrolmentId]),
    ).toBe(2);
    const progress = (await t.dataSource.query(
      'SELECT completed_at, attempts, best_percent FROM lesson_progress WHERE enrolment_id = $1 AND lesson_key = $2',
      [enrolmentId, key],
    )) as {
      completed_at: Date | null;
      attempts: number;
      best_percent: number;
    }[];
    expect(progress[0]).toMatchObject({ attempts: 2, best_percent: 100 });
    expect(progress[0]?.completed_at).not.toBeNull();
  });

  it('a coach cannot answer another coach’s quiz nor read their course', async () => {
    const key = quizzes[0]!.key;
    expect(
      (
        await t.request('POST', `/api/v1/enrolments/${otherEnrolmentId}/quizzes/${key}/attempts`, {
          token: coach,
          body: { answers: {} },
        })
      ).status,
    ).toBe(404);
    expect((await t.request('GET', `/api/v1/enrolments/${otherEnrolmentId}`, { token: coach })).status).toBe(
      404,
    );
  });

  it('shows the learner course without any answer, and completes it when every lesson is done, every quiz passed and every task passed', async () => {
    let view = await t.request('GET', `/api/v1/enrolments/${enrolmentId}?locale=en`, { token: coach });
    expect(view.status).toBe(200);
    expect(view.body.completedAt).toBeNull();
    expect(view.body.course.locale).toBe('en');
    expect(JSON.stringify(view.body)).not.toMatch(/"correct"|acceptedAnswers|"feedback"|"explanation"/);
    expect(view.body.quizzes[quizzes[0]!.key]).toMatchObject({ passed: true, attempts: 2, attemptsLeft: 1 });

    await post({ events: texts.map((l) => event(l.key, 'completed')) });
    for (const q of quizzes.slice(1)) {
      const res = await t.request('POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${q.key}/attempts`, {
        token: coach,
        body: { answers: rightAnswers(q.key) },
      });
      expect(res.body.passed).toBe(true);
    }
    // Read and passed, but a required task waits for a trainer's pass: not complete yet.
    expect(tasks.length).toBeGreaterThan(0);
    view = await t.request('GET', `/api/v1/enrolments/${enrolmentId}`, { token: coach });
    expect(view.body).toMatchObject({ lessonsDone: lessons.length - tasks.length, completedAt: null });
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    await passTasks(t, { coach, trainer }, enrolmentId);
    view = await t.request('GET', `/api/v1/enrolments/${enrolmentId}`, { token: coach });
    expect(view.body).toMatchObject({
      lessonsDone: lessons.length,
      lessonsTotal: lessons.length,
      nextLessonKey: null,
    });
    expect(view.body.completedAt).not.toBeNull();
    const cohortId = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body[0].cohortId;
    const roster = await t.request('GET', `/api/v1/cohorts/${cohortId}/roster?q=coach@example`, {
      token: trainer,
    });
    expect(roster.body.rows[0]).toMatchObject({ lessonsDone: lessons.length, lessonsTotal: lessons.length });
    await t.fold();
    const course = (await t.dataSource.query(
      `SELECT started, completed FROM cohort_progress_counters WHERE lesson_key = ''`,
    )) as {
      started: number;
      completed: number;
    }[];
    expect(course).toEqual([{ started: 2, completed: 1 }]);
  });

  it('lets a coach who passed answer again when the trainer allows improving, the best score counting', async () => {
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const key = quizzes[0]!.key;
    const file = structuredClone(demo);
    const lesson = file.modules.flatMap((m) => m.lessons).find((l) => l.key === key)!;
    lesson.quiz = { ...lesson.quiz!, allowImprove: true, maxAttempts: 3 };
    const course = await t.request('POST', '/api/v1/courses/import', { token: trainer, body: file });
    expect(course.status).toBe(201);
    expect(
      (await t.request('POST', `/api/v1/courses/${course.body.id}/publish`, { token: trainer })).status,
    ).toBe(201);
    const cohortId = await openCohort(t, trainer, 'Improving allowed', course.body.id);
    await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    const mine = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body as {
      enrolmentId: string;
      cohortId: string;
    }[];
    const id = mine.find((e) => e.cohortId === cohortId)!.enrolmentId;
    const view = await t.request('GET', `/api/v1/enrolments/${id}`, { token: coach });
    const coachQuiz = view.body.course.modules
      .flatMap((m: { lessons: { key: string }[] }) => m.lessons)
      .find((l: { key: string }) => l.key === key).quiz;
    expect(coachQuiz).toMatchObject({ allowImprove: true, maxAttempts: 3 });
    const attempt = (answers: QuizAnswers) =>
      t.request('POST', `/api/v1/enrolments/${id}/quizzes/${key}/attempts`, {
        token: coach,
        body: { answers },
      });
    expect((await attempt(rightAnswers(key))).body).toMatchObject({ attemptNumber: 1, passed: true });
    const improve = await attempt(wrongAnswers(key));
    expect(improve.status).toBe(200);
    expect(improve.body).toMatchObject({
      attemptNumber: 2,
      passed: false,
      bestPercent: 100,
      attemptsLeft: 1,
    });
    const progress = (await t.dataSource.query(
      'SELECT completed_at, attempts, best_percent FROM lesson_progress WHERE enrolment_id = $1 AND lesson_key = $2',
      [id, key],
    )) as { completed_at: Date | null; attempts: number; best_percent: number }[];
    expect(progress[0]).toMatchObject({ attempts: 2, best_percent: 100 });
    expect(progress[0]?.completed_at).not.toBeNull();
  });

  it('never lets a raw event change', async () => {
    await expect(
      t.dataSource.query('DELETE FROM progress_events WHERE enrolment_id = $1', [enrolmentId]),
    ).rejects.toThrow(/append-only/);
  });
});

describe('certificates and self-assessment (real database)', () => {
  let t: TestApp;
  let coach: string;
  let trainer: string;
  let enrolmentId: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://academy.example.org' });
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courseId = await seededCourse(t, trainer);
    const cohortId = await openCohort(t, trainer, 'Certificats', courseId);
    await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    coach = (await t.signIn('coach@example.org')).accessToken;
    enrolmentId = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body[0].enrolmentId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rates oneself on the course’s competences at the start (skippable), and at the end only after completion', async () => {
    const view = await t.request('GET', `/api/v1/enrolments/${enrolmentId}/self-assessment`, {
      token: coach,
    });
    expect(view.status).toBe(200);
    expect(view.body.levels).toHaveLength(8);
    expect(view.body.levels[0].description.ar).toBeTruthy();
    expect(view.body.competences.length).toBeGreaterThan(3);
    const first = view.body.competences[0].code as string;
    const rated = await t.request('PUT', `/api/v1/enrolments/${enrolmentId}/self-assessment/start`, {
      token: coach,
      body: { ratings: { [first]: 3 } },
    });
    expect(rated.body.start).toEqual({ [first]: 3 });
    const bad = await t.request('PUT', `/api/v1/enrolments/${enrolmentId}/self-assessment/start`, {
      token: coach,
      body: { ratings: { [first]: 9, '9.9': 2 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [`ratings.${first}`, 'ratings.9.9'].sort(),
    );
    expect(
      (
        await t.request('PUT', `/api/v1/enrolments/${enrolmentId}/self-assessment/end`, {
          token: coach,
          body: { ratings: { [first]: 5 } },
        })
      ).status,
    ).toBe(409);
    expect((await t.request('GET', '/api/v1/certificates/NOPE', {})).status).toBe(404);
    expect(
      (await t.request('GET', `/api/v1/enrolments/${enrolmentId}/certificate`, { token: coach })).status,
    ).toBe(404);
  });

  it('issues a certificate on completion, in the same transaction; verifiable publicly; PDF in Arabic; revocable by the trainer', async () => {
    await t.request('POST', '/api/v1/progress/events', {
      token: coach,
      body: {
        events: texts.map((l) => ({
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'completed',
          occurredAt: new Date().toISOString(),
        })),
      },
    });
    for (const q of quizzes) {
      await t.request('POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${q.key}/attempts`, {
        token: coach,
        body: { answers: rightAnswers(q.key) },
      });
    }
    await passTasks(t, { coach, trainer }, enrolmentId);
    const mine = await t.request('GET', `/api/v1/enrolments/${enrolmentId}/certificate`, { token: coach });
    expect(mine.status).toBe(200);
    expect(mine.body.code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(mine.body.verifyUrl).toBe(`https://academy.example.org/verify/${mine.body.code}`);

    const publicView = await t.request('GET', `/api/v1/certificates/${mine.body.code.toLowerCase()}`);
    expect(publicView.body).toMatchObject({
      status: 'valid',
      holderName: 'Salma Ouazzani',
      courseVersion: 1,
      territoryName: { fr: "L'Oriental" },
    });
    expect(JSON.stringify(publicView.body)).not.toMatch(/@/);

    const pdf = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/enrolments/${enrolmentId}/certificate.pdf?locale=ar`,
        headers: { authorization: `Bearer ${coach}` },
      });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(10_000);
    // The Arabic font is embedded (subset) in the file.
    expect(pdf.rawPayload.toString('latin1')).toMatch(/NotoSansArabic/);

    const other = await t.request('POST', '/api/v1/certificates/' + mine.body.code + '/revoke', {
      token: coach,
      body: { reason: 'x' },
    });
    expect(other.status).toBe(403);
    const revoked = await t.request('POST', `/api/v1/certificates/${mine.body.code}/revoke`, {
      token: trainer,
      body: { reason: 'Réponses partagées' },
    });
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'Réponses partagées' });
    expect((await t.request('GET', `/api/v1/certificates/${mine.body.code}`)).body.status).toBe('revoked');

    const end = await t.request('PUT', `/api/v1/enrolments/${enrolmentId}/self-assessment/end`, {
      token: coach,
      body: { ratings: {} },
    });
    expect(end.status).toBe(200);
    expect(end.body.endAvailable).toBe(true);
  });

  it('tells the coach once that their certificate is issued, and nothing more on a replay', async () => {
    const told = async () =>
      (
        (await t.request('GET', '/api/v1/me/notifications?limit=100', { token: coach })).body.items as {
          kind: string;
          subject: { type: string; id: string };
          params: { courseTitle: Record<string, string> };
        }[]
      ).filter((n) => n.subject.id === enrolmentId);
    const [issued, ...more] = await told();
    expect(more).toEqual([]);
    expect(issued).toMatchObject({
      kind: 'certificate.issued',
      subject: { type: 'enrolment', id: enrolmentId },
    });
    expect(issued!.params.courseTitle['ar']).toBeTruthy();
    // The same completions again, from another device: the course was complete already.
    const replay = await t.request('POST', '/api/v1/progress/events', {
      token: coach,
      body: {
        events: texts.map((l) => ({
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'completed',
          occurredAt: new Date().toISOString(),
        })),
      },
    });
    expect(replay.status).toBe(200);
    expect(await told()).toHaveLength(1);
    // The trainer sees nothing of it: a notification is its recipient's alone.
    const trainers = (await t.request('GET', '/api/v1/me/notifications', { token: trainer })).body.items as {
      subject: { id: string };
    }[];
    expect(trainers.some((n) => n.subject.id === enrolmentId)).toBe(false);
  });
});

describe('a certificate states what was true when it was issued (real database)', () => {
  let t: TestApp;
  let coach: string;
  let trainer: string;
  let admin: string;
  let enrolmentId: string;
  let code: string;
  let orientalId: string;

  const pdfLines = async () => {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/enrolments/${enrolmentId}/certificate.pdf?locale=fr`,
        headers: { authorization: `Bearer ${coach}` },
      });
    expect(res.statusCode).toBe(200);
    return pdfText(res.rawPayload);
  };
  const verification = async () => (await t.request('GET', `/api/v1/certificates/${code}`)).body;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://academy.example.org' });
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
    const courseId = await seededCourse(t, trainer);
    orientalId = await orientalTerritoryId(t);
    const cohortId = await openCohort(t, trainer, 'Certificats figés', courseId);
    await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    coach = (await t.signIn('coach@example.org')).accessToken;
    enrolmentId = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body[0].enrolmentId;
    await t.request('POST', '/api/v1/progress/events', {
      token: coach,
      body: {
        events: texts.map((l) => ({
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'completed',
          occurredAt: new Date().toISOString(),
        })),
      },
    });
    for (const q of quizzes)
      await t.request('POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${q.key}/attempts`, {
        token: coach,
        body: { answers: rightAnswers(q.key) },
      });
    await passTasks(t, { coach, trainer }, enrolmentId);
    code = (await t.request('GET', `/api/v1/enrolments/${enrolmentId}/certificate`, { token: coach })).body
      .code as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the holder’s name and the territory’s as issued when the account or the territory is renamed', async () => {
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(await pdfLines()).toContain('Salma Ouazzani');
    const renamed = await t.request('PATCH', '/api/v1/me', {
      token: coach,
      body: { displayName: 'Quelqu’un d’autre' },
    });
    expect(renamed.status).toBe(200);
    const territory = await t.request('PATCH', `/api/v1/territories/${orientalId}`, {
      token: admin,
      body: { name: { fr: 'Région renommée', ar: 'جهة', en: 'Renamed region' } },
    });
    expect(territory.status).toBe(200);

    expect(await verification()).toMatchObject({
      status: 'valid',
      holderName: 'Salma Ouazzani',
      territoryName: { fr: "L'Oriental" },
      courseVersion: 1,
      reissuedAt: null,
    });
    const lines = await pdfLines();
    expect(lines).toContain('Salma Ouazzani');
    expect(lines.join('\n')).toContain("L'Oriental");
    expect(lines.join('\n')).not.toMatch(/Quelqu’un|renommée/);
  });

  it('is re-issued by a trainer of the cohort’s territory with what is true now, audited; not by its coach nor a trainer elsewhere', async () => {
    // A trainer of another territory (MA-09), invited by the admin.
    const away = (
      (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-09'`)) as { id: string }[]
    )[0]!.id;
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'trainer.away@certificates.test',
        displayName: 'Formatrice Souss-Massa',
        role: 'trainer',
        territoryId: away,
        preferredLanguage: 'fr',
      },
    });
    expect(invite.status).toBe(201);
    const awayTrainer = (
      await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: String(invite.body.link.url).split('/').pop(), password: 'away-trainer-pass' },
      })
    ).body.accessToken as string;

    const reissue = (token: string) =>
      t.request('POST', `/api/v1/certificates/${code}/reissue`, { token, body: {} });
    expect((await reissue(coach)).status).toBe(403);
    expect((await reissue(awayTrainer)).status).toBe(403);
    expect((await t.request('POST', `/api/v1/certificates/${code}/reissue`, { body: {} })).status).toBe(401);
    expect(await verification()).toMatchObject({ holderName: 'Salma Ouazzani', reissuedAt: null });

    const done = await reissue(trainer);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      code,
      status: 'valid',
      holderName: 'Quelqu’un d’autre',
      territoryName: { fr: 'Région renommée' },
      reissuedAt: expect.any(String),
    });
    expect(await verification()).toMatchObject({ code, holderName: 'Quelqu’un d’autre' });
    const lines = await pdfLines();
    expect(lines).toContain('Quelqu’un d’autre');
    expect(lines.join('\n')).not.toContain('Salma Ouazzani');

    const audit = (await t.dataSource.query(
      `SELECT a.actor_id, a.subject_type, a.territory_id, a.details FROM audit_log a
        WHERE a.action = 'certificate.reissued' AND a.subject_id = $1`,
      [code],
    )) as {
      actor_id: string;
      subject_type: string;
      territory_id: string;
      details: Record<string, unknown>;
    }[];
    const [trainerId] = (await t.dataSource.query(
      `SELECT id FROM users WHERE email = 'trainer@example.org'`,
    )) as {
      id: string;
    }[];
    expect(audit).toEqual([
      {
        actor_id: trainerId!.id,
        subject_type: 'certificate',
        territory_id: orientalId,
        details: expect.objectContaining({ enrolmentId, changed: ['holderName', 'territoryName'] }),
      },
    ]);
    // The entry names no one: ids and facts only.
    expect(JSON.stringify(audit)).not.toMatch(/Quelqu|Salma/);
  });

  it('gives certificates issued before statements were stored the values of the day the migration runs', async () => {
    // The migration as the app registered it (migrations belong to the app, not to this domain).
    const migration = t.dataSource.migrations.find(
      (m) => m.constructor.name === 'FreezeCertificateStatements1764800000000',
    )!;
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query(`UPDATE users SET display_name = 'Salma Benali' WHERE email = 'coach@example.org'`);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = (await t.dataSource.query(
      `SELECT holder_name, course_title, course_version, territory_name FROM certificates WHERE code = $1`,
      [code],
    )) as unknown[];
    expect(rows).toEqual([
      {
        holder_name: 'Salma Benali',
        course_title: demo.title,
        course_version: 1,
        territory_name: { fr: 'Région renommée', ar: 'جهة', en: 'Renamed region' },
      },
    ]);
    expect(await verification()).toMatchObject({ holderName: 'Salma Benali', reissuedAt: null });
  });

  it('does not re-issue a revoked certificate', async () => {
    await t.request('POST', `/api/v1/certificates/${code}/revoke`, {
      token: trainer,
      body: { reason: 'Erreur' },
    });
    const res = await t.request('POST', `/api/v1/certificates/${code}/reissue`, { token: trainer, body: {} });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
