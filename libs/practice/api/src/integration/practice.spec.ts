import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { CourseContent, PracticalTask } from '@tc/shared/contracts';
import { createTestApp, passTask, type TestApp, type TestResponse, invitedPerson } from '@tc/shared/testing';

/** A required task: two to three photos and a text, two criteria of three levels, 4 points to pass. */
const TASK: PracticalTask = {
  instructions: { fr: 'Photographiez la vitrine numérique de la coopérative et décrivez-la.' },
  evidence: [
    { kind: 'text', min: 1, max: 1 },
    { kind: 'photo', min: 2, max: 3 },
    { kind: 'pdf', min: 0, max: 1 },
  ],
  criteria: ['vitrine', 'description'].map((key) => ({
    key,
    title: { fr: key },
    competence: null,
    levels: [
      { key: 'absent', title: { fr: 'Absent' }, descriptor: {}, points: 0 },
      { key: 'partiel', title: { fr: 'Partiel' }, descriptor: {}, points: 1 },
      { key: 'complet', title: { fr: 'Complet' }, descriptor: {}, points: 3 },
    ],
  })),
  passPoints: 4,
  required: true,
};
const LESSON = 'pratique-vitrine';
const PASSWORD = 'practice-password-2026';

const photo = (r: number, g: number, b: number, gps = false): Promise<Buffer> => {
  const image = sharp({ create: { width: 16, height: 16, channels: 3, background: { r, g, b } } }).jpeg();
  return (
    gps ? image.withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 40/1 0/1' } }) : image
  ).toBuffer();
};
const meta = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe('field practice: evidence uploads, hand-ins, reviews, the completion gate (real database)', () => {
  let t: TestApp;
  let evidenceDir: string;
  const tokens: Record<string, string> = {};
  let enrolmentId: string;
  let cohortId: string;
  let courseId: string;
  let textLessons: string[];
  /** The demo course's own practical tasks (version 1), which the course needs passed too. */
  let demoTasks: CourseContent['modules'][number]['lessons'];
  let quizzes: { key: string; answers: Record<string, unknown> }[];

  const as = (who: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    t.request(method, url, {
      token: tokens[who] as string,
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });
  const tus = (extra: Record<string, string>) => ({ 'tus-resumable': '1.0.0', ...extra });

  /** Creates an upload; answers its path (the Location). */
  const createUpload = async (who: string, bytes: number, kind = 'photo', lessonKey = LESSON) => {
    const res = await as(
      who,
      'POST',
      '/api/v1/practice/uploads',
      undefined,
      tus({ 'upload-length': String(bytes), 'upload-metadata': meta({ enrolmentId, lessonKey, kind }) }),
    );
    return res;
  };
  const patch = (who: string, location: string, offset: number, bytes: Buffer) =>
    as(
      who,
      'PATCH',
      location,
      bytes,
      tus({ 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
    );
  /** Uploads a file in one PATCH; answers the final PATCH's response. */
  const upload = async (bytes: Buffer, kind = 'photo', who = 'coach'): Promise<TestResponse> => {
    const created = await createUpload(who, bytes.length, kind);
    expect(created.status).toBe(201);
    return patch(who, String(created.headers['location']), 0, bytes);
  };
  const evidenceId = (res: TestResponse) => String(res.headers['upload-evidence-id']);

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'tc-evidence-'));
    t = await createTestApp({ EVIDENCE_DIR: evidenceDir });
    for (const [who, email] of [
      ['coach', 'coach@example.org'],
      ['trainer', 'trainer@example.org'],
      ['admin', 'admin@example.org'],
      ['observer', 'observer@example.org'],
    ] as const)
      tokens[who] = (await t.signIn(email)).accessToken;
    const [oriental, away] = (
      (await t.dataSource.query(
        `SELECT id, code FROM territories WHERE code IN ('MA-02', 'MA-09') ORDER BY code`,
      )) as {
        id: string;
      }[]
    ).map((r) => r.id);
    // Other people, each invited by the root admin and signed in through their link.
    for (const [who, role, territoryId] of [
      ['otherCoach', 'coach', oriental],
      ['trainerAway', 'trainer', away],
      ['adminAway', 'admin', away],
    ] as const)
      tokens[who] = await invitedPerson(
        t,
        tokens['admin']!,
        {
          email: `${who.toLowerCase()}@practice.test`,
          displayName: `Personne ${who}`,
          role,
          territoryId: territoryId!,
        },
        PASSWORD,
      );
    // The demo course's version 1 plus a module with the task, frozen as version 2.
    const courses = (await as('trainer', 'GET', '/api/v1/courses?scope=published')).body as { id: string }[];
    courseId = courses[0]!.id;
    const [v1] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 AND number = 1`,
      [courseId],
    )) as { content: CourseContent }[];
    const content: CourseContent = {
      ...v1!.content,
      modules: [
        ...v1!.content.modules,
        {
          key: 'pratique',
          title: { fr: 'Pratique' },
          lessons: [
            {
              key: LESSON,
              kind: 'task',
              title: { fr: 'La vitrine de la coopérative' },
              competences: [],
              estimatedMinutes: 30,
              body: {},
              media: null,
              quiz: null,
              task: TASK,
            },
          ],
        },
      ],
    };
    const lessons = v1!.content.modules.flatMap((m) => m.lessons);
    textLessons = lessons.filter((l) => l.kind !== 'quiz' && l.kind !== 'task').map((l) => l.key);
    demoTasks = lessons.filter((l) => l.kind === 'task');
    quizzes = lessons
      .filter((l) => l.kind === 'quiz')
      .map((l) => ({
        key: l.key,
        answers: Object.fromEntries(
          l.quiz!.questions.map((q) => [
            q.key,
            q.type === 'short_answer'
              ? q.acceptedAnswers[0]!
              : q.type === 'multiple'
                ? q.options.filter((o) => o.correct).map((o) => o.key)
                : q.options.find((o) => o.correct)!.key,
          ]),
        ),
      }));
    await t.dataSource.query(
      `INSERT INTO course_versions (course_id, number, content, content_hash, published_at, published_by)
       SELECT $1, 2, $2::jsonb, repeat('a', 64), now(), id FROM users WHERE email = 'trainer@example.org'`,
      [courseId, JSON.stringify(content)],
    );
    const cohort = await as('trainer', 'POST', '/api/v1/cohorts', {
      name: 'Pratique Oriental',
      courseId,
      courseVersion: 2,
      territoryId: oriental,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    expect(cohort.status).toBe(201);
    cohortId = cohort.body.id;
    expect(
      (
        await as('trainer', 'POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
          emails: ['coach@example.org'],
        })
      ).status,
    ).toBeLessThan(300);
    enrolmentId = (
      (await as('coach', 'GET', '/api/v1/me/enrolments')).body as { enrolmentId: string; cohortId: string }[]
    ).find((e) => e.cohortId === cohortId)!.enrolmentId;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('resumes an interrupted upload from the offset HEAD gives, and stores it once', async () => {
    const bytes = await photo(10, 120, 200);
    const created = await createUpload('coach', bytes.length);
    expect(created.status).toBe(201);
    const location = String(created.headers['location']);
    expect(location).toMatch(/^\/api\/v1\/practice\/uploads\/[0-9a-f-]{36}$/);
    // The first PATCH carries only part of the bytes (the connection dropped there).
    const half = Math.floor(bytes.length / 2);
    const first = await patch('coach', location, 0, bytes.subarray(0, half));
    expect(first.status).toBe(204);
    expect(first.headers['upload-evidence-id']).toBeUndefined();
    const head = await as('coach', 'HEAD', location, undefined, tus({}));
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    const rest = await patch('coach', location, half, bytes.subarray(half));
    expect(rest.status).toBe(204);
    const id = evidenceId(rest);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // A HEAD after the end names the stored file again (for a client that lost the last answer).
    const after = await as('coach', 'HEAD', location, undefined, tus({}));
    expect(after.headers['upload-evidence-id']).toBe(id);
    // The same content uploaded again: the same file, stored once.
    const again = await upload(bytes);
    expect(again.status).toBe(204);
    expect(evidenceId(again)).toBe(id);
    const rows = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM practice_evidence_files WHERE enrolment_id = $1`,
      [enrolmentId],
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
    expect(readdirSync(join(evidenceDir, enrolmentId))).toHaveLength(1);
    const served = await as('coach', 'GET', `/api/v1/practice/evidence/${id}`);
    expect(served.status).toBe(200);
    expect(served.raw.equals(bytes)).toBe(true);
  });

  it('refuses an upload the caller may not make, or content that is not what it says', async () => {
    // Another coach's upload for this enrolment: 404, nothing created.
    const theirs = await createUpload('otherCoach', 1000);
    expect(theirs.status).toBe(404);
    expect(String(theirs.headers['content-type'])).toMatch(/problem\+json/);
    // A kind the task does not take, a photo above 1 MB.
    const audio = await createUpload('coach', 1000, 'audio');
    expect(audio.status).toBe(422);
    expect(audio.body.errors[0]).toMatchObject({ field: 'kind', code: 'evidence-kind' });
    const large = await createUpload('coach', 2 * 1024 * 1024);
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('media-too-large');
    // Not a lesson task: 404 task-unknown.
    expect((await createUpload('coach', 1000, 'photo', 'no-such-task')).body.code).toBe('task-unknown');
    // A PNG declared... as a photo is fine; a text file declared as a photo is not.
    const text = await upload(Buffer.from('not a photo at all'));
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('media-type');
    // A JPEG that still carries its GPS position.
    const located = await upload(await photo(1, 2, 3, true));
    expect(located.status).toBe(422);
    expect(located.body.code).toBe('evidence-location');
    // Someone else cannot resume the coach's upload.
    const created = await createUpload('coach', 10);
    const hijack = await patch('otherCoach', String(created.headers['location']), 0, Buffer.alloc(10));
    expect(hijack.status).toBe(404);
  });

  it('serves evidence to the coach, the cohort’s trainers and its admins; everyone else gets 404', async () => {
    const id = evidenceId(await upload(await photo(90, 90, 10)));
    const status = async (who: string) => (await as(who, 'GET', `/api/v1/practice/evidence/${id}`)).status;
    expect(await status('coach')).toBe(200);
    expect(await status('trainer')).toBe(200);
    expect(await status('admin')).toBe(200);
    expect(await status('otherCoach')).toBe(404);
    expect(await status('trainerAway')).toBe(404);
    expect(await status('observer')).toBe(404);
    expect(await status('adminAway')).toBe(404);
    const res = await as('trainer', 'GET', `/api/v1/practice/evidence/${id}`);
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(String(res.headers['content-disposition'])).toMatch(
      /^inline; filename="evidence-[0-9a-f]{8}\.jpg"$/,
    );
    const range = await t.request('GET', `/api/v1/practice/evidence/${id}`, {
      token: tokens['coach'] as string,
      headers: { range: 'bytes=0-9' },
    });
    expect(range.status).toBe(206);
    expect(range.raw.length).toBe(10);
    // A draft file is the coach's to delete; another coach is told it does not exist.
    expect((await as('otherCoach', 'DELETE', `/api/v1/practice/evidence/${id}`)).status).toBe(404);
    expect((await as('coach', 'DELETE', `/api/v1/practice/evidence/${id}`)).status).toBe(204);
    expect(await status('coach')).toBe(404);
  });

  it('completes the course only once the required task is passed: rubric, replay, withdrawal, review', async () => {
    // Every other lesson done, every quiz passed and the demo course's own tasks passed by the trainer:
    // not complete, no certificate.
    const demoRounds: string[] = [];
    for (const lesson of demoTasks)
      demoRounds.push(
        (await passTask(t, { coach: tokens['coach']!, trainer: tokens['trainer']! }, enrolmentId, lesson))!,
      );
    const done = await as('coach', 'POST', '/api/v1/progress/events', {
      events: [...textLessons, LESSON].map((lessonKey) => ({
        id: randomUUID(),
        enrolmentId,
        lessonKey,
        type: 'completed',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      })),
    });
    expect(done.status).toBe(200);
    for (const q of quizzes)
      expect(
        (
          await as('coach', 'POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${q.key}/attempts`, {
            answers: q.answers,
          })
        ).body.passed,
      ).toBe(true);
    expect((await as('coach', 'GET', `/api/v1/enrolments/${enrolmentId}/certificate`)).status).toBe(404);

    const ids = [
      evidenceId(await upload(await photo(200, 0, 0))),
      evidenceId(await upload(await photo(0, 200, 0))),
    ];
    const taskUrl = `/api/v1/enrolments/${enrolmentId}/tasks/${LESSON}`;
    // Evidence rules: one photo is too few, a file of another enrolment is unknown.
    const tooFew = await as('coach', 'POST', `${taskUrl}/submissions`, {
      id: randomUUID(),
      text: 'Vitrine',
      fileIds: [ids[0]],
    });
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.errors).toEqual([
      expect.objectContaining({ field: 'fileIds', code: 'too-few-items' }),
    ]);
    // The same photo twice (an upload of the same bytes answers the same id) is refused, not a 500.
    const twice = await as('coach', 'POST', `${taskUrl}/submissions`, {
      id: randomUUID(),
      text: 'Vitrine',
      fileIds: [ids[0], ids[0]],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([
      expect.objectContaining({ field: 'fileIds', code: 'duplicate-items' }),
    ]);
    const unknown = await as('coach', 'POST', `${taskUrl}/submissions`, {
      id: randomUUID(),
      text: 'Vitrine',
      fileIds: [...ids, randomUUID()],
    });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'fileIds[2]', code: 'evidence-unknown' }),
    ]);

    // A hand-in, withdrawn, then handed in again; its replay answers the same round, stored once.
    const firstId = randomUUID();
    const first = await as('coach', 'POST', `${taskUrl}/submissions`, {
      id: firstId,
      text: 'Vitrine',
      fileIds: ids,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ round: 1, status: 'waiting', review: null });
    const withdrawn = await as('coach', 'DELETE', `${taskUrl}/submissions/${firstId}`);
    expect(withdrawn.body.status).toBe('withdrawn');
    const handIn = { id: randomUUID(), text: 'La vitrine en ligne de la coopérative.', fileIds: ids };
    const second = await as('coach', 'POST', `${taskUrl}/submissions`, handIn);
    expect(second.status).toBe(201);
    expect(second.body.files.map((f: { id: string }) => f.id)).toEqual(ids);
    const replay = await as('coach', 'POST', `${taskUrl}/submissions`, handIn);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(second.body);
    expect(
      (
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM practice_submissions WHERE id = $1`, [
          handIn.id,
        ])) as {
          n: number;
        }[]
      )[0]!.n,
    ).toBe(1);
    // The cohort's trainer (its creator, listed on it) is told the round waits, once: the replay tells
    // nobody again; the lesson's title and the cohort (for the link to its review queue) only.
    expect(
      await t.dataSource.query(
        `SELECT u.email, n.moment, n.params FROM notifications n JOIN users u ON u.id = n.recipient_id
          WHERE n.kind = 'task.waiting' AND n.subject_id = $1`,
        [handIn.id],
      ),
    ).toEqual([
      {
        email: 'trainer@example.org',
        moment: `round-${second.body.round}`,
        params: { lessonTitle: expect.objectContaining({ fr: expect.any(String) }), cohortId },
      },
    ]);
    const waiting = await as('coach', 'POST', `${taskUrl}/submissions`, { ...handIn, id: randomUUID() });
    expect(waiting.body.code).toBe('submission-waiting');
    // A handed-in file stays.
    expect((await as('coach', 'DELETE', `/api/v1/practice/evidence/${ids[0]}`)).body.code).toBe(
      'evidence-in-use',
    );

    // The trainer's queue shows it; nobody outside the cohort's managers sees the queue.
    const queue = await as('trainer', 'GET', `/api/v1/cohorts/${cohortId}/practice/queue`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        submissionId: handIn.id,
        lessonKey: LESSON,
        moduleKey: 'pratique',
        fileCount: 2,
      }),
    ]);
    expect(queue.body.counts).toEqual({ waiting: 1, returned: 0, passed: demoRounds.length });
    expect((await as('trainerAway', 'GET', `/api/v1/cohorts/${cohortId}/practice/queue`)).status).toBe(404);

    // The rubric: an unknown level names its field; a pass below the threshold is refused on `decision`.
    const review = (body: unknown, who = 'trainer') =>
      as(who, 'POST', `/api/v1/practice/submissions/${handIn.id}/review`, body);
    const badLevel = await review({
      decision: 'pass',
      scores: [
        { criterionKey: 'vitrine', levelKey: 'complet' },
        { criterionKey: 'description', levelKey: 'parfait' },
      ],
      comment: '',
    });
    expect(badLevel.status).toBe(422);
    expect(badLevel.body.errors).toEqual([
      expect.objectContaining({ field: 'scores[1].levelKey', code: 'level-unknown' }),
    ]);
    const missing = await review({
      decision: 'revise',
      scores: [{ criterionKey: 'vitrine', levelKey: 'complet' }],
      comment: '',
    });
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'scores', code: 'criterion-missing' }),
    ]);
    const low = [
      { criterionKey: 'vitrine', levelKey: 'complet' },
      { criterionKey: 'description', levelKey: 'absent' },
    ];
    const belowPass = await review({ decision: 'pass', scores: low, comment: '' });
    expect(belowPass.status).toBe(422);
    expect(belowPass.body.errors).toEqual([
      expect.objectContaining({
        field: 'decision',
        code: 'points-below-pass',
        params: { points: 3, passPoints: 4 },
      }),
    ]);
    expect((await review({ decision: 'revise', scores: low, comment: 'x' }, 'trainerAway')).status).toBe(404);
    expect((await review({ decision: 'revise', scores: low, comment: 'x' }, 'adminAway')).status).toBe(404);

    // Returned for revision: 3 points, the coach hands in round 2.
    const returned = await review({
      decision: 'revise',
      scores: low,
      comment: 'Décrivez les prix affichés.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', review: { decision: 'revise', points: 3 } });
    // The same review again (a retry after a lost answer) finds the round decided: 409, nothing changes.
    expect(
      (await review({ decision: 'revise', scores: low, comment: 'Décrivez les prix affichés.' })).status,
    ).toBe(409);
    expect((await as('coach', 'GET', `/api/v1/enrolments/${enrolmentId}/certificate`)).status).toBe(404);
    const roundTwo = { id: randomUUID(), text: 'Avec les prix affichés.', fileIds: ids };
    expect((await as('coach', 'POST', `${taskUrl}/submissions`, roundTwo)).body.round).toBe(2);

    // The pass completes the course and issues the certificate in the review's transaction.
    const passed = await as('admin', 'POST', `/api/v1/practice/submissions/${roundTwo.id}/review`, {
      decision: 'pass',
      scores: [
        { criterionKey: 'vitrine', levelKey: 'complet' },
        { criterionKey: 'description', levelKey: 'partiel' },
      ],
      comment: 'Bravo.',
    });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'passed', review: { decision: 'pass', points: 4 } });
    expect((await as('coach', 'GET', `/api/v1/enrolments/${enrolmentId}/certificate`)).status).toBe(200);
    const state = await as('coach', 'GET', taskUrl);
    expect(state.body).toMatchObject({ status: 'passed', lessonKey: LESSON, task: { passPoints: 4 } });
    // Who and which lesson, for a review page opened without the queue (a reload, a shared link).
    const [coach] = (await t.dataSource.query(
      `SELECT display_name FROM users WHERE email = 'coach@example.org'`,
    )) as { display_name: string }[];
    expect(coach!.display_name).not.toBe('');
    expect(state.body).toMatchObject({
      coachName: coach!.display_name,
      lessonTitle: { fr: 'La vitrine de la coopérative' },
    });
    expect(state.body.submissions.map((s: { status: string }) => s.status)).toEqual([
      'passed',
      'returned',
      'withdrawn',
    ]);
    expect(
      (await as('coach', 'POST', `${taskUrl}/submissions`, { ...roundTwo, id: randomUUID() })).body.code,
    ).toBe('task-passed');
    // The coach was told of each review once, with the decision and where the task is; a replayed
    // review (409) told nobody again.
    const told = await as('coach', 'GET', '/api/v1/me/notifications?limit=100');
    const reviewsTold = (
      told.body.items as { kind: string; subject: { id: string }; params: { lessonKey?: string } }[]
    )
      .filter((n) => n.kind === 'task.reviewed' && n.params.lessonKey === LESSON)
      .map((n) => [n.subject.id, n.params]);
    expect(reviewsTold).toEqual([
      [
        roundTwo.id,
        {
          decision: 'pass',
          enrolmentId,
          lessonKey: LESSON,
          lessonTitle: expect.objectContaining({ fr: 'La vitrine de la coopérative' }),
        },
      ],
      [
        handIn.id,
        {
          decision: 'revise',
          enrolmentId,
          lessonKey: LESSON,
          lessonTitle: expect.objectContaining({ fr: 'La vitrine de la coopérative' }),
        },
      ],
    ]);
    expect(
      (await as('trainer', 'GET', '/api/v1/me/notifications?limit=100')).body.items.filter(
        (n: { kind: string }) => n.kind === 'task.reviewed',
      ),
    ).toEqual([]);
    const audit = (await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'practice.reviewed' ORDER BY id`,
    )) as { details: { decision: string; submissionId: string } }[];
    expect(audit.map((a) => [a.details.submissionId, a.details.decision])).toEqual([
      ...demoRounds.map((id) => [id, 'pass']),
      [handIn.id, 'revise'],
      [roundTwo.id, 'pass'],
    ]);
    // The observatory's counts, folded from the deltas the hand-ins, the withdrawal and the reviews
    // appended: two rounds handed in (the withdrawn one no longer counts), two reviewed, one passed —
    // and the demo tasks' rounds, each handed in once and passed.
    await t.fold();
    const demo = demoRounds.length;
    expect(
      await t.dataSource.query(
        `SELECT handed_in, reviewed, passed FROM practice_cohort_counts WHERE cohort_id = $1`,
        [cohortId],
      ),
    ).toEqual([{ handed_in: 2 + demo, reviewed: 2 + demo, passed: 1 + demo }]);
    // Who reads the task: the coach, the cohort's trainers, its admins.
    for (const [who, expected] of [
      ['trainer', 200],
      ['admin', 200],
      ['otherCoach', 404],
      ['observer', 404],
      ['trainerAway', 404],
    ] as const)
      expect({ who, status: (await as(who, 'GET', taskUrl)).status }).toEqual({ who, status: expected });
    expect((await as('trainer', 'GET', taskUrl)).body.coachName).toBe(state.body.coachName);
  });
});
