import type { AuditPage, CourseDraft, CourseSummary } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import { copyTitle } from '../lib/course-duplicate.service';

describe('duplicating a course (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let coach: string;
  let demo: CourseSummary;

  const api = (method: string, url: string, token = trainer, body?: unknown) =>
    t.request(method, url, { token, body });
  const lessonKeys = (d: CourseDraft) => d.modules.flatMap((m) => m.lessons.map((l) => l.key));
  /** The audit entries of copies made into `copyId`: who, from which course, which version. */
  const copiesAudited = async (copyId: string) =>
    (await t.dataSource.query(
      `SELECT a.actor_id, u.email, a.subject_type, a.details FROM audit_log a
         JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'course.duplicated' AND a.subject_id = $1`,
      [copyId],
    )) as { actor_id: string; email: string; subject_type: string; details: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    demo = ((await api('GET', '/api/v1/courses')).body as CourseSummary[]).find(
      (c) => c.slug === 'numerique-territoires-ess',
    ) as CourseSummary;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('titles the copy in each language', () => {
    expect(copyTitle({ fr: 'Cours', ar: 'دورة', en: 'Course' })).toEqual({
      fr: 'Cours (copie)',
      ar: 'دورة (نسخة)',
      en: 'Course (copy)',
    });
    expect(copyTitle({ fr: 'x'.repeat(300) }).fr).toHaveLength(300);
  });

  it("copies the trainer's draft, unsaved-to-a-version changes included, into a new unpublished draft", async () => {
    const source = (await api('GET', `/api/v1/courses/${demo.id}`)).body as CourseDraft;
    const res = await api('POST', `/api/v1/courses/${demo.id}/duplicate`);
    expect(res.status).toBe(201);
    const copy = res.body as CourseDraft;
    expect(copy.id).not.toBe(demo.id);
    expect(copy.slug).toBe('numerique-territoires-ess-copie');
    expect(copy.title.fr).toBe(`${source.title.fr} (copie)`);
    expect([copy.latestVersion, copy.status]).toEqual([null, 'active']);
    expect(lessonKeys(copy)).toEqual(lessonKeys(source));
    expect(copy.modules.map((m) => m.title)).toEqual(source.modules.map((m) => m.title));
    const [owner] = (await t.dataSource.query('SELECT owner_id FROM courses WHERE id = $1', [copy.id])) as {
      owner_id: string;
    }[];
    const [me] = (await t.dataSource.query("SELECT id FROM users WHERE email = 'trainer@example.org'")) as {
      id: string;
    }[];
    expect(owner?.owner_id).toBe(me?.id);
    // Written to the audit log, as publishing is: by whom, from which course (a draft: no version).
    expect(await copiesAudited(copy.id)).toEqual([
      {
        actor_id: me?.id,
        email: 'trainer@example.org',
        subject_type: 'course',
        details: { courseId: demo.id },
      },
    ]);
    // Read back as a sentence naming both courses by their titles.
    const logged = await api('GET', '/api/v1/audit?action=course.duplicated', admin);
    expect(logged.status).toBe(200);
    const entry = (logged.body as AuditPage).items.find((e) => e.subjectId === copy.id);
    expect([entry?.subjectLabel, entry?.detailLabels['courseId']]).toEqual([copy.title.fr, source.title.fr]);
    // A second copy takes the next free slug; the source is untouched.
    const again = await api('POST', `/api/v1/courses/${demo.id}/duplicate`);
    expect([again.status, again.body.slug]).toEqual([201, 'numerique-territoires-ess-copie-2']);
    expect(((await api('GET', `/api/v1/courses/${demo.id}`)).body as CourseDraft).title).toEqual(
      source.title,
    );
  });

  it('gives a trainer who does not edit it a copy of its latest published version, theirs', async () => {
    const [oriental] = (await t.dataSource.query("SELECT id FROM territories WHERE code = 'MA-02'")) as {
      id: string;
    }[];
    const invite = await api('POST', '/api/v1/users/invitations', admin, {
      email: 'trainer.copy@example.org',
      displayName: 'Trainer Copy',
      role: 'trainer',
      territoryId: oriental?.id,
    });
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: (invite.body.link.url as string).split('/').pop(), password: 'another-trainer-pass' },
    });
    const other = accepted.body.accessToken as string;
    expect((await api('GET', `/api/v1/courses/${demo.id}`, other)).status).toBe(404);
    const [published] = (await t.dataSource.query(
      'SELECT content FROM course_versions WHERE course_id = $1 ORDER BY number DESC LIMIT 1',
      [demo.id],
    )) as { content: { title: { fr: string } } }[];

    const res = await api('POST', `/api/v1/courses/${demo.id}/duplicate`, other);
    expect(res.status).toBe(201);
    expect((res.body as CourseDraft).title.fr).toBe(`${published?.content.title.fr} (copie)`);
    expect((res.body as CourseDraft).latestVersion).toBeNull();
    const [latest] = (await t.dataSource.query(
      'SELECT max(number)::int AS number FROM course_versions WHERE course_id = $1',
      [demo.id],
    )) as { number: number }[];
    expect(await copiesAudited(res.body.id as string)).toEqual([
      expect.objectContaining({
        email: 'trainer.copy@example.org',
        details: { courseId: demo.id, version: latest?.number },
      }),
    ]);
    const mine = (await api('GET', '/api/v1/courses', other)).body as CourseSummary[];
    expect(mine.map((c) => c.id)).toEqual([res.body.id]);
  });

  it('is refused to a coach, and answers 404 for a course that does not exist', async () => {
    expect((await api('POST', `/api/v1/courses/${demo.id}/duplicate`, coach)).status).toBe(403);
    const missing = await api('POST', '/api/v1/courses/00000000-0000-4000-8000-000000000000/duplicate');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
