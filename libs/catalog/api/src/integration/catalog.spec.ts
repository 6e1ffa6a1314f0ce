import type { CourseDraft } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

/** A second trainer, made the way an admin would: invitation, then the link. */
async function inviteTrainer(t: TestApp, adminToken: string, email: string): Promise<string> {
  const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
    id: string;
  }[];
  const invite = await t.request('POST', '/api/v1/users/invitations', {
    token: adminToken,
    body: { email, displayName: email.split('@')[0], role: 'trainer', territoryId: oriental?.id },
  });
  const token = (invite.body.link.url as string).split('/').pop() as string;
  const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
    body: { token, password: 'another-trainer-pass' },
  });
  return accepted.body.accessToken as string;
}

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(
  field: string,
  filename: string,
  bytes: Buffer,
  type: string,
): { body: Buffer; contentType: string } {
  const boundary = '----tc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('course authoring: drafts, publishing, versions (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let course: CourseDraft;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_SEED: 'true' });
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = (method: string, url: string, body?: unknown, token = trainer) =>
    t.request(method, url, { token, body });

  it('ships the seminar course as demo data: four modules, a quiz each, published as version 1', async () => {
    const mine = await api('GET', '/api/v1/courses');
    const demo = mine.body.find((c: { slug: string }) => c.slug === 'numerique-territoires-ess');
    expect(demo).toMatchObject({
      latestVersion: 1,
      hasUnpublishedChanges: false,
      ownerName: 'Youssef Benali',
    });
    const preview = await api('GET', `/api/v1/courses/${demo.id}/preview?locale=ar&version=1`);
    expect(preview.body.modules).toHaveLength(4);
    for (const module of preview.body.modules) {
      expect(module.title).toMatch(/[\u0600-\u06FF]/); // Arabic titles
      expect(module.lessons.at(-1).kind).toBe('quiz');
    }
    const en = await api('GET', `/api/v1/courses/${demo.id}/preview?locale=en&version=1`);
    expect(en.body.modules[1].lessons[0]).toMatchObject({ fallback: false, locale: 'en' });
  });

  it('creates a draft with French and Arabic titles', async () => {
    const res = await api('POST', '/api/v1/courses', {
      slug: 'vendre-en-ligne',
      title: { fr: 'Vendre en ligne', ar: 'البيع عبر الإنترنت' },
      defaultLocale: 'fr',
      locales: ['fr', 'ar'],
      competences: ['2.2', '3.1'],
    });
    expect(res.status).toBe(201);
    course = res.body;
    expect(course).toMatchObject({
      slug: 'vendre-en-ligne',
      status: 'active',
      latestVersion: null,
      hasUnpublishedChanges: true,
      modules: [],
    });
    const taken = await api('POST', '/api/v1/courses', {
      slug: 'vendre-en-ligne',
      title: { fr: 'x' },
      defaultLocale: 'fr',
      locales: ['fr'],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].field).toBe('slug');
  });

  it('refuses to publish an incomplete draft, listing every problem with where it is and its code', async () => {
    let res = await api('POST', `/api/v1/courses/${course.id}/modules`, {
      title: { fr: 'La boutique en ligne' },
    });
    res = await api('POST', `/api/v1/courses/${course.id}/modules`, { title: { fr: 'Les paiements' } });
    const [m1, m2] = res.body.modules;
    res = await api('POST', `/api/v1/courses/${course.id}/modules/${m1.id}/lessons`, {
      kind: 'text',
      title: { fr: 'Choisir une plateforme' },
    });
    res = await api('POST', `/api/v1/courses/${course.id}/modules/${m1.id}/lessons`, {
      kind: 'quiz',
      title: { fr: 'Quiz' },
      quiz: {
        passMark: 60,
        maxAttempts: 2,
        revealAnswers: 'after_pass_or_last_attempt',
        questions: [
          {
            key: 'q1',
            type: 'single',
            prompt: { fr: 'Laquelle ?' },
            points: 1,
            options: [
              { key: 'a', text: { fr: 'A' }, correct: true },
              { key: 'b', text: { fr: 'B' }, correct: true },
            ],
            acceptedAnswers: [],
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    const publish = await api('POST', `/api/v1/courses/${course.id}/publish`);
    expect(publish.status).toBe(422);
    expect(publish.headers['content-type']).toMatch(/problem\+json/);
    expect(publish.body).toMatchObject({ code: 'publish-invalid', params: { count: 3 } });
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
    expect([...publish.body.errors].sort(byField)).toEqual([
      {
        field: 'modules[0].lessons[0].body.fr',
        code: 'lesson-text-missing',
        params: { locale: 'fr' },
        message: 'This text lesson has no text in fr.',
      },
      {
        field: 'modules[0].lessons[1].quiz.questions[0]',
        code: 'one-correct-option',
        message: expect.any(String),
      },
      { field: 'modules[1]', code: 'module-empty', message: expect.any(String) },
    ]);
    expect(m2.lessons).toEqual([]);
  });

  it('saves no choice question without an option marked correct, naming its options', async () => {
    const draft = (await api('GET', `/api/v1/courses/${course.id}`)).body as CourseDraft;
    const quiz = draft.modules[0]!.lessons[1]!;
    const keyless = {
      ...quiz.quiz!,
      questions: [
        quiz.quiz!.questions[0]!,
        {
          key: 'q2',
          type: 'true_false',
          prompt: { fr: 'Vrai ?' },
          points: 1,
          options: [
            { key: 'true', text: { fr: 'Vrai' }, correct: false },
            { key: 'false', text: { fr: 'Faux' }, correct: false },
          ],
          acceptedAnswers: [],
        },
      ],
    };
    const refused = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${quiz.id}`, { quiz: keyless });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['quiz.questions[1].options']);
    const added = await api('POST', `/api/v1/courses/${course.id}/modules/${draft.modules[0]!.id}/lessons`, {
      kind: 'quiz',
      title: { fr: 'Autre quiz' },
      quiz: keyless,
    });
    expect(added.status).toBe(422);
    const after = (await api('GET', `/api/v1/courses/${course.id}`)).body as CourseDraft;
    expect(after.modules[0]!.lessons.map((l) => l.id)).toEqual(draft.modules[0]!.lessons.map((l) => l.id));
    expect(after.modules[0]!.lessons[1]!.quiz!.questions).toHaveLength(1);
  });

  it('publishes version 1 once fixed; the draft moves on without touching it; version 2 later', async () => {
    let draft = (await api('GET', `/api/v1/courses/${course.id}`)).body as CourseDraft;
    const [m1, m2] = draft.modules;
    const [text, quiz] = m1!.lessons;
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${text!.id}`, {
      body: { fr: '## Bienvenue\n\nUne **boutique** simple.' },
    });
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${quiz!.id}`, {
      quiz: {
        ...quiz!.quiz,
        questions: [
          {
            ...quiz!.quiz!.questions[0],
            options: [
              { key: 'a', text: { fr: 'A' }, correct: false },
              { key: 'b', text: { fr: 'B' }, correct: true },
            ],
          },
        ],
      },
    });
    await api('POST', `/api/v1/courses/${course.id}/modules/${m2!.id}/lessons`, {
      kind: 'text',
      title: { fr: 'Mobile money' },
      body: { fr: 'Payer par téléphone.' },
    });

    const v1 = await api('POST', `/api/v1/courses/${course.id}/publish`);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ number: 1, publishedByName: 'Youssef Benali' });
    expect(v1.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    draft = (await api('GET', `/api/v1/courses/${course.id}`)).body;
    expect(draft).toMatchObject({ latestVersion: 1, hasUnpublishedChanges: false });

    // Publishing the same content again would make a duplicate version.
    expect((await api('POST', `/api/v1/courses/${course.id}/publish`)).status).toBe(409);

    // Keep editing: rename the text lesson, move it after the quiz.
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${text!.id}`, {
      title: { fr: 'Choisir sa plateforme' },
    });
    const reordered = await api('PUT', `/api/v1/courses/${course.id}/modules/${m1!.id}/lessons/order`, {
      ids: [quiz!.id, text!.id],
    });
    expect(reordered.body.modules[0].lessons.map((l: { key: string }) => l.key)).toEqual([
      quiz!.key,
      text!.key,
    ]);
    expect(reordered.body.hasUnpublishedChanges).toBe(true);

    const frozen = await api('GET', `/api/v1/courses/${course.id}/versions/1`);
    expect(frozen.body.content.modules[0].lessons[0].title.fr).toBe('Choisir une plateforme');
    expect(frozen.body.contentHash).toBe(v1.body.contentHash);

    const v2 = await api('POST', `/api/v1/courses/${course.id}/publish`);
    expect(v2.body.number).toBe(2);
    // Stable keys: the lesson is the same lesson in both versions.
    expect(v2.body.content.modules[0].lessons[1].key).toBe(frozen.body.content.modules[0].lessons[0].key);
    const versions = await api('GET', `/api/v1/courses/${course.id}/versions`);
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(versions.body[0].content).toBeUndefined();
  });

  it('never lets a version change, not even by hand in SQL', async () => {
    await expect(
      t.dataSource.query(`UPDATE course_versions SET content_hash = 'x' WHERE course_id = $1`, [course.id]),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.dataSource.query(`DELETE FROM course_versions WHERE course_id = $1`, [course.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('keeps other trainers out (404, no leak); co-authors in; coaches and observers out (403)', async () => {
    const other = await inviteTrainer(t, admin, 'trainer2@example.org');
    expect((await api('GET', `/api/v1/courses/${course.id}`, undefined, other)).status).toBe(404);
    expect(
      (await api('PATCH', `/api/v1/courses/${course.id}`, { title: { fr: 'Piraté' } }, other)).status,
    ).toBe(404);
    expect((await api('POST', `/api/v1/courses/${course.id}/publish`, undefined, other)).status).toBe(404);
    expect((await api('GET', `/api/v1/courses/${course.id}/export`, undefined, other)).status).toBe(404);
    const mine = await api('GET', '/api/v1/courses', undefined, other);
    expect(mine.body).toEqual([]);
    // The published catalogue is visible to every trainer (to run cohorts), without the draft.
    const published = await api('GET', '/api/v1/courses?scope=published', undefined, other);
    expect(published.body.map((c: { slug: string }) => c.slug)).toContain('vendre-en-ligne');

    // A coach's address is answered as an unknown one: the answer tells no one who has an account
    // (was: 201, the coach's name in the draft).
    const asCoAuthor = async (email: string) => {
      const res = await api('POST', `/api/v1/courses/${course.id}/co-authors`, { email });
      const { instance: _i, requestId: _r, ...rest } = res.body;
      return { status: res.status, ...rest };
    };
    expect(await asCoAuthor('coach@example.org')).toEqual(await asCoAuthor('nobody@example.org'));
    expect((await asCoAuthor('coach@example.org')).status).toBe(422);
    const added = await api('POST', `/api/v1/courses/${course.id}/co-authors`, {
      email: 'trainer2@example.org',
    });
    expect(added.body.coAuthors.map((c: { email: string }) => c.email)).toEqual(['trainer2@example.org']);
    const edited = await api(
      'PATCH',
      `/api/v1/courses/${course.id}`,
      { summary: { fr: 'Un résumé' } },
      other,
    );
    expect(edited.status).toBe(200);

    const coach = (await t.signIn('coach@example.org')).accessToken;
    const observer = (await t.signIn('observer@example.org')).accessToken;
    expect((await api('GET', '/api/v1/courses', undefined, coach)).status).toBe(403);
    expect((await api('GET', `/api/v1/courses/${course.id}/preview`, undefined, observer)).status).toBe(403);
    // Admins see everything.
    expect((await api('GET', `/api/v1/courses/${course.id}`, undefined, admin)).status).toBe(200);
  });

  it('sends no quiz answer in what a coach sees', async () => {
    const preview = await api('GET', `/api/v1/courses/${course.id}/preview?locale=fr&version=2`);
    expect(preview.status).toBe(200);
    const quiz = preview.body.modules[0].lessons[0];
    expect(quiz.kind).toBe('quiz');
    expect(quiz.quiz.questions[0]).toEqual({
      key: 'q1',
      type: 'single',
      prompt: 'Laquelle ?',
      locale: 'fr',
      points: 1,
      options: [
        { key: 'a', text: 'A', locale: 'fr' },
        { key: 'b', text: 'B', locale: 'fr' },
      ],
    });
    const json = JSON.stringify(preview.body);
    for (const secret of ['"correct"', 'acceptedAnswers', '"feedback"', '"explanation"'])
      expect(json).not.toContain(secret);
  });

  it('keeps stored XSS vectors inert in what a coach receives', async () => {
    const draft = (await api('GET', `/api/v1/courses/${course.id}`)).body as CourseDraft;
    const lesson = draft.modules[1]!.lessons[0]!;
    const vectors = [
      '<script>window.pwned=1</script>',
      '<img src=x onerror="window.pwned=1">',
      '[click](javascript:window.pwned=1)',
      '<svg/onload=window.pwned=1>',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
    ];
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lesson.id}`, {
      body: { fr: vectors.join('\n\n') },
    });
    const preview = await api('GET', `/api/v1/courses/${course.id}/preview?locale=fr`);
    const html = preview.body.modules[1].lessons[0].html as string;
    // Only real tags matter: the vectors may appear escaped, as text.
    const tags = (html.match(/<[^>]+>/g) ?? []).join(' ');
    expect(tags).not.toMatch(/<(script|img|svg)\b|\son\w+=|javascript:/i);
    expect(html).toContain('&lt;script&gt;'); // shown as text, harmless
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lesson.id}`, {
      body: { fr: 'Payer par téléphone.' },
    });
  });

  it('falls back to the default locale, and says so', async () => {
    const preview = await api('GET', `/api/v1/courses/${course.id}/preview?locale=ar`);
    expect(preview.body.locale).toBe('ar');
    expect(preview.body.title).toBe('البيع عبر الإنترنت');
    const text = preview.body.modules[0].lessons[1];
    expect(text).toMatchObject({ fallback: true, locale: 'fr' });
    expect(text.html).toContain('<strong>boutique</strong>');
    // A locale the course does not offer is served in the default one.
    expect((await api('GET', `/api/v1/courses/${course.id}/preview?locale=en`)).body.locale).toBe('fr');
  });

  it('exports a version and imports it back as a new draft with the same content', async () => {
    const exported = await api('GET', `/api/v1/courses/${course.id}/export?version=2`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="vendre-en-ligne-v2\.json"/,
    );
    expect(exported.body).toMatchObject({
      format: 'tc-course/1',
      source: { courseId: course.id, version: 2 },
    });
    const imported = await api('POST', '/api/v1/courses/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.slug).toBe('vendre-en-ligne-2');
    expect(imported.body.latestVersion).toBeNull();
    const keys = (d: { modules: { lessons: { key: string }[] }[] }) =>
      d.modules.flatMap((m) => m.lessons.map((l) => l.key));
    expect(keys(imported.body)).toEqual(keys(exported.body));
  });

  it('keeps a quiz’s choice to let coaches improve through export and import; absent means not allowed', async () => {
    const exported = (await api('GET', `/api/v1/courses/${course.id}/export?version=2`)).body;
    const quiz = exported.modules[0].lessons[0].quiz;
    expect(quiz.allowImprove ?? false).toBe(false);
    quiz.allowImprove = 'yes';
    const refused = await api('POST', '/api/v1/courses/import', exported);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'modules[0].lessons[0].quiz.allowImprove',
    ]);
    quiz.allowImprove = true;
    const imported = await api('POST', '/api/v1/courses/import', exported);
    expect(imported.status).toBe(201);
    const lesson = imported.body.modules[0].lessons[0];
    expect(lesson.quiz.allowImprove).toBe(true);
    const preview = await api('GET', `/api/v1/courses/${imported.body.id}/preview?locale=fr`);
    expect(preview.status).toBe(200);
    expect(preview.body.modules[0].lessons[0].quiz.allowImprove).toBe(true);
    delete quiz.allowImprove;
    const older = await api('POST', '/api/v1/courses/import', exported);
    expect(older.status).toBe(201);
    const olderPreview = await api('GET', `/api/v1/courses/${older.body.id}/preview?locale=fr`);
    expect(olderPreview.body.modules[0].lessons[0].quiz.allowImprove).toBe(false);
  });

  it('answers a bad course file with a problem that says where', async () => {
    const exported = (await api('GET', `/api/v1/courses/${course.id}/export?version=2`)).body;
    exported.modules[1].lessons[0].kind = 'video';
    exported.modules[0].lessons[0].quiz.questions[0].points = -1;
    exported.modules[0].lessons[1].key = exported.modules[0].lessons[0].key;
    let res = await api('POST', '/api/v1/courses/import', exported);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'modules[0].lessons[0].quiz.questions[0].points',
      'modules[1].lessons[0].kind',
    ]);
    exported.modules[1].lessons[0].kind = 'text';
    exported.modules[0].lessons[0].quiz.questions[0].points = 1;
    res = await api('POST', '/api/v1/courses/import', exported);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'modules[0].lessons[1].key',
        message: expect.stringMatching(/Duplicate key/),
      }),
    ]);
    res = await api('POST', '/api/v1/courses/import', { format: 'something-else' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('format');
  });

  it('archives: no more edits or publishing until unarchived', async () => {
    expect((await api('POST', `/api/v1/courses/${course.id}/archive`)).body.status).toBe('archived');
    expect((await api('PATCH', `/api/v1/courses/${course.id}`, { title: { fr: 'x' } })).status).toBe(409);
    expect((await api('POST', `/api/v1/courses/${course.id}/publish`)).status).toBe(409);
    expect(
      (await api('GET', '/api/v1/courses?scope=published')).body.map((c: { slug: string }) => c.slug),
    ).not.toContain('vendre-en-ligne');
    expect((await api('POST', `/api/v1/courses/${course.id}/unarchive`)).body.status).toBe('active');
  });

  it('serves DigComp 2.2: 5 areas and 21 competences in three languages', async () => {
    const res = await api('GET', '/api/v1/competences');
    expect(res.body).toHaveLength(5);
    const all = res.body.flatMap(
      (a: { competences: { code: string; title: Record<string, string> }[] }) => a.competences,
    );
    expect(all).toHaveLength(21);
    expect(all.map((c: { code: string }) => c.code)).toContain('5.4');
    expect(
      all.every((c: { title: Record<string, string> }) => c.title['fr'] && c.title['ar'] && c.title['en']),
    ).toBe(true);
    const rows: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM digcomp_competences',
    );
    expect(rows[0]?.n).toBe(21);
  });

  it('stores uploads by content hash, checks the type by content, limits the size', async () => {
    const png = multipart('file', 'pixel.png', PNG_1PX, 'image/png');
    const up = await t.request('POST', '/api/v1/media', {
      token: trainer,
      body: png.body,
      headers: { 'content-type': png.contentType },
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ type: 'image', mimeType: 'image/png', size: PNG_1PX.length });
    expect(up.body.url).toBe(`/api/v1/media/${up.body.hash}`);
    const served = await t.request('GET', up.body.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('private, max-age=31536000, immutable');

    const disguised = multipart(
      'file',
      'photo.png',
      Buffer.from('<svg onload="alert(1)"></svg>'),
      'image/png',
    );
    const refused = await t.request('POST', '/api/v1/media', {
      token: trainer,
      body: disguised.body,
      headers: { 'content-type': disguised.contentType },
    });
    expect(refused.status).toBe(415);
    expect(refused.body.errors[0].field).toBe('file');

    const huge = multipart(
      'file',
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024)]),
      'application/pdf',
    );
    const tooBig = await t.request('POST', '/api/v1/media', {
      token: trainer,
      body: huge.body,
      headers: { 'content-type': huge.contentType },
    });
    expect(tooBig.status).toBe(413);

    const coach = (await t.signIn('coach@example.org')).accessToken;
    expect(
      (
        await t.request('POST', '/api/v1/media', {
          token: coach,
          body: png.body,
          headers: { 'content-type': png.contentType },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/v1/media/../../etc/passwd')).status).toBe(404);
  });
  it('publishes a language that lacks texts anyway (the audit names it) or stops offering it, all or nothing', async () => {
    const created = await api('POST', '/api/v1/courses', {
      slug: 'langues-offertes',
      title: { fr: 'Le marché', ar: 'السوق' },
      defaultLocale: 'fr',
      locales: ['fr', 'ar'],
    });
    const id = created.body.id as string;
    const withModule = await api('POST', `/api/v1/courses/${id}/modules`, { title: { fr: 'Vendre' } });
    const moduleId = withModule.body.modules[0].id as string;
    const details = async () =>
      (
        (await t.dataSource.query(
          `SELECT details FROM audit_log WHERE action = 'course.published' AND subject_id = $1
            ORDER BY id DESC LIMIT 1`,
          [id],
        )) as { details: Record<string, unknown> }[]
      )[0]?.details;

    // Nothing to publish yet (an empty module): stopping to offer Arabic is refused with it.
    let res = await api('POST', `/api/v1/courses/${id}/publish?stopOffering=ar`);
    expect(res.status).toBe(422);
    expect((await api('GET', `/api/v1/courses/${id}`)).body.locales).toEqual(['fr', 'ar']);
    // The default language is always offered; a list of something else is no list of languages.
    res = await api('POST', `/api/v1/courses/${id}/publish?stopOffering=ar,fr`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'stopOffering' })]);
    res = await api('POST', `/api/v1/courses/${id}/publish?stopOffering=de`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('stopOffering');

    // Published anyway: the Arabic reader gets the French texts, and the audit says so.
    await api('POST', `/api/v1/courses/${id}/modules/${moduleId}/lessons`, {
      kind: 'text',
      title: { fr: 'Fixer un prix' },
      body: { fr: 'Le prix couvre les coûts.' },
    });
    res = await api('POST', `/api/v1/courses/${id}/publish`);
    expect(res.status).toBe(201);
    expect(res.body.content.locales).toEqual(['fr', 'ar']);
    expect(await details()).toMatchObject({ version: 1, fallbackLocales: ['ar'] });
    expect(await details()).not.toHaveProperty('droppedLocales');

    // Arabic no longer offered, then version 2: in one request, the draft left without changes.
    const lesson = (await api('GET', `/api/v1/courses/${id}`)).body.modules[0].lessons[0];
    await api('PATCH', `/api/v1/courses/${id}/lessons/${lesson.id}`, {
      body: { fr: 'Le prix couvre tout.' },
    });
    res = await api('POST', `/api/v1/courses/${id}/publish?stopOffering=ar`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 2, content: { locales: ['fr'] } });
    expect((await api('GET', `/api/v1/courses/${id}`)).body).toMatchObject({
      locales: ['fr'],
      hasUnpublishedChanges: false,
    });
    expect(await details()).toMatchObject({ version: 2, droppedLocales: ['ar'] });
    expect(await details()).not.toHaveProperty('fallbackLocales');
    // Version 1 keeps the offer it was published with.
    expect((await api('GET', `/api/v1/courses/${id}/versions/1`)).body.content.locales).toEqual(['fr', 'ar']);
  });
});
