import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { CredentialVerification, MyCertificate } from '@tc/shared/contracts';
import type { CourseFile, QuizAnswers } from '@tc/shared/contracts';
import { createTestApp, passTask, type TestApp } from '@tc/shared/testing';
import { extractFromPng, extractFromSvg, validateOpenBadge, type JsonObject } from '../index';

/**
 * The demo coach's certificate as an Open Badges 3.0 credential, end to end on the real database: the
 * credential issued with the certificate, its downloads (JSON, baked SVG and PNG), the issuer's DID
 * document and profile, verification by anyone (untouched: every check passed; tampered: the failing
 * check named), revocation seen by the very next verification, key rotation, and every credential the
 * demo data issues validating against the OB 3.0 JSON schema.
 */
describe('portable credentials: Open Badges 3.0 (real database)', () => {
  let t: TestApp;
  let coach: string;
  let trainer: string;
  let admin: string;
  let enrolmentId: string;
  let code: string;
  let credential: JsonObject;

  const outcomes = (v: CredentialVerification) => v.checks.map((c) => `${c.check}:${c.outcome}:${c.code}`);
  const ALL_PASSED = [
    'format:passed:ok',
    'signature:passed:ok',
    'issuer:passed:ok',
    'status:passed:ok',
    'expiry:passed:ok',
  ];
  const verify = async (body: unknown) => t.request('POST', '/api/v1/credentials/verify', { body });
  const download = (kind: string) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/enrolments/${enrolmentId}/credential.${kind}`,
        headers: { authorization: `Bearer ${coach}` },
      });

  beforeAll(async () => {
    t = await createTestApp();
    coach = (await t.signIn('coach@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
    enrolmentId = await completedCourse(t, { coach, trainer });
    code = (await t.request('GET', `/api/v1/enrolments/${enrolmentId}/certificate`, { token: coach })).body
      .code as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issued the demo coach’s certificate with a signed credential; the coach gets its links', async () => {
    const mine = await t.request('GET', `/api/v1/enrolments/${enrolmentId}/certificate`, { token: coach });
    expect(mine.status).toBe(200);
    const links = (mine.body as MyCertificate).credential;
    expect(links).toMatchObject({
      jsonUrl: `/api/v1/enrolments/${enrolmentId}/credential.json`,
      svgUrl: `/api/v1/enrolments/${enrolmentId}/credential.svg`,
      pngUrl: `/api/v1/enrolments/${enrolmentId}/credential.png`,
    });
    const linkedIn = new URL(links!.linkedInUrl);
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(linkedIn.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      organizationName: 'Coaching territorial',
      certUrl: `http://academy.test/verify/${code}`,
      certId: code,
    });
    const json = await download('json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/ld+json');
    credential = JSON.parse(json.body) as JsonObject;
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: 'did:web:academy.test',
        type: ['Profile'],
        name: 'Coaching territorial',
        url: 'http://academy.test',
      },
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { type: ['Achievement'], version: '1' },
      },
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: 'http://academy.test/api/v1/credentials/status/1',
      },
      proof: [
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
      ],
    });
    const achievement = (credential['credentialSubject'] as JsonObject)['achievement'] as JsonObject;
    // What had to be done, the passed field task among it; the DigComp 2.2 competences it covers.
    expect(String((achievement['criteria'] as JsonObject)['narrative'])).toMatch(/\n- /);
    expect((achievement['alignment'] as JsonObject[]).length).toBeGreaterThan(0);
    expect((achievement['alignment'] as JsonObject[])[0]).toMatchObject({
      type: ['Alignment'],
      targetFramework: 'DigComp 2.2',
      targetType: 'ceasn:Competency',
    });
    expect(validateOpenBadge(credential)).toEqual({ valid: true });
    // Nobody else downloads it.
    const peer = (await t.signIn('trainer@example.org')).accessToken;
    expect(
      (await t.request('GET', `/api/v1/enrolments/${enrolmentId}/credential.json`, { token: peer })).status,
    ).toBe(403);
  });

  it('verifies untouched, as the public certificate page shows it; fails tampered, naming the check', async () => {
    const untouched = await verify({ credential });
    expect(untouched.status).toBe(200);
    expect(outcomes(untouched.body)).toEqual(ALL_PASSED);
    expect(untouched.body.verified).toBe(true);
    const page = await t.request('GET', `/api/v1/certificates/${code}`);
    expect(page.body.credential.verified).toBe(true);
    expect(outcomes(page.body.credential)).toEqual(ALL_PASSED);

    for (const tamper of [
      (c: JsonObject) => ((c['credentialSubject'] as JsonObject)['name'] = 'Someone Else'),
      (c: JsonObject) =>
        (((c['credentialSubject'] as JsonObject)['achievement'] as JsonObject)['name'] = 'Other'),
      (c: JsonObject) => (c['validFrom'] = '2020-01-01T00:00:00Z'),
      (c: JsonObject) =>
        (((c['proof'] as JsonObject[])[0] as JsonObject)['created'] = '2020-01-01T00:00:00Z'),
    ]) {
      const copy = structuredClone(credential);
      tamper(copy);
      const result = (await verify({ credential: copy })).body as CredentialVerification;
      expect([result.verified, outcomes(result)[1]]).toEqual([false, 'signature:failed:signature-invalid']);
    }
  });

  it('downloads the badge with the credential baked in, as SVG and PNG; both verify', async () => {
    const svg = await download('svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    const fromSvg = extractFromSvg(svg.body);
    expect(fromSvg).toEqual(credential);
    const png = await download('png');
    expect(png.headers['content-type']).toBe('image/png');
    const fromPng = extractFromPng(png.rawPayload);
    expect(fromPng).toEqual(credential);
    expect((await verify({ credential: fromPng })).body.verified).toBe(true);
  });

  it('publishes the DID document, the issuer profile in fr/ar/en, and the status list', async () => {
    const did = await t.request('GET', '/.well-known/did.json');
    expect(did.status).toBe(200);
    expect(did.body).toMatchObject({
      id: 'did:web:academy.test',
      verificationMethod: [{ type: 'Multikey' }],
    });
    const method = ((credential['proof'] as JsonObject[])[0] as JsonObject)['verificationMethod'];
    expect(did.body.assertionMethod).toContain(method);
    const names = [];
    for (const lang of ['fr', 'ar', 'en']) {
      const profile = await t.request('GET', `/api/v1/credentials/issuer?lang=${lang}`);
      expect(profile.body).toMatchObject({
        id: 'did:web:academy.test',
        type: ['Profile'],
        url: 'http://academy.test',
      });
      names.push(profile.body.name);
    }
    expect(names).toEqual(['Coaching territorial', 'التدريب الترابي', 'Territorial coaching']);
    const list = await t.request('GET', '/api/v1/credentials/status/1');
    expect(list.body).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:academy.test',
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    expect(bitsOf(list.body).length).toBe(131_072 / 8);
    expect((await t.request('GET', '/api/v1/credentials/status/9')).status).toBe(404);
  });

  it('refuses bad input with a problem naming `credential`', async () => {
    for (const body of [{}, { credential: 'not an object' }, { credential: { a: 'x'.repeat(70_000) } }]) {
      const res = await verify(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('credential');
    }
    const notBadge = await verify({ credential: { hello: 'world' } });
    expect(outcomes(notBadge.body)[0]).toBe('format:failed:not-a-credential');
  });

  it('rotates the key (admins): the earlier credential keeps verifying; a re-issue signs with the new key and replaces the old', async () => {
    expect(
      (
        await t.request('POST', '/api/v1/credentials/keys/rotate', {
          token: coach,
          body: { confirm: 'rotate' },
        })
      ).status,
    ).toBe(403);
    const rotated = await t.request('POST', '/api/v1/credentials/keys/rotate', {
      token: admin,
      body: { confirm: 'rotate' },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.verificationMethod).toHaveLength(2);
    expect((await verify({ credential })).body.verified).toBe(true);

    const reissued = await t.request('POST', `/api/v1/certificates/${code}/reissue`, { token: trainer });
    expect(reissued.status).toBe(200);
    const fresh = JSON.parse((await download('json')).body) as JsonObject;
    const methodOf = (c: JsonObject) => ((c['proof'] as JsonObject[])[0] as JsonObject)['verificationMethod'];
    expect(methodOf(fresh)).toBe(rotated.body.verificationMethod[1].id);
    expect(methodOf(fresh)).not.toBe(methodOf(credential));
    expect(outcomes((await verify({ credential: fresh })).body)).toEqual(ALL_PASSED);
    // The replaced credential no longer holds: its status bit is set.
    expect(outcomes((await verify({ credential })).body)[3]).toBe('status:failed:revoked');
    credential = fresh;
  });

  it('revokes: the very next verification sees it, and the status list shows the bit', async () => {
    const revoke = await t.request('POST', `/api/v1/certificates/${code}/revoke`, {
      token: trainer,
      body: { reason: 'Réponses partagées' },
    });
    expect(revoke.status).toBe(200);
    expect(revoke.body.credential.verified).toBe(false);
    expect(outcomes(revoke.body.credential)[3]).toBe('status:failed:revoked');
    const after = (await verify({ credential })).body as CredentialVerification;
    expect([after.verified, outcomes(after)]).toEqual([
      false,
      [
        'format:passed:ok',
        'signature:passed:ok',
        'issuer:passed:ok',
        'status:failed:revoked',
        'expiry:passed:ok',
      ],
    ]);
    const index = Number((credential['credentialStatus'] as JsonObject)['statusListIndex']);
    const bits = bitsOf((await t.request('GET', '/api/v1/credentials/status/1')).body);
    expect((bits[index >> 3]! >> (7 - (index & 7))) & 1).toBe(1);
    expect((await download('json')).statusCode).toBe(410);
  });

  it('gives a certificate from before credentials one on its first request; every credential issued validates against the OB 3.0 schema', async () => {
    // A certificate as the demo's synthetic population writes them (SQL, no credential), for an
    // enrolment without one (a second coach of the cohort).
    const [cohort] = (await t.dataSource.query(`SELECT cohort_id AS id FROM enrolments WHERE id = $1`, [
      enrolmentId,
    ])) as { id: string }[];
    const invited = await t.request('POST', `/api/v1/cohorts/${cohort!.id}/enrolments`, {
      token: trainer,
      body: { emails: ['legacy.coach@coop.ma'] },
    });
    await t.request('POST', '/api/v1/auth/links/accept', {
      body: {
        token: (invited.body.invited[0].url as string).split('/').pop(),
        password: 'legacy-coach-pass',
      },
    });
    const [peer] = (await t.dataSource.query(
      `SELECT e.id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'legacy.coach@coop.ma'`,
    )) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO certificates (code, enrolment_id, issued_at, holder_name, course_title, course_version, territory_name)
       VALUES ('LEGACY234567', $1, now() - interval '30 days', 'Hamza El Idrissi',
               '{"fr":"Parcours","ar":"مسار","en":"Course"}', 1, '{"fr":"L''Oriental","ar":"الشرق","en":"Oriental"}')`,
      [peer!.id],
    );
    const before = await t.dataSource.query(
      `SELECT 1 FROM issued_credentials WHERE reference = 'certificate:LEGACY234567'`,
    );
    expect(before).toHaveLength(0);
    const page = await t.request('GET', '/api/v1/certificates/LEGACY234567');
    expect(page.status).toBe(200);
    expect(outcomes(page.body.credential)).toEqual(ALL_PASSED);
    expect(page.body.credential.summary).toMatchObject({
      recipientName: 'Hamza El Idrissi',
      issuerId: 'did:web:academy.test',
    });
    // Once: the next request reads the same credential.
    await t.request('GET', '/api/v1/certificates/LEGACY234567');
    const after = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM issued_credentials WHERE reference = 'certificate:LEGACY234567'`,
    )) as { n: number }[];
    expect(after[0]!.n).toBe(1);

    const documents = (await t.dataSource.query(`SELECT document FROM issued_credentials`)) as {
      document: JsonObject;
    }[];
    // The demo coach's (issued, then re-issued) and the one just issued.
    expect(documents).toHaveLength(3);
    expect(documents.map((d) => validateOpenBadge(d.document))).toEqual(Array(3).fill({ valid: true }));
  });

  // Last: it spends this caller's allowance of the minute.
  it('limits verification to thirty a minute per caller, then answers 429 with Retry-After', async () => {
    const answers: number[] = [];
    let last: Awaited<ReturnType<typeof verify>> | undefined;
    for (let i = 0; i < 31; i++) {
      last = await verify({ credential: { hello: i } });
      answers.push(last.status);
    }
    // The earlier tests of this file verified too, from the same caller: some of the 31 may already be over.
    expect(answers.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(answers.at(-1)).toBe(429);
    expect(last?.body).toMatchObject({ code: 'too-many-attempts' });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  });
});

type Lesson = CourseFile['modules'][number]['lessons'][number];

function rightAnswers(lesson: Lesson): QuizAnswers {
  return Object.fromEntries(
    lesson.quiz!.questions.map((q) => [
      q.key,
      q.type === 'short_answer'
        ? q.acceptedAnswers[0]!
        : q.type === 'multiple'
          ? q.options.filter((o) => o.correct).map((o) => o.key)
          : q.options.find((o) => o.correct)!.key,
    ]),
  );
}

/**
 * The demo coach completes the demo course in a new cohort of L'Oriental, the way the demo's
 * "completed course" does: every lesson read, every quiz passed, the practical task passed by the
 * trainer. Answers the enrolment.
 */
async function completedCourse(t: TestApp, tokens: { coach: string; trainer: string }): Promise<string> {
  const { coach, trainer } = tokens;
  const courses = (await t.request('GET', '/api/v1/courses', { token: trainer })).body as { id: string }[];
  const courseId = courses[0]!.id;
  const demo = (await t.request('GET', `/api/v1/courses/${courseId}/export?version=1`, { token: trainer }))
    .body as CourseFile;
  const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
    id: string;
  }[];
  const cohort = await t.request('POST', '/api/v1/cohorts', {
    token: trainer,
    body: {
      name: 'Credentials spec',
      courseId,
      courseVersion: 1,
      territoryId: oriental!.id,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  expect(cohort.status).toBe(201);
  await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, {
    token: trainer,
    body: { emails: ['coach@example.org'] },
  });
  const mine = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body as {
    enrolmentId: string;
    cohortId: string;
  }[];
  const enrolmentId = mine.find((e) => e.cohortId === cohort.body.id)!.enrolmentId;
  const lessons = demo.modules.flatMap((m) => m.lessons);
  await t.request('POST', '/api/v1/progress/events', {
    token: coach,
    body: {
      events: lessons
        .filter((l) => l.kind !== 'quiz' && l.kind !== 'task')
        .map((l) => ({
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'completed',
          occurredAt: new Date().toISOString(),
        })),
    },
  });
  for (const quiz of lessons.filter((l) => l.kind === 'quiz')) {
    await t.request('POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${quiz.key}/attempts`, {
      token: coach,
      body: { answers: rightAnswers(quiz) },
    });
  }
  for (const task of lessons.filter((l) => l.kind === 'task')) await passTask(t, tokens, enrolmentId, task);
  return enrolmentId;
}

/** The status list's bits (GZIP, base64url multibase `u…`). */
function bitsOf(list: JsonObject): Buffer {
  const encoded = String((list['credentialSubject'] as JsonObject)['encodedList']);
  expect(encoded[0]).toBe('u');
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}
