import { randomUUID } from 'node:crypto';
import type { CourseContent, PracticalTask } from '@tc/shared/contracts';
import { jpeg, uploadMetadata } from '@tc/shared/testing';
import type { TestApp, TestResponse } from './test-app';

// Shared with the domains' specs, which complete courses with required tasks.
export { jpeg, passTask, uploadMetadata, uploadPhoto } from '@tc/shared/testing';

/** The practical task the specs hand in: a text and one to three photos, one criterion, 2 points to pass. */
export const PRACTICE_TASK: PracticalTask = {
  instructions: { fr: 'Photographiez la vitrine numérique de la coopérative.' },
  evidence: [
    { kind: 'text', min: 1, max: 1 },
    { kind: 'photo', min: 1, max: 3 },
  ],
  criteria: [
    {
      key: 'vitrine',
      title: { fr: 'Vitrine' },
      competence: null,
      levels: [
        { key: 'absente', title: { fr: 'Absente' }, descriptor: {}, points: 0 },
        { key: 'lisible', title: { fr: 'Lisible' }, descriptor: {}, points: 2 },
      ],
    },
  ],
  passPoints: 2,
  required: true,
};
export const PRACTICE_LESSON = 'pratique-vitrine-spec';
export const REVISE = {
  decision: 'revise',
  scores: [{ criterionKey: 'vitrine', levelKey: 'absente' }],
  comment: 'À reprendre.',
};

export interface PracticeWorld {
  cohortId: string;
  enrolmentId: string;
  lessonKey: string;
  /** A file the coach uploaded and handed in. */
  evidenceId: string;
  /** A round handed in (replayed by the matrix: 200). */
  submissionId: string;
  /** A round the coach withdrew (withdrawing it again: 200). */
  withdrawnId: string;
  /** The trainer's voice comment on an earlier round, returned for revision with it. */
  voiceCommentId: string;
  /** An upload the coach created and left unfinished. */
  uploadPath: string;
  /** Uploads `bytes` as the coach in one PATCH; answers the creation and the PATCH. */
  upload(bytes: Buffer): Promise<{ created: TestResponse; patched: TestResponse }>;
  /** Creates an upload for the coach; answers its path. */
  createUpload(bytes: number): Promise<string>;
  /** A round that waits for its review (handed in now unless one already waits). */
  waitingRound(): Promise<string>;
}

/**
 * A cohort (MA-02, run by the trainer) of a course version with a required practical task — the
 * course's latest content plus one module, frozen as a new version —, with the coach enrolled.
 */
export async function taskCohort(
  t: TestApp,
  tokens: { coach: string; trainer: string },
  options: { courseId: string; territoryId: string },
): Promise<{ cohortId: string; enrolmentId: string }> {
  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const [latest] = (await t.dataSource.query(
    `SELECT number, content FROM course_versions WHERE course_id = $1 ORDER BY number DESC LIMIT 1`,
    [options.courseId],
  )) as { number: number; content: CourseContent }[];
  if (!latest) throw new Error('no published version');
  const number = latest.number + 1;
  const content: CourseContent = {
    ...latest.content,
    modules: [
      ...latest.content.modules,
      {
        key: 'pratique-spec',
        title: { fr: 'Pratique' },
        lessons: [
          {
            key: PRACTICE_LESSON,
            kind: 'task',
            title: { fr: 'La vitrine' },
            competences: [],
            estimatedMinutes: 30,
            body: {},
            media: null,
            quiz: null,
            task: PRACTICE_TASK,
          },
        ],
      },
    ],
  };
  await t.dataSource.query(
    `INSERT INTO course_versions (course_id, number, content, content_hash, published_at, published_by)
     SELECT $1, $2, $3::jsonb, repeat('b', 64), now(), id FROM users WHERE email = 'trainer@example.org'`,
    [options.courseId, number, JSON.stringify(content)],
  );
  const cohort = ok(
    await t.request('POST', '/api/v1/cohorts', {
      token: tokens.trainer,
      body: {
        name: `Pratique ${randomUUID().slice(0, 6)}`,
        courseId: options.courseId,
        courseVersion: number,
        territoryId: options.territoryId,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    }),
    'practice cohort',
  );
  const cohortId = cohort.body.id as string;
  ok(
    await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: tokens.trainer,
      body: { emails: ['coach@example.org'] },
    }),
    'enrol the coach',
  );
  const enrolments = (await t.request('GET', '/api/v1/me/enrolments', { token: tokens.coach })).body as {
    enrolmentId: string;
    cohortId: string;
  }[];
  const enrolmentId = enrolments.find((e) => e.cohortId === cohortId)?.enrolmentId as string;
  return { cohortId, enrolmentId };
}

/** A few bytes that sniff as an Ogg recording. */
export const OGG = Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(200, 7)]);

/**
 * {@link taskCohort}, with one round returned with the trainer's voice comment, one withdrawn, one
 * handed in (waiting), and an unfinished upload.
 */
export async function buildPracticeWorld(
  t: TestApp,
  tokens: { coach: string; trainer: string },
  options: { courseId: string; territoryId: string },
): Promise<PracticeWorld> {
  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const { cohortId, enrolmentId } = await taskCohort(t, tokens, options);
  const tus = (extra: Record<string, string>) => ({ 'tus-resumable': '1.0.0', ...extra });
  const createUpload = async (bytes: number) => {
    const created = ok(
      await t.request('POST', '/api/v1/practice/uploads', {
        token: tokens.coach,
        headers: tus({
          'upload-length': String(bytes),
          'upload-metadata': uploadMetadata({ enrolmentId, lessonKey: PRACTICE_LESSON, kind: 'photo' }),
        }),
      }),
      'create upload',
    );
    return String(created.headers['location']);
  };
  let seed = 1;
  const upload = async (bytes: Buffer) => {
    const path = await createUpload(bytes.length);
    const created = { headers: { location: path } } as unknown as TestResponse;
    const patched = ok(
      await t.request('PATCH', path, {
        token: tokens.coach,
        body: bytes,
        headers: tus({ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }),
      }),
      'upload',
    );
    return { created, patched };
  };
  const evidenceId = String((await upload(await jpeg(seed++))).patched.headers['upload-evidence-id']);
  const taskUrl = `/api/v1/enrolments/${enrolmentId}/tasks/${PRACTICE_LESSON}`;
  const handIn = async () =>
    ok(
      await t.request('POST', `${taskUrl}/submissions`, {
        token: tokens.coach,
        body: { id: randomUUID(), text: 'La vitrine en ligne.', fileIds: [evidenceId] },
      }),
      'hand in',
    ).body.id as string;
  // The first round: the trainer records a voice comment (tus, metadata naming the round) and
  // returns the round with it.
  const first = await handIn();
  const voice = ok(
    await t.request('POST', '/api/v1/practice/uploads', {
      token: tokens.trainer,
      headers: tus({
        'upload-length': String(OGG.length),
        'upload-metadata': uploadMetadata({ submissionId: first, kind: 'audio' }),
      }),
    }),
    'create voice upload',
  );
  const voiceCommentId = String(
    ok(
      await t.request('PATCH', String(voice.headers['location']), {
        token: tokens.trainer,
        body: OGG,
        headers: tus({ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }),
      }),
      'voice upload',
    ).headers['upload-evidence-id'],
  );
  ok(
    await t.request('POST', `/api/v1/practice/submissions/${first}/review`, {
      token: tokens.trainer,
      body: { ...REVISE, voiceCommentId },
    }),
    'review with a voice comment',
  );
  const withdrawnId = await handIn();
  ok(await t.request('DELETE', `${taskUrl}/submissions/${withdrawnId}`, { token: tokens.coach }), 'withdraw');
  const submissionId = await handIn();
  return {
    cohortId,
    enrolmentId,
    lessonKey: PRACTICE_LESSON,
    evidenceId,
    submissionId,
    withdrawnId,
    voiceCommentId,
    uploadPath: await createUpload(100),
    upload,
    createUpload,
    async waitingRound() {
      const state = (await t.request('GET', taskUrl, { token: tokens.coach })).body as {
        submissions: { id: string; status: string }[];
      };
      return state.submissions.find((s) => s.status === 'waiting')?.id ?? handIn();
    },
  };
}
