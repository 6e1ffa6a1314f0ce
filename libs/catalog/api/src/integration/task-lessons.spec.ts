import type { CourseDraft, PracticalTask } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

const level = (key: string, points: number, fr: string, ar?: string) => ({
  key,
  title: { fr, ...(ar ? { ar } : {}) },
  descriptor: { fr: `${fr} : description` },
  points,
});

/** A complete task: two criteria of three levels (at most 2 + 2 = 4 points), pass at 3. */
const TASK: PracticalTask = {
  instructions: {
    fr: '# Catalogue\n\nPhotographiez **trois** produits.<script>alert(1)</script>',
    ar: 'صوّروا ثلاثة منتجات.',
  },
  evidence: [
    { kind: 'photo', min: 3, max: 6 },
    { kind: 'text', min: 1, max: 1 },
  ],
  criteria: [
    {
      key: 'photos',
      title: { fr: 'Qualité des photos', ar: 'جودة الصور' },
      competence: '3.1',
      levels: [
        level('none', 0, 'Absent', 'غائب'),
        level('partly', 1, 'En partie'),
        level('fully', 2, 'Pleinement'),
      ],
    },
    {
      key: 'price',
      title: { fr: 'Prix et unité' },
      competence: null,
      levels: [level('none', 0, 'Absent'), level('partly', 1, 'En partie'), level('fully', 2, 'Pleinement')],
    },
  ],
  passPoints: 3,
  required: true,
};

describe('practical task lessons: saved, checked, published, exported (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let course: CourseDraft;
  let lessonId: string;

  const api = (method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: trainer, body });
  const fields = (res: { body: { errors?: { field: string }[] } }) =>
    (res.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const created = await api('POST', '/api/v1/courses', {
      slug: 'catalogue-whatsapp',
      title: { fr: 'Catalogue WhatsApp', ar: 'كتالوج واتساب' },
      defaultLocale: 'fr',
      locales: ['fr', 'ar'],
    });
    const withModule = await api('POST', `/api/v1/courses/${created.body.id}/modules`, {
      title: { fr: 'Vendre en ligne' },
    });
    course = withModule.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a task lesson: an empty task to fill, or the task it is given', async () => {
    const moduleId = course.modules[0]!.id;
    const empty = await api('POST', `/api/v1/courses/${course.id}/modules/${moduleId}/lessons`, {
      kind: 'task',
      title: { fr: 'Tâche vide' },
    });
    expect(empty.status).toBe(201);
    expect(empty.body.modules[0].lessons[0]).toMatchObject({
      kind: 'task',
      quiz: null,
      media: null,
      task: { instructions: {}, criteria: [], evidence: [{ kind: 'text', min: 1, max: 1 }], required: false },
    });
    const res = await api('POST', `/api/v1/courses/${course.id}/modules/${moduleId}/lessons`, {
      kind: 'task',
      title: { fr: 'Catalogue pour une coopérative' },
      task: TASK,
    });
    expect(res.status).toBe(201);
    const lesson = res.body.modules[0].lessons[1];
    expect(lesson.task).toEqual(TASK);
    lessonId = lesson.id;
    // Only a task lesson has a task.
    const text = await api('POST', `/api/v1/courses/${course.id}/modules/${moduleId}/lessons`, {
      kind: 'text',
      title: { fr: 'Texte' },
      task: TASK,
    });
    expect([text.status, text.body.errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'task', code: 'lesson-without-task' })],
    ]);
    await api('DELETE', `/api/v1/courses/${course.id}/lessons/${empty.body.modules[0].lessons[0].id}`);
  });

  it('updates the task whole, and keeps it when other fields change', async () => {
    const changed = { ...TASK, passPoints: 4, required: false };
    let res = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, { task: changed });
    expect(res.status).toBe(200);
    expect(res.body.modules[0].lessons[0].task).toEqual(changed);
    res = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, { estimatedMinutes: 45 });
    expect(res.body.modules[0].lessons[0].task).toEqual(changed);
    res = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, { task: TASK });
    expect(res.body.modules[0].lessons[0].task).toEqual(TASK);
  });

  it('refuses a malformed task as problem+json naming each field at fault', async () => {
    const bad = structuredClone(TASK);
    bad.criteria[1]!.levels[0]!.points = -1;
    bad.criteria[0]!.competence = '9.9';
    bad.evidence[0]!.kind = 'video' as 'photo';
    bad.passPoints = 'six' as unknown as number;
    bad.criteria[1]!.levels[2]!.key = 'no spaces';
    const res = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, { task: bad });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fields(res).sort()).toEqual([
      'task.criteria[0].competence',
      'task.criteria[1].levels[0].points',
      'task.criteria[1].levels[2].key',
      'task.evidence[0].kind',
      'task.passPoints',
    ]);
    const stored = await api('GET', `/api/v1/courses/${course.id}`);
    expect(stored.body.modules[0].lessons[0].task).toEqual(TASK);
  });

  it('refuses to publish an incomplete task, each problem with its field and code', async () => {
    const incomplete = structuredClone(TASK);
    incomplete.instructions = { ar: 'تعليمات' };
    incomplete.criteria[0]!.levels[2]!.points = 1;
    incomplete.criteria[1]!.title = {};
    incomplete.evidence = [{ kind: 'audio', min: 0, max: 5 }];
    incomplete.passPoints = 9;
    const saved = await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, {
      task: incomplete,
    });
    expect(saved.status).toBe(200);
    const res = await api('POST', `/api/v1/courses/${course.id}/publish`);
    expect(res.status).toBe(422);
    const at = 'modules[0].lessons[0].task';
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      [`${at}.instructions.fr`, 'task-instructions-missing'],
      [`${at}.evidence[0]`, 'evidence-out-of-range'],
      [`${at}.evidence`, 'evidence-none-required'],
      [`${at}.criteria[0].levels[2].points`, 'level-points-equal'],
      [`${at}.criteria[1].title.fr`, 'criterion-title-missing'],
      [`${at}.passPoints`, 'pass-points-out-of-range'],
    ]);
    expect(res.body.errors.at(-1).params).toEqual({ max: 3 });
    await api('PATCH', `/api/v1/courses/${course.id}/lessons/${lessonId}`, { task: TASK });
  });

  it('publishes a complete task; the coach sees sanitised instructions and the rubric in their language', async () => {
    const res = await api('POST', `/api/v1/courses/${course.id}/publish`);
    expect(res.status).toBe(201);
    expect(res.body.content.modules[0].lessons[0].task).toEqual(TASK);
    const preview = await api('GET', `/api/v1/courses/${course.id}/preview?locale=ar&version=1`);
    const task = preview.body.modules[0].lessons[0].task;
    expect(task.instructionsHtml).toContain('صوّروا');
    expect(task).toMatchObject({ locale: 'ar', passPoints: 3, maxPoints: 4, required: true });
    expect(task.criteria[0].title).toBe('جودة الصور');
    expect(task.criteria[0].levels.map((l: { title: string }) => l.title)).toEqual([
      'غائب',
      'En partie',
      'Pleinement',
    ]);
    const fr = await api('GET', `/api/v1/courses/${course.id}/preview?locale=fr&version=1`);
    const html = fr.body.modules[0].lessons[0].task.instructionsHtml as string;
    expect(html).toContain('<strong>trois</strong>');
    expect(html).not.toContain('<script');
  });

  it('exports the task and imports it back unchanged; a file whose task breaks the rules says where', async () => {
    const exported = await api('GET', `/api/v1/courses/${course.id}/export?version=1`);
    expect(exported.body.modules[0].lessons[0].task).toEqual(TASK);
    const imported = await api('POST', '/api/v1/courses/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.modules[0].lessons[0]).toMatchObject({ kind: 'task', task: TASK });
    const version = await api('GET', `/api/v1/courses/${course.id}/versions/1`);
    const copy = await api('POST', `/api/v1/courses/${imported.body.id}/publish`);
    expect(copy.status).toBe(201);
    // The same content, slug aside: the round trip lost nothing of the task.
    expect(copy.body.content.modules).toEqual(version.body.content.modules);

    const bad = structuredClone(exported.body);
    bad.modules[0].lessons[0].task.criteria[1].key = 'photos';
    bad.modules[0].lessons[0].task.criteria[0].levels[1].key = 'none';
    let res = await api('POST', '/api/v1/courses/import', bad);
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual([
      'modules[0].lessons[0].task.criteria[1].key',
      'modules[0].lessons[0].task.criteria[0].levels[1].key',
    ]);
    const older = structuredClone(exported.body);
    delete older.modules[0].lessons[0].task;
    older.modules[0].lessons[0].kind = 'text';
    res = await api('POST', '/api/v1/courses/import', older);
    expect(res.status).toBe(201);
    expect(res.body.modules[0].lessons[0].task ?? null).toBeNull();
  });

  it('copies the task when a course is duplicated', async () => {
    const res = await api('POST', `/api/v1/courses/${course.id}/duplicate`);
    expect(res.status).toBe(201);
    expect(res.body.modules[0].lessons[0].task).toEqual(TASK);
  });
});
