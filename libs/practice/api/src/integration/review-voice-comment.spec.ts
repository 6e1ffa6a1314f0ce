import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CourseContent, PracticalTask, Submission, TaskState } from '@tc/shared/contracts';
import {
  createTestApp,
  jpeg,
  uploadMetadata,
  type TestApp,
  type TestResponse,
  invitedPerson,
} from '@tc/shared/testing';

/** A task handed in as text alone: one criterion, 2 points to pass. */
const TASK: PracticalTask = {
  instructions: { fr: 'Décrivez la vitrine de la coopérative.' },
  evidence: [{ kind: 'text', min: 1, max: 1 }],
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
  required: false,
};
const LESSON = 'pratique-voix';
const PASSWORD = 'voice-comment-password-2026';
const REVISE = { decision: 'revise', scores: [{ criterionKey: 'vitrine', levelKey: 'absente' }] };

/** A small Ogg recording as far as sniffing goes (its first bytes), different each call. */
const ogg = (size = 600): Buffer => Buffer.concat([Buffer.from('OggS\0\x02'), randomBytes(size)]);

describe('a trainer’s voice comment on a review: upload, review, who hears it (real database)', () => {
  let t: TestApp;
  let evidenceDir: string;
  const tokens: Record<string, string> = {};
  let enrolmentId: string;

  const as = (who: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    t.request(method, url, {
      token: tokens[who] as string,
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });
  const tus = (extra: Record<string, string>) => ({ 'tus-resumable': '1.0.0', ...extra });
  const taskUrl = () => `/api/v1/enrolments/${enrolmentId}/tasks/${LESSON}`;

  /** Creates a voice comment upload for `submissionId`; answers the creation. */
  const createVoice = (who: string, submissionId: string, length: number, kind = 'audio') =>
    as(
      who,
      'POST',
      '/api/v1/practice/uploads',
      undefined,
      tus({ 'upload-length': String(length), 'upload-metadata': uploadMetadata({ submissionId, kind }) }),
    );
  /** Uploads `bytes` as a voice comment in one PATCH; answers the PATCH. */
  const uploadVoice = async (who: string, submissionId: string, bytes: Buffer): Promise<TestResponse> => {
    const created = await createVoice(who, submissionId, bytes.length);
    expect(created.status).toBe(201);
    return as(
      who,
      'PATCH',
      String(created.headers['location']),
      bytes,
      tus({ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }),
    );
  };
  const storedId = (res: TestResponse) => String(res.headers['upload-evidence-id']);
  const handIn = async (): Promise<string> => {
    const res = await as('coach', 'POST', `${taskUrl()}/submissions`, {
      id: randomUUID(),
      text: 'La vitrine est en ligne.',
      fileIds: [],
    });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const voiceStatus = async (who: string, id: string) =>
    (await as(who, 'GET', `/api/v1/practice/voice-comments/${id}`)).status;
  const voiceRows = async (submissionId: string) =>
    (
      (await t.dataSource.query(
        'SELECT id FROM practice_voice_comments WHERE submission_id = $1 ORDER BY id',
        [submissionId],
      )) as { id: string }[]
    ).map((r) => r.id);

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'tc-voice-'));
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
        `SELECT id FROM territories WHERE code IN ('MA-02', 'MA-09') ORDER BY code`,
      )) as { id: string }[]
    ).map((r) => r.id);
    for (const [who, role, territoryId] of [
      ['otherCoach', 'coach', oriental],
      ['trainerAway', 'trainer', away],
    ] as const)
      tokens[who] = await invitedPerson(
        t,
        tokens['admin']!,
        {
          email: `${who.toLowerCase()}@voice.test`,
          displayName: `Personne ${who}`,
          role,
          territoryId: territoryId!,
        },
        PASSWORD,
      );
    // The demo course's latest content plus a module with the task, frozen as a new version.
    const courses = (await as('trainer', 'GET', '/api/v1/courses?scope=published')).body as { id: string }[];
    const courseId = courses[0]!.id;
    const [latest] = (await t.dataSource.query(
      `SELECT number, content FROM course_versions WHERE course_id = $1 ORDER BY number DESC LIMIT 1`,
      [courseId],
    )) as { number: number; content: CourseContent }[];
    const content: CourseContent = {
      ...latest!.content,
      modules: [
        ...latest!.content.modules,
        {
          key: 'pratique-voix',
          title: { fr: 'Pratique' },
          lessons: [
            {
              key: LESSON,
              kind: 'task',
              title: { fr: 'La vitrine, décrite' },
              competences: [],
              estimatedMinutes: 20,
              body: {},
              media: null,
              quiz: null,
              task: TASK,
            },
          ],
        },
      ],
    };
    await t.dataSource.query(
      `INSERT INTO course_versions (course_id, number, content, content_hash, published_at, published_by)
       SELECT $1, $2, $3::jsonb, repeat('c', 64), now(), id FROM users WHERE email = 'trainer@example.org'`,
      [courseId, latest!.number + 1, JSON.stringify(content)],
    );
    const cohort = await as('trainer', 'POST', '/api/v1/cohorts', {
      name: 'Voix Oriental',
      courseId,
      courseVersion: latest!.number + 1,
      territoryId: oriental,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    expect(cohort.status).toBe(201);
    const cohortId = String(cohort.body.id);
    const enrolled = await as('trainer', 'POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      emails: ['coach@example.org'],
    });
    expect(enrolled.status).toBeLessThan(300);
    enrolmentId = (
      (await as('coach', 'GET', '/api/v1/me/enrolments')).body as { enrolmentId: string; cohortId: string }[]
    ).find((e) => e.cohortId === cohortId)!.enrolmentId;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('the trainer reviews with a voice comment; the coach, the trainer and the admin hear it, nobody else', async () => {
    const round = await handIn();
    const bytes = ogg();
    const patched = await uploadVoice('trainer', round, bytes);
    expect(patched.status).toBe(204);
    const voiceId = storedId(patched);
    expect(voiceId).toMatch(/^[0-9a-f-]{36}$/);
    // Before the review gives it, the recording is the trainer's alone.
    expect(await voiceStatus('trainer', voiceId)).toBe(200);
    expect(await voiceStatus('coach', voiceId)).toBe(404);
    expect(await voiceStatus('admin', voiceId)).toBe(404);
    // A recording made again, then not used: it goes with the review.
    const dropped = storedId(await uploadVoice('trainer', round, ogg()));
    expect(await voiceRows(round)).toHaveLength(2);

    const reviewed = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, {
      ...REVISE,
      comment: '',
      voiceCommentId: voiceId,
    });
    expect(reviewed.status).toBe(200);
    expect((reviewed.body as Submission).review).toMatchObject({
      comment: '',
      voiceComment: { id: voiceId, mediaType: 'audio/ogg', bytes: bytes.length },
    });
    expect(await voiceRows(round)).toEqual([voiceId]);
    expect(readdirSync(join(evidenceDir, 'voice', round))).toEqual([voiceId]);
    expect(await voiceStatus('trainer', dropped)).toBe(404);

    // The coach sees it in the feedback and fetches it.
    const state = (await as('coach', 'GET', taskUrl())).body as TaskState;
    expect(state.submissions.find((s) => s.id === round)?.review?.voiceComment?.id).toBe(voiceId);
    const heard = await as('coach', 'GET', `/api/v1/practice/voice-comments/${voiceId}`);
    expect(heard.status).toBe(200);
    expect(heard.raw.equals(bytes)).toBe(true);
    expect(heard.headers).toMatchObject({
      'content-type': 'audio/ogg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(String(heard.headers['content-disposition'])).toMatch(
      /^inline; filename="voice-comment-[0-9a-f]{8}\.ogg"$/,
    );
    const range = await t.request('GET', `/api/v1/practice/voice-comments/${voiceId}`, {
      token: tokens['coach'] as string,
      headers: { range: 'bytes=0-3' },
    });
    expect(range.status).toBe(206);
    expect(range.raw.toString('latin1')).toBe('OggS');
    // Those who see the round hear it; anyone else is told it does not exist.
    expect(await voiceStatus('trainer', voiceId)).toBe(200);
    expect(await voiceStatus('admin', voiceId)).toBe(200);
    expect(await voiceStatus('otherCoach', voiceId)).toBe(404);
    expect(await voiceStatus('observer', voiceId)).toBe(404);
    expect(await voiceStatus('trainerAway', voiceId)).toBe(404);
    expect(await voiceStatus('coach', randomUUID())).toBe(404);
  });

  it('a replayed review changes nothing, whatever voice comment it names', async () => {
    const round = await handIn();
    const voiceId = storedId(await uploadVoice('trainer', round, ogg()));
    const body = { ...REVISE, comment: 'À reprendre : la vitrine.', voiceCommentId: voiceId };
    const first = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, body);
    expect(first.status).toBe(200);
    const before = (await as('coach', 'GET', taskUrl())).body as TaskState;

    const replay = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, body);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('submission-not-waiting');
    const withoutVoice = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, {
      ...body,
      voiceCommentId: null,
    });
    expect(withoutVoice.status).toBe(409);
    // No new recording for a round already reviewed.
    const late = await createVoice('trainer', round, 600);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('submission-not-waiting');

    const after = (await as('coach', 'GET', taskUrl())).body as TaskState;
    expect(after.submissions.find((s) => s.id === round)).toEqual(
      before.submissions.find((s) => s.id === round),
    );
    expect(await voiceRows(round)).toEqual([voiceId]);
    expect(await voiceStatus('coach', voiceId)).toBe(200);
  });

  it('refuses a file that is not audio, a recording too large, and uploads by people who may not review', async () => {
    const round = await handIn();
    const photo = await uploadVoice('trainer', round, await jpeg(7));
    expect(photo.status).toBe(415);
    expect(photo.body.code).toBe('media-type');
    const text = await uploadVoice('trainer', round, Buffer.from('%PDF-1.4 not a recording'));
    expect(text.status).toBe(415);
    expect(await voiceRows(round)).toEqual([]);
    // Nothing of a refused upload stays behind.
    expect(existsSync(join(evidenceDir, 'voice', round))).toBe(false);

    const photoKind = await createVoice('trainer', round, 600, 'photo');
    expect(photoKind.status).toBe(400);
    expect(photoKind.body.errors[0]).toMatchObject({ field: 'kind', code: 'not-allowed' });
    const badId = await createVoice('trainer', 'not-a-uuid', 600);
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject({ field: 'submissionId', code: 'invalid-uuid' });
    const large = await createVoice('trainer', round, 11 * 1024 * 1024);
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('media-too-large');
    // The coach, another coach, a trainer of another territory: the round does not exist for them.
    expect((await createVoice('coach', round, 600)).status).toBe(404);
    expect((await createVoice('otherCoach', round, 600)).status).toBe(404);
    expect((await createVoice('trainerAway', round, 600)).status).toBe(404);
    expect((await createVoice('trainer', randomUUID(), 600)).status).toBe(404);
    // An observer uploads nothing.
    expect((await createVoice('observer', round, 600)).status).toBe(403);
    // Only the uploader resumes an upload.
    const created = await createVoice('trainer', round, 600);
    const hijack = await as(
      'admin',
      'PATCH',
      String(created.headers['location']),
      ogg(594),
      tus({ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }),
    );
    expect(hijack.status).toBe(404);
  });

  it('a review names only a voice comment its reviewer recorded for that round', async () => {
    // The round the previous case left waiting.
    const state0 = (await as('coach', 'GET', taskUrl())).body as TaskState;
    const round = state0.submissions.find((s) => s.status === 'waiting')?.id ?? (await handIn());
    const adminVoice = storedId(await uploadVoice('admin', round, ogg()));
    const byAnother = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, {
      ...REVISE,
      comment: 'Voir le message.',
      voiceCommentId: adminVoice,
    });
    expect(byAnother.status).toBe(400);
    expect(byAnother.body.errors[0]).toMatchObject({
      field: 'voiceCommentId',
      code: 'voice-comment-unknown',
    });
    const unknown = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, {
      ...REVISE,
      comment: 'Voir le message.',
      voiceCommentId: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    const state = (await as('coach', 'GET', taskUrl())).body as TaskState;
    expect(state.submissions.find((s) => s.id === round)?.status).toBe('waiting');

    // A review without a voice comment still takes a written one; the unused recording goes.
    const plain = await as('trainer', 'POST', `/api/v1/practice/submissions/${round}/review`, {
      ...REVISE,
      comment: 'Voir le message.',
    });
    expect(plain.status).toBe(200);
    expect((plain.body as Submission).review).toMatchObject({
      comment: 'Voir le message.',
      voiceComment: null,
    });
    expect(await voiceRows(round)).toEqual([]);
    expect(await voiceStatus('admin', adminVoice)).toBe(404);
  });

  it('a round the coach withdraws takes the trainer’s unused recordings with it', async () => {
    const round = await handIn();
    const voiceId = storedId(await uploadVoice('trainer', round, ogg()));
    expect(await voiceStatus('trainer', voiceId)).toBe(200);
    const withdrawn = await as('coach', 'DELETE', `${taskUrl()}/submissions/${round}`);
    expect(withdrawn.status).toBe(200);
    expect(await voiceRows(round)).toEqual([]);
    expect(readdirSync(join(evidenceDir, 'voice', round))).toEqual([]);
    expect(await voiceStatus('trainer', voiceId)).toBe(404);
  });
});
