import type { CourseFile, QuizAnswers } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

type Lesson = CourseFile['modules'][number]['lessons'][number];

/**
 * What a trainer sees of a coach's progress: the roster as a file for French spreadsheets (and in the
 * page's language), and one coach's page: lessons, quiz attempts, self-assessment.
 */
describe('a coach’s progress as the trainer sees it: roster file and coach page (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let coach: string;
  let observer: string;
  let course: CourseFile;
  let cohortId: string;
  let enrolmentId: string;
  let quizzes: Lesson[];

  const api = (method: string, url: string, token = trainer, body?: unknown) =>
    t.request(method, url, { token, body });
  /** The CSV's lines, without the byte order mark. */
  const csvLines = (body: unknown) => (body as string).replace(/^\uFEFF/, '').split('\r\n');

  const answers = (key: string, right: boolean): QuizAnswers => {
    const quiz = quizzes.find((q) => q.key === key)!.quiz!;
    return Object.fromEntries(
      quiz.questions.map((q) => [
        q.key,
        q.type === 'short_answer'
          ? right
            ? q.acceptedAnswers[0]!
            : 'rien'
          : q.type === 'multiple'
            ? q.options.filter((o) => o.correct === right).map((o) => o.key)
            : q.options.find((o) => o.correct === right)!.key,
      ]),
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    observer = (await t.signIn('observer@example.org')).accessToken;
    const courseId = (await api('GET', '/api/v1/courses')).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id as string;
    course = (await api('GET', `/api/v1/courses/${courseId}/export?version=1`)).body as CourseFile;
    quizzes = course.modules.flatMap((m) => m.lessons).filter((l) => l.kind === 'quiz');
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const created = await api('POST', '/api/v1/cohorts', trainer, {
      name: 'Oujda; “suivi” 2027',
      courseId,
      courseVersion: 1,
      territoryId: oriental!.id,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    expect(created.status).toBe(201);
    cohortId = created.body.id as string;
    expect(
      (
        await api('POST', `/api/v1/cohorts/${cohortId}/enrolments`, trainer, {
          emails: ['coach@example.org'],
        })
      ).status,
    ).toBe(200);
    enrolmentId = (
      (await api('GET', '/api/v1/me/enrolments', coach)).body as { cohortId: string; enrolmentId: string }[]
    ).find((e) => e.cohortId === cohortId)!.enrolmentId;

    // The coach reads module 1's first lesson, fails then passes the first quiz, rates two competences.
    const first = course.modules[0]!.lessons.find((l) => l.kind !== 'quiz')!;
    const read = await api('POST', '/api/v1/progress/events', coach, {
      id: '5b0d5b7e-8c1a-4a53-9c77-2f1f6d3c1a01',
      enrolmentId,
      lessonKey: first.key,
      type: 'completed',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(read.status).toBe(200);
    for (const right of [false, true]) {
      const res = await api(
        'POST',
        `/api/v1/enrolments/${enrolmentId}/quizzes/${quizzes[0]!.key}/attempts`,
        coach,
        {
          answers: answers(quizzes[0]!.key, right),
        },
      );
      expect(res.status).toBe(200);
    }
    const view = await api('GET', `/api/v1/enrolments/${enrolmentId}/self-assessment`, coach);
    const [c1, c2] = (view.body.competences as { code: string }[]).map((c) => c.code);
    expect(
      (
        await api('PUT', `/api/v1/enrolments/${enrolmentId}/self-assessment/start`, coach, {
          ratings: { [c1!]: 2, [c2!]: 4 },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports the roster for French spreadsheets: `;`, BOM, French words, Morocco time, named after the cohort', async () => {
    const res = await api('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="roster-oujda-suivi-2027-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''roster-oujda-suivi-2027-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect((res.body as string).startsWith('\uFEFF')).toBe(true);
    const [header, line] = csvLines(res.body).map((l) => l.split(';'));
    const m1 = course.modules[0]!;
    expect(header!.slice(0, 10)).toEqual([
      'Nom',
      'Adresse e-mail',
      'Territoire',
      'Compte',
      'Inscription',
      'Inscrit·e le (heure du Maroc)',
      'Leçons faites',
      'Leçons du cours',
      'Dernière activité (heure du Maroc)',
      'Modules en retard',
    ]);
    // A column per module (lessons done), then one per quiz (best score).
    expect(header![10]).toBe(`${m1.title.fr} : leçons faites sur ${m1.lessons.length}`);
    expect(header).toHaveLength(10 + course.modules.length + quizzes.length);
    expect(header).toContain(`${quizzes[0]!.title.fr} : meilleur score (%)`);

    const [enrolled] = (await t.dataSource.query('SELECT enrolled_at FROM enrolments WHERE id = $1', [
      enrolmentId,
    ])) as { enrolled_at: Date }[];
    const morocco = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Africa/Casablanca',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(enrolled!.enrolled_at);
    expect(line!.slice(0, 7)).toEqual([
      'Salma Ouazzani',
      'coach@example.org',
      'Berkane (MA-BER)',
      'Actif',
      'Inscrit·e',
      morocco,
      // The lesson read and the quiz passed.
      '2',
    ]);
    expect(line![8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(line![10]).toBe('2');
    expect(line![header!.indexOf(`${quizzes[0]!.title.fr} : meilleur score (%)`)]).toBe('100');
    expect(line![header!.indexOf(`${quizzes[1]!.title.fr} : meilleur score (%)`)]).toBe('');
  });

  it('writes the file in the page’s language', async () => {
    const ar = csvLines((await api('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv&lang=ar`)).body);
    expect(ar[0]!.split(';').slice(0, 3)).toEqual(['الاسم', 'البريد الإلكتروني', 'المجال الترابي']);
    expect(ar[1]!.split(';').slice(2, 5)).toEqual(['بركان (MA-BER)', 'نشط', 'مسجَّل']);
    const en = csvLines((await api('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv&lang=en`)).body);
    expect(en[0]!.split(';')[5]).toBe('Enrolled on (Morocco time)');
    const bad = await api('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv&lang=de`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'lang' })]);
  });

  it('neutralises names a spreadsheet would run as formulas', async () => {
    await t.dataSource.query(`UPDATE users SET display_name = '@SUM(1+1)' WHERE email = 'coach@example.org'`);
    try {
      const lines = csvLines((await api('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv`)).body);
      expect(lines[1]!.startsWith("'@SUM(1+1);coach@example.org;")).toBe(true);
    } finally {
      await t.dataSource.query(
        `UPDATE users SET display_name = 'Salma Ouazzani' WHERE email = 'coach@example.org'`,
      );
    }
  });

  it('shows a trainer one coach: lessons with their dates, every quiz attempt, the self-assessment', async () => {
    const res = await api('GET', `/api/v1/cohorts/${cohortId}/enrolments/${enrolmentId}`);
    expect(res.status).toBe(200);
    const record = res.body;
    expect(record).toMatchObject({
      cohortId,
      cohortName: 'Oujda; “suivi” 2027',
      enrolmentId,
      displayName: 'Salma Ouazzani',
      territory: { code: 'MA-BER', name: { fr: 'Berkane' } },
      enrolmentStatus: 'active',
      completedAt: null,
      lessonsDone: 2,
      lessonsTotal: course.modules.flatMap((m) => m.lessons).length,
    });
    // Personal data kept to the name and the territory.
    expect(JSON.stringify(record)).not.toContain('coach@example.org');
    const lessons = (record.modules as { lessons: Record<string, unknown>[] }[]).flatMap((m) => m.lessons);
    const first = course.modules[0]!.lessons.find((l) => l.kind !== 'quiz')!;
    expect(lessons.find((l) => l['key'] === first.key)).toMatchObject({
      completedAt: expect.any(String),
      attempts: 0,
      bestPercent: null,
    });
    expect(lessons.find((l) => l['key'] === quizzes[0]!.key)).toMatchObject({
      kind: 'quiz',
      completedAt: expect.any(String),
      attempts: 2,
      bestPercent: 100,
      passMark: quizzes[0]!.quiz!.passMark,
    });
    expect(lessons.find((l) => l['key'] === quizzes[1]!.key)).toMatchObject({
      startedAt: null,
      completedAt: null,
      attempts: 0,
    });
    expect(record.quizAttempts).toEqual([
      expect.objectContaining({
        lessonKey: quizzes[0]!.key,
        attemptNumber: 1,
        passed: false,
        courseVersion: 1,
      }),
      expect.objectContaining({ lessonKey: quizzes[0]!.key, attemptNumber: 2, passed: true, percent: 100 }),
    ]);
    // Scores, never the answers given.
    expect(Object.keys(record.quizAttempts[0]).sort()).toEqual(
      [
        'answeredAt',
        'attemptNumber',
        'courseVersion',
        'lessonKey',
        'maxScore',
        'passed',
        'percent',
        'score',
      ].sort(),
    );
    const ratings = record.selfAssessment.competences as { start: number | null; end: number | null }[];
    expect(ratings.filter((r) => r.start !== null).map((r) => r.start)).toEqual([2, 4]);
    expect(ratings.every((r) => r.end === null)).toBe(true);
    expect(record.selfAssessment.levels).toHaveLength(8);
  });

  it('shows the coach to the admins; not to observers, coaches, or trainers and admins elsewhere', async () => {
    const url = `/api/v1/cohorts/${cohortId}/enrolments/${enrolmentId}`;
    expect((await api('GET', url, admin)).status).toBe(200);
    expect((await api('GET', url, observer)).status).toBe(403);
    expect((await api('GET', url, coach)).status).toBe(403);
    // A regional admin elsewhere (Casablanca-Settat): the cohort does not exist for them.
    const [casablanca] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-06'`)) as {
      id: string;
    }[];
    const invited = await api('POST', '/api/v1/users/invitations', admin, {
      email: 'admin.casa@example.org',
      displayName: 'Admin Casa',
      role: 'admin',
      territoryId: casablanca!.id,
    });
    expect(invited.status).toBe(201);
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: (invited.body.link.url as string).split('/').pop(), password: 'casa-admin-password' },
    });
    expect((await api('GET', url, accepted.body.accessToken as string)).status).toBe(404);
    // An enrolment of another cohort, under this cohort's id: not found either.
    const cohort = (await api('GET', `/api/v1/cohorts/${cohortId}`)).body as {
      courseId: string;
      territoryId: string;
    };
    const second = await api('POST', '/api/v1/cohorts', trainer, {
      name: 'Oujda — autre cohorte',
      courseId: cohort.courseId,
      courseVersion: 1,
      territoryId: cohort.territoryId,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    await api('POST', `/api/v1/cohorts/${second.body.id}/enrolments`, trainer, {
      emails: ['coach@example.org'],
    });
    const elsewhere = (
      (await api('GET', '/api/v1/me/enrolments', coach)).body as { cohortId: string; enrolmentId: string }[]
    ).find((e) => e.cohortId === second.body.id)!.enrolmentId;
    expect((await api('GET', `/api/v1/cohorts/${second.body.id}/enrolments/${elsewhere}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/cohorts/${cohortId}/enrolments/${elsewhere}`)).status).toBe(404);
    expect((await api('GET', `/api/v1/cohorts/${cohortId}/enrolments/not-a-uuid`)).status).toBe(400);
  });
});
