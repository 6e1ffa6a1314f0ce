import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDemoData } from '@tc/demo/api';
import {
  createTestApp,
  invitedPerson,
  uploadPhoto,
  type TestApp,
  type TestResponse,
} from '@tc/shared/testing';
import { ERASED_NAME, ErasureService } from '../index';

const PASSWORD = 'erasure-password-2026';
/** What only this person wrote or is called: none of it may be found anywhere after the erasure. */
const NAME = 'Zoubida Quixotrane';
const EMAIL = 'zoubida.quixotrane@erasure.test';
const TEXTS = {
  answer: 'reponse-xylophage-7341',
  question: 'question-ornithorynque-5512',
  post: 'message-cacatoes-2289',
  notes: 'notes-hippocampe-9903',
  nextSteps: 'suite-salamandre-4420',
  handIn: 'rendu-pangolin-6671',
};
const NEEDLES = [
  NAME,
  'Quixotrane',
  EMAIL,
  ...Object.values(TEXTS).filter((t) => !t.startsWith('Organisation')),
];

/** Every file under a folder (none if it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('erasure: nothing of the person is left, and the aggregates keep their counts (real database)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let observer: string;
  let person: string;
  let personId: string;
  let enrolmentId: string;
  let evidenceDir: string;
  let evidencePaths: string[] = [];

  const as = (token: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
  const ok = async (res: Promise<TestResponse>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const territory = async (code: string) =>
    ((await t.dataSource.query(`SELECT id FROM territories WHERE code = $1`, [code])) as { id: string }[])[0]
      ?.id as string;
  /** What the observatory shows of L'Oriental, as an observer reads it. */
  const observatory = async () => {
    await t.fold();
    const oriental = await territory('MA-02');
    const views: unknown[] = [];
    for (const url of [
      `/api/v1/observatory/completion?territoryId=${oriental}&groupBy=cohort`,
      `/api/v1/observatory/completion?territoryId=${oriental}&groupBy=gender`,
      `/api/v1/observatory/competences?territoryId=${oriental}`,
      `/api/v1/observatory/practice?territoryId=${oriental}`,
    ])
      views.push((await ok(as(observer, 'GET', url), url)).body);
    // When each answer was made is not a number of the observatory.
    return JSON.parse(
      JSON.stringify(views, (key, value: unknown) => (key === 'generatedAt' ? undefined : value)),
    );
  };

  beforeAll(async () => {
    t = await createTestApp({ JOB_POLL_SECONDS: '0.5' });
    await seedDemoData(t.app, { learning: true });
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    observer = (await t.signIn('observer@example.org')).accessToken;
    evidenceDir = resolve(t.env['EVIDENCE_DIR'] ?? join(t.env['DATA_DIR'] ?? './data', 'evidence'));

    // A coach of L'Oriental, with something in every domain.
    person = await invitedPerson(
      t,
      admin,
      { email: EMAIL, displayName: NAME, role: 'coach', territoryId: await territory('MA-02') },
      PASSWORD,
    );
    personId = (await ok(as(person, 'GET', '/api/v1/me'), 'me')).body.id;
    await ok(as(person, 'PATCH', '/api/v1/me', { organisationName: `Coopérative ${NAME}` }), 'profile');
    await ok(as(person, 'PATCH', '/api/v1/me', { gender: 'female' }), 'demographics, a consent recorded');
    const [course] = (await t.dataSource.query(
      `SELECT c.id, max(v.number)::int AS version FROM courses c JOIN course_versions v ON v.course_id = c.id
        GROUP BY c.id LIMIT 1`,
    )) as { id: string; version: number }[];
    const cohort = await ok(
      as(trainer, 'POST', '/api/v1/cohorts', {
        name: 'Cohorte effacement',
        courseId: course?.id,
        courseVersion: course?.version,
        territoryId: await territory('MA-02'),
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      }),
      'cohort',
    );
    const joined = await ok(
      as(person, 'POST', '/api/v1/cohorts/join', { code: cohort.body.joinCode }),
      'join',
    );
    enrolmentId = joined.body.id ?? joined.body.enrolmentId;
    await ok(
      as(person, 'POST', '/api/v1/progress/events', {
        events: ['m1-l1', 'm1-l2'].map((lessonKey) => ({
          id: randomUUID(),
          enrolmentId,
          lessonKey,
          type: 'completed',
          occurredAt: new Date().toISOString(),
        })),
      }),
      'progress',
    );
    await ok(
      as(person, 'POST', `/api/v1/enrolments/${enrolmentId}/quizzes/m1-quiz/attempts`, {
        answers: { q1: ['a'], q2: ['a'], q3: ['true'], q4: ['a'], q5: TEXTS.answer },
      }),
      'quiz',
    );
    const thread = await ok(
      as(person, 'POST', `/api/v1/cohorts/${cohort.body.id}/threads`, {
        title: TEXTS.question,
        body: TEXTS.post,
      }),
      'thread',
    );
    await ok(
      as(trainer, 'POST', `/api/v1/cohorts/${cohort.body.id}/threads/${thread.body.id}/posts`, {
        body: 'Bonne question.',
      }),
      'reply',
    );
    const orgId = randomUUID();
    await ok(
      as(person, 'PUT', `/api/v1/fieldwork/organisations/${orgId}`, {
        id: orgId,
        // An organisation: no person's data (the field log names none), so it stays as it was.
        name: 'Coopérative Tafraout Argan',
        kind: 'cooperative',
        sector: 'argan',
        territoryId: await territory('MA-BER'),
        womenLed: true,
        youthLed: false,
      }),
      'organisation',
    );
    const visitId = randomUUID();
    await ok(
      as(person, 'PUT', `/api/v1/fieldwork/organisations/${orgId}/visits/${visitId}`, {
        id: visitId,
        visitedOn: '2026-02-01',
        minutes: 60,
        mode: 'on-site',
        competences: ['3.1'],
        lessons: [],
        notes: TEXTS.notes,
        nextSteps: TEXTS.nextSteps,
      }),
      'visit',
    );
    const fileIds: string[] = [];
    for (let i = 0; i < 3; i++) fileIds.push(await uploadPhoto(t, person, enrolmentId, 'm3-task', 9100 + i));
    await ok(
      as(person, 'POST', `/api/v1/enrolments/${enrolmentId}/tasks/m3-task/submissions`, {
        id: randomUUID(),
        text: TEXTS.handIn,
        fileIds,
      }),
      'hand in',
    );
    evidencePaths = (
      (await t.dataSource.query(`SELECT storage_key FROM practice_evidence_files WHERE coach_id = $1`, [
        personId,
      ])) as { storage_key: string }[]
    ).map((r) => join(evidenceDir, ...r.storage_key.split('/')));
    expect(evidencePaths).toHaveLength(3);
    for (const p of evidencePaths) expect(existsSync(p)).toBe(true);
    // An archive of theirs, to be deleted with the rest.
    await ok(as(person, 'POST', '/api/v1/me/data-exports', { confirm: 'export' }), 'export');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is asked for by the person, refused to an admin elsewhere, and done by an admin of their territory', async () => {
    // Not asked yet: nothing to confirm.
    expect((await as(admin, 'POST', `/api/v1/admin/users/${personId}/erase`)).status).toBe(409);
    const asked = await as(person, 'POST', '/api/v1/me/erasure-request', { confirm: 'erase' });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ requestedAt: expect.any(String), erasedAt: null });
    expect((await as(person, 'GET', '/api/v1/me/erasure-request')).body).toEqual({ request: asked.body });
    // Nor may a trainer or the person themselves confirm it.
    expect((await as(trainer, 'POST', `/api/v1/admin/users/${personId}/erase`)).status).toBe(403);
    expect((await as(person, 'POST', `/api/v1/admin/users/${personId}/erase`)).status).toBe(403);
    // Wait for the archive asked for above, so that its file exists before the erasure deletes it.
    for (let i = 0; i < 100; i++) {
      const list = await as(person, 'GET', '/api/v1/me/data-exports');
      if (list.body.items?.[0]?.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it("leaves no trace of the person's name, address or words in any table or file; the counts stay", async () => {
    const before = await observatory();
    const [cert] = (await t.dataSource.query(`SELECT count(*)::int n FROM enrolments WHERE user_id = $1`, [
      personId,
    ])) as { n: number }[];
    expect(cert?.n).toBe(1);

    const erased = await as(admin, 'POST', `/api/v1/admin/users/${personId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ userId: personId, erasedAt: expect.any(String) });

    // Every text, varchar and json column of every table: none holds any of the needles.
    const columns = (await t.dataSource.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
        WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    )) as { table_name: string; column_name: string }[];
    expect(columns.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [hit] = (await t.dataSource.query(
        `SELECT count(*)::int n FROM "${table_name}" WHERE "${column_name}"::text ILIKE ANY($1::text[])`,
        [NEEDLES.map((n) => `%${n}%`)],
      )) as { n: number }[];
      if (hit?.n) found.push(`${table_name}.${column_name} (${hit.n})`);
    }
    expect(found).toEqual([]);

    // Nor any file of the data folder (evidence, archives): theirs are gone, the others do not name them.
    for (const p of evidencePaths) expect(existsSync(p)).toBe(false);
    const dataDir = resolve(t.env['DATA_DIR'] ?? './data');
    const files = [...filesUnder(evidenceDir), ...filesUnder(join(dataDir, 'exports'))];
    const inFiles = files.filter((f) => {
      const text = readFileSync(f).toString('latin1');
      return NEEDLES.some(
        (n) => text.includes(n) || text.includes(Buffer.from(n, 'utf8').toString('latin1')),
      );
    });
    expect(inFiles).toEqual([]);
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int n FROM privacy_data_exports WHERE user_id = $1`, [
          personId,
        ])
      )[0].n,
    ).toBe(0);
    // Their consent records stay, by id with the canonical words only (the scan above found none of them).
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int n FROM consent_records WHERE user_id = $1`, [personId])
      )[0].n,
    ).toBe(1);

    // The observatory's numbers are those of before.
    expect(await observatory()).toEqual(before);

    // The account cannot sign in; the audit log keeps the events, by id.
    const signIn = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: EMAIL, password: PASSWORD },
    });
    expect(signIn.status).toBe(401);
    const audited = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1::text AND action LIKE 'privacy.%'
        ORDER BY id`,
      [personId],
    )) as { action: string }[];
    expect(audited.map((a) => a.action)).toEqual([
      'privacy.export-requested',
      'privacy.erasure-requested',
      'privacy.erased',
    ]);
    // The thread they opened stays for the trainer's reply, without their words.
    const [post] = (await t.dataSource.query(
      `SELECT count(*)::int n FROM thread_posts p JOIN threads th ON th.id = p.thread_id
        WHERE th.author_id = $1 AND p.body = 'Bonne question.'`,
      [personId],
    )) as { n: number }[];
    expect(post?.n).toBe(1);
  });

  it('keeps a certificate verifiable as issued, its holder erased', async () => {
    // A certificate holder of the demo's synthetic population, erased by the service itself (as an
    // erasure run without an admin's call would be: no one can sign in as them to ask).
    const [holder] = (await t.dataSource.query(
      `SELECT e.user_id, c.code, u.display_name FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
         JOIN users u ON u.id = e.user_id
        WHERE c.revoked_at IS NULL ORDER BY c.code LIMIT 1`,
    )) as { user_id: string; code: string; display_name: string }[];
    expect(holder).toBeDefined();
    // Verified once before: its Open Badges credential is issued then, naming the holder.
    const before = await t.request('GET', `/api/v1/certificates/${holder?.code}`);
    expect(before.body).toMatchObject({ status: 'valid', holderName: holder?.display_name });
    expect(before.body.credential).toMatchObject({
      verified: true,
      summary: { recipientName: holder?.display_name },
    });
    await t.app.get(ErasureService).erase(holder?.user_id as string, null);
    const after = await t.request('GET', `/api/v1/certificates/${holder?.code}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      code: holder?.code,
      status: 'valid',
      holderName: ERASED_NAME,
      courseVersion: before.body.courseVersion,
      issuedAt: before.body.issuedAt,
    });
    // A new credential, signed for the certificate as it now reads; the old one, which named them, is
    // revoked and its text gone.
    expect(after.body.credential).toMatchObject({ verified: true, summary: { recipientName: ERASED_NAME } });
    const named = (await t.dataSource.query(
      `SELECT count(*)::int n FROM issued_credentials WHERE document::text LIKE $1`,
      [`%${holder?.display_name}%`],
    )) as { n: number }[];
    expect(named[0]?.n).toBe(0);
    const [left] = (await t.dataSource.query(
      `SELECT count(*)::int n FROM users WHERE display_name = $1 AND id = $2`,
      [holder?.display_name, holder?.user_id],
    )) as { n: number }[];
    expect(left?.n).toBe(0);
  });

  it('carries out a request past PRIVACY_ERASURE_DELAY_DAYS without an admin, and not before', async () => {
    const asker = await invitedPerson(
      t,
      admin,
      {
        email: 'late.asker@erasure.test',
        displayName: 'Demandeur Tardif',
        role: 'coach',
        territoryId: await territory('MA-02'),
      },
      PASSWORD,
    );
    const askerId = (await ok(as(asker, 'GET', '/api/v1/me'), 'me')).body.id as string;
    await ok(as(asker, 'POST', '/api/v1/me/erasure-request', { confirm: 'erase' }), 'ask');
    // Without a delay configured, only an admin erases.
    expect(await t.app.get(ErasureService).eraseDue()).toBe(0);
    t = await t.reopen({ PRIVACY_ERASURE_DELAY_DAYS: '2' });
    expect(await t.app.get(ErasureService).eraseDue()).toBe(0);
    await t.dataSource.query(
      `UPDATE privacy_erasure_requests SET requested_at = now() - interval '3 days' WHERE user_id = $1`,
      [askerId],
    );
    expect(await t.app.get(ErasureService).eraseDue()).toBe(1);
    const [row] = (await t.dataSource.query(`SELECT email, display_name FROM users WHERE id = $1`, [
      askerId,
    ])) as {
      email: string;
      display_name: string;
    }[];
    expect(row).toEqual({ email: `erased-${askerId}@erased.invalid`, display_name: ERASED_NAME });
    const [done] = (await t.dataSource.query(
      `SELECT erased_by FROM privacy_erasure_requests WHERE user_id = $1 AND erased_at IS NOT NULL`,
      [askerId],
    )) as { erased_by: string | null }[];
    expect(done).toEqual({ erased_by: null });
  });
});
