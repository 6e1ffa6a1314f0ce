import type { ThreadActivityReport, ThreadDetail, ThreadPage, ThreadPost } from '@tc/shared/contracts';
import { createTestApp, type TestApp, invitedPerson } from '@tc/shared/testing';

const PASSWORD = 'threads-password-2026';

describe("a cohort's questions and discussion threads: who reads, writes and moderates (real database)", () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let cohortId: string;
  let otherCohortId: string;
  let lessonKey: string;

  const as = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: tokens[who] as string, ...(body !== undefined ? { body } : {}) });
  const base = (cohort = cohortId) => `/api/v1/cohorts/${cohort}/threads`;
  const ask = async (
    who: string,
    body: Record<string, unknown>,
    cohort = cohortId,
  ): Promise<ThreadDetail> => {
    const res = await as(who, 'POST', base(cohort), body);
    expect(res.status).toBe(201);
    return res.body as ThreadDetail;
  };
  const reply = async (who: string, threadId: string, body = 'Une réponse'): Promise<ThreadPost> => {
    const res = await as(who, 'POST', `${base()}/${threadId}/posts`, { body });
    expect(res.status).toBe(201);
    return res.body as ThreadPost;
  };
  const open = async (who: string, threadId: string): Promise<ThreadDetail> => {
    const res = await as(who, 'GET', `${base()}/${threadId}`);
    expect(res.status).toBe(200);
    return res.body as ThreadDetail;
  };
  const list = async (who: string, query = ''): Promise<ThreadPage> => {
    const res = await as(who, 'GET', `${base()}${query}`);
    expect(res.status).toBe(200);
    return res.body as ThreadPage;
  };
  const told = async (threadId: string) =>
    (await t.dataSource.query(
      `SELECT u.email, n.moment, n.params FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.kind = 'question.answered' AND n.subject_type = 'thread' AND n.subject_id = $1
        ORDER BY n.created_at, n.moment`,
      [threadId],
    )) as { email: string; moment: string; params: Record<string, unknown> }[];
  const audits = async (action: string) =>
    (await t.dataSource.query(
      `SELECT subject_type, subject_id, details FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    )) as { subject_type: string; subject_id: string; details: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const [who, email] of [
      ['coach', 'coach@example.org'],
      ['trainer', 'trainer@example.org'],
      ['admin', 'admin@example.org'],
      ['observer', 'observer@example.org'],
    ] as const)
      tokens[who] = (await t.signIn(email)).accessToken;
    const [oriental] = (
      (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[]
    ).map((r) => r.id);
    tokens['otherCoach'] = await invitedPerson(
      t,
      tokens['admin']!,
      {
        email: 'othercoach@threads.test',
        displayName: 'Autre coach',
        role: 'coach',
        territoryId: oriental!,
      },
      PASSWORD,
    );
    const courses = (await as('trainer', 'GET', '/api/v1/courses?scope=published')).body as { id: string }[];
    const courseId = courses[0]!.id;
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 AND number = 1`,
      [courseId],
    )) as { content: { modules: { lessons: { key: string }[] }[] } }[];
    lessonKey = version!.content.modules[0]!.lessons[0]!.key;
    const cohort = async (name: string, email: string) => {
      const res = await as('trainer', 'POST', '/api/v1/cohorts', {
        name,
        courseId,
        courseVersion: 1,
        territoryId: oriental,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      });
      expect(res.status).toBe(201);
      const enrolled = await as('trainer', 'POST', `/api/v1/cohorts/${res.body.id}/enrolments`, {
        emails: [email],
      });
      expect(enrolled.status).toBeLessThan(300);
      return res.body.id as string;
    };
    cohortId = await cohort('Discussions Oriental', 'coach@example.org');
    otherCohortId = await cohort('Autre cohorte', 'othercoach@threads.test');
    // Booting the app creates, migrates and seeds a database: slow for PGlite on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets a coach ask about a lesson, rendered and sanitised as announcements are; a trainer replies', async () => {
    const asked = await ask('coach', {
      title: '  Comment joindre une photo ?  ',
      body: 'Je **bloque** <script>alert(1)</script> [lien](javascript:alert(1))',
      lessonKey,
    });
    expect(asked).toMatchObject({
      title: 'Comment joindre une photo ?',
      lessonKey,
      lessonTitle: expect.any(Object),
      authorRole: 'coach',
      mine: true,
      replyCount: 0,
      answered: false,
      locked: false,
      reportedPosts: null,
      canModerate: false,
      canReply: true,
    });
    const [opening] = asked.posts;
    expect(opening).toMatchObject({ opening: true, state: 'visible', mine: true, editedAt: null });
    expect(opening!.bodyHtml).toContain('<strong>bloque</strong>');
    expect(opening!.bodyHtml).not.toMatch(/<script|<a /i);
    expect(opening!.body).toContain('<script>');

    const answer = await reply('trainer', asked.id, 'Avec le bouton **Ajouter**.');
    expect(answer).toMatchObject({ opening: false, authorRole: 'trainer', mine: true, reports: 0 });
    const seen = await open('coach', asked.id);
    expect(seen.replyCount).toBe(1);
    expect(seen.posts.map((p) => p.id)).toEqual([opening!.id, answer.id]);
    expect(seen.posts[1]).toMatchObject({ mine: false, reports: null, editableUntil: null });
    expect(seen.posts[1]!.body).toBeUndefined();
    expect(new Date(seen.lastActivityAt).getTime()).toBeGreaterThan(new Date(seen.createdAt).getTime());

    // The lesson's list and the general one.
    const general = await ask('trainer', { title: 'Bienvenue', body: 'Posez vos questions ici.' });
    expect(general).toMatchObject({ lessonKey: null, lessonTitle: null, authorRole: 'trainer' });
    expect((await list('coach', `?lessonKey=${lessonKey}`)).items.map((i) => i.id)).toEqual([asked.id]);
    expect((await list('coach', '?general=true')).items.map((i) => i.id)).toEqual([general.id]);
    const both = await as('coach', 'GET', `${base()}?general=true&lessonKey=${lessonKey}`);
    expect(both.status).toBe(400);

    const unknown = await as('coach', 'POST', base(), { title: 'x', body: 'y', lessonKey: 'no-such-lesson' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'lessonKey', code: 'thread-lesson-unknown' });
    const blank = await as('coach', 'POST', base(), { title: '  ', body: 'y' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0]).toMatchObject({ field: 'title', code: 'required' });
  });

  it('answers 404 to a coach of another cohort and to an observer; an observer may never write (403)', async () => {
    const asked = await ask('coach', { title: 'Privé', body: 'Pour la cohorte' });
    for (const who of ['otherCoach', 'observer']) {
      expect((await as(who, 'GET', base())).status).toBe(404);
      expect((await as(who, 'GET', `${base()}/${asked.id}`)).status).toBe(404);
    }
    expect((await as('otherCoach', 'POST', base(), { title: 'x', body: 'y' })).status).toBe(404);
    expect((await as('otherCoach', 'POST', `${base()}/${asked.id}/posts`, { body: 'y' })).status).toBe(404);
    const report = `${base()}/${asked.id}/posts/${asked.posts[0]!.id}/reports`;
    expect((await as('otherCoach', 'POST', report, {})).status).toBe(404);
    expect((await as('observer', 'POST', base(), { title: 'x', body: 'y' })).status).toBe(403);
    // The other coach's own cohort: theirs to read, and this thread is not in it.
    const own = await as('otherCoach', 'GET', base(otherCohortId));
    expect(own.status).toBe(200);
    expect((own.body as ThreadPage).items).toEqual([]);
    expect((await as('otherCoach', 'GET', `${base(otherCohortId)}/${asked.id}`)).status).toBe(404);
    // An admin of the territory runs the cohort: reads and moderates.
    expect((await as('admin', 'GET', `${base()}/${asked.id}`)).body.canModerate).toBe(true);
  });

  it('tells the thread’s author of each reply once, and not of their own', async () => {
    const asked = await ask('coach', { title: 'Question notifiée', body: 'Texte', lessonKey });
    const first = await reply('trainer', asked.id);
    await reply('coach', asked.id, 'Merci !');
    const notes = await told(asked.id);
    expect(notes).toEqual([
      {
        email: 'coach@example.org',
        moment: first.id,
        params: { threadTitle: 'Question notifiée', cohortId, lessonKey },
      },
    ]);
    const second = await reply('admin', asked.id);
    expect((await told(asked.id)).map((n) => n.moment)).toEqual([first.id, second.id]);
    const feed = (await as('coach', 'GET', '/api/v1/me/notifications?limit=100')).body.items as {
      kind: string;
      subject: { type: string; id: string };
    }[];
    expect(feed.filter((n) => n.subject.id === asked.id)).toEqual([
      expect.objectContaining({ kind: 'question.answered', subject: { type: 'thread', id: asked.id } }),
      expect.objectContaining({ kind: 'question.answered', subject: { type: 'thread', id: asked.id } }),
    ]);
  });

  it('takes a client id: the same author sending again gets the same thread or reply, told and counted once', async () => {
    const threadId = '0b6f7d52-6c1e-4d8a-9f3e-2a5b8c9d0e11';
    const first = await ask('coach', { id: threadId, title: 'Envoyée deux fois', body: 'Texte' });
    const again = await ask('coach', { id: threadId, title: 'Envoyée deux fois', body: 'Texte' });
    expect(first.id).toBe(threadId);
    expect(again).toEqual(first);
    expect((await list('coach')).items.filter((t) => t.id === threadId)).toHaveLength(1);

    const replyId = '7c2e9a41-3b5d-4f6e-8a1c-9d0e2f3a4b55';
    const sent = await as('trainer', 'POST', `${base()}/${threadId}/posts`, { id: replyId, body: 'Réponse' });
    const resent = await as('trainer', 'POST', `${base()}/${threadId}/posts`, {
      id: replyId,
      body: 'Réponse',
    });
    expect([sent.status, resent.status]).toEqual([201, 201]);
    expect(resent.body).toEqual(sent.body);
    const thread = await open('coach', threadId);
    expect(thread.posts.map((p) => p.id)).toEqual([expect.any(String), replyId]);
    expect(thread.replyCount).toBe(1);
    expect((await told(threadId)).map((n) => n.moment)).toEqual([replyId]);

    // Someone else's id, as a thread or as a reply: 409 naming the field, nothing written.
    for (const [url, body] of [
      [base(), { id: threadId, title: 'Autre', body: 'Texte' }],
      [`${base()}/${threadId}/posts`, { id: replyId, body: 'Autre' }],
    ] as const) {
      const taken = await as('admin', 'POST', url, body);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'post-id-taken', errors: [{ field: 'id' }] });
    }
    expect((await open('coach', threadId)).posts).toHaveLength(2);
  });

  it('lets a trainer mark the reply that settles a question, not a coach (403), not the question itself', async () => {
    const asked = await ask('coach', { title: 'Réglé ?', body: 'Texte' });
    const answer = await reply('trainer', asked.id);
    const url = `${base()}/${asked.id}/posts/${answer.id}/answer`;
    expect((await as('coach', 'PUT', url)).status).toBe(403);
    const marked = await as('trainer', 'PUT', url);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ answered: true, answerPostId: answer.id });
    expect((await open('coach', asked.id)).posts.find((p) => p.id === answer.id)!.answer).toBe(true);
    expect((await list('coach')).items.find((i) => i.id === asked.id)!.answered).toBe(true);
    const opening = await as('trainer', 'PUT', `${base()}/${asked.id}/posts/${asked.posts[0]!.id}/answer`);
    expect(opening.status).toBe(409);
    expect(opening.body.code).toBe('thread-answer-opening');
    expect((await as('coach', 'DELETE', url)).status).toBe(403);
    const unmarked = await as('trainer', 'DELETE', url);
    expect(unmarked.body).toMatchObject({ answered: false, answerPostId: null });
  });

  it('lets an author edit their own post for 15 minutes (then 409), shown as edited', async () => {
    const asked = await ask('coach', { title: 'Édition', body: 'Premier jet' });
    const postUrl = `${base()}/${asked.id}/posts/${asked.posts[0]!.id}`;
    expect(asked.posts[0]!.editableUntil).not.toBeNull();
    const edited = await as('coach', 'PATCH', postUrl, { body: 'Second **jet**' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ editedAt: expect.any(String), body: 'Second **jet**' });
    expect(edited.body.bodyHtml).toContain('<strong>jet</strong>');
    const other = await as('trainer', 'PATCH', postUrl, { body: 'Pas à moi' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('post-not-own');
    // Its window closes (the post dated 16 minutes back, as the clock would have it).
    await t.dataSource.query(
      `UPDATE thread_posts SET created_at = created_at - interval '16 minutes' WHERE id = $1`,
      [asked.posts[0]!.id],
    );
    const late = await as('coach', 'PATCH', postUrl, { body: 'Trop tard' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('post-edit-window-closed');
    const after = (await open('coach', asked.id)).posts[0]!;
    expect(after).toMatchObject({ editableUntil: null, editedAt: expect.any(String) });
    expect(after.body).toBeUndefined();
  });

  it('lets an author delete their own post only: the text goes, its place stays', async () => {
    const asked = await ask('coach', { title: 'Suppression', body: 'Question' });
    const mine = await reply('coach', asked.id, 'Message à retirer');
    const theirs = await reply('trainer', asked.id, 'Réponse');
    expect((await as('trainer', 'PUT', `${base()}/${asked.id}/posts/${mine.id}/answer`)).status).toBe(200);
    const refused = await as('trainer', 'DELETE', `${base()}/${asked.id}/posts/${mine.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('post-not-own');
    expect((await as('coach', 'DELETE', `${base()}/${asked.id}/posts/${theirs.id}`)).status).toBe(403);
    expect((await as('coach', 'DELETE', `${base()}/${asked.id}/posts/${mine.id}`)).status).toBe(204);
    const again = await as('coach', 'DELETE', `${base()}/${asked.id}/posts/${mine.id}`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('post-deleted');
    const seen = await open('trainer', asked.id);
    expect(seen.posts.map((p) => p.id)).toEqual([asked.posts[0]!.id, mine.id, theirs.id]);
    expect(seen.posts[1]).toMatchObject({
      state: 'deleted',
      bodyHtml: null,
      authorName: null,
      answer: false,
    });
    expect(seen).toMatchObject({ replyCount: 1, answered: false });
    const [row] = (await t.dataSource.query(`SELECT body, body_html FROM thread_posts WHERE id = $1`, [
      mine.id,
    ])) as { body: string; body_html: string }[];
    expect(row).toEqual({ body: '', body_html: '' });
  });

  it('takes a report once per person per post; the trainers see the counts, coaches do not', async () => {
    const asked = await ask('trainer', { title: 'Signalements', body: 'Discutons' });
    const post = await reply('trainer', asked.id, 'Un message douteux');
    const url = `${base()}/${asked.id}/posts/${post.id}/reports`;
    expect((await as('coach', 'POST', url, { reason: 'Hors sujet' })).status).toBe(204);
    const twice = await as('coach', 'POST', url, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('post-already-reported');
    const tooLong = await as('admin', 'POST', url, { reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect((await as('admin', 'POST', url, {})).status).toBe(204);
    const trainerSees = await open('trainer', asked.id);
    expect(trainerSees.reportedPosts).toBe(1);
    expect(trainerSees.posts.find((p) => p.id === post.id)).toMatchObject({
      reports: 2,
      reportedByMe: false,
    });
    const coachSees = await open('coach', asked.id);
    expect(coachSees.reportedPosts).toBeNull();
    expect(coachSees.posts.find((p) => p.id === post.id)).toMatchObject({
      reports: null,
      reportedByMe: true,
    });
    expect((await list('trainer', '?reported=true')).items.map((i) => i.id)).toEqual([asked.id]);
  });

  it('lets a trainer hide a post and lock a thread, each audited and reversible', async () => {
    const asked = await ask('coach', { title: 'Modération', body: 'Question' });
    const post = await reply('coach', asked.id, 'Propos déplacés');
    const hidden = await as('trainer', 'PUT', `${base()}/${asked.id}/posts/${post.id}/hidden`, {
      reason: 'Propos déplacés',
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ state: 'hidden', hiddenReason: 'Propos déplacés' });
    expect(hidden.body.bodyHtml).toContain('Propos');
    expect(
      (await as('coach', 'PUT', `${base()}/${asked.id}/posts/${post.id}/hidden`, { reason: 'x' })).status,
    ).toBe(403);
    const coachSees = (await open('coach', asked.id)).posts.find((p) => p.id === post.id)!;
    expect(coachSees).toMatchObject({ state: 'hidden', bodyHtml: null, hiddenReason: null });
    expect(await audits('thread.post-hidden')).toEqual([
      {
        subject_type: 'cohort',
        subject_id: cohortId,
        details: { threadId: asked.id, postId: post.id, reason: 'Propos déplacés' },
      },
    ]);
    const shown = await as('trainer', 'DELETE', `${base()}/${asked.id}/posts/${post.id}/hidden`);
    expect(shown.body).toMatchObject({ state: 'visible', hiddenReason: null });
    expect(await audits('thread.post-shown')).toHaveLength(1);

    const locked = await as('trainer', 'PUT', `${base()}/${asked.id}/lock`, { reason: 'Réglé en séance' });
    expect(locked.body).toMatchObject({ locked: true, canReply: false, lockReason: 'Réglé en séance' });
    expect((await open('coach', asked.id)).lockReason).toBeNull();
    const refused = await as('coach', 'POST', `${base()}/${asked.id}/posts`, { body: 'Encore une chose' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('thread-locked');
    expect((await as('coach', 'PUT', `${base()}/${asked.id}/lock`, {})).status).toBe(403);
    expect(await audits('thread.locked')).toEqual([
      {
        subject_type: 'cohort',
        subject_id: cohortId,
        details: { threadId: asked.id, reason: 'Réglé en séance' },
      },
    ]);
    expect((await as('trainer', 'DELETE', `${base()}/${asked.id}/lock`)).body.locked).toBe(false);
    expect(await audits('thread.unlocked')).toHaveLength(1);
    await reply('coach', asked.id, 'Encore une chose');
  });

  it('pages newest activity first, each thread once; a reply brings its thread to the top', async () => {
    const all = (await list('coach', '?limit=50')).items.map((i) => i.id);
    expect(all.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ThreadPage = await list('coach', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const oldest = all[all.length - 1]!;
    await reply('trainer', oldest);
    expect((await list('coach', '?limit=1')).items[0]!.id).toBe(oldest);
    const bad = await as('coach', 'GET', `${base()}?cursor=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'cursor', code: 'invalid-cursor' });
  });

  it('gives the observatory counts per cohort only, suppressed below k', async () => {
    const oriental = (
      (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[]
    )[0]!.id;
    const report = async (): Promise<ThreadActivityReport> => {
      const res = await as('observer', 'GET', `/api/v1/observatory/threads?territoryId=${oriental}`);
      expect(res.status).toBe(200);
      return res.body as ThreadActivityReport;
    };
    const { k } = await report();
    // Enough of the coach's questions answered by a trainer, each three hours after it was asked.
    for (let i = 0; i < k; i++) {
      const asked = await ask('coach', { title: `Question ${i}`, body: 'Texte' });
      await reply('trainer', asked.id);
    }
    await t.dataSource.query(
      `UPDATE threads SET created_at = first_trainer_reply_at - interval '3 hours 10 minutes'
        WHERE cohort_id = $1 AND first_trainer_reply_at IS NOT NULL`,
      [cohortId],
    );
    const [{ threads, replied }] = (await t.dataSource.query(
      `SELECT count(*)::int AS threads, count(first_trainer_reply_at)::int AS replied FROM threads
        WHERE cohort_id = $1`,
      [cohortId],
    )) as { threads: number; replied: number }[];
    const shown = await report();
    expect(shown.cohorts).toEqual([
      {
        key: cohortId,
        label: { fr: 'Discussions Oriental' },
        threads,
        repliedByTrainer: replied,
        medianHoursToFirstReply: 3,
      },
    ]);
    expect(shown.total).toMatchObject({ threads, repliedByTrainer: replied, medianHoursToFirstReply: 3 });
    expect(shown.suppressedCells).toBe(0);

    // One thread in the other cohort: its count is hidden, and a second cell so that it cannot be
    // worked out from the total.
    await ask('otherCoach', { title: 'Seul dans ma cohorte', body: 'Texte confidentiel' }, otherCohortId);
    const small = await report();
    expect(small.cohorts.find((c) => c.key === otherCohortId)).toMatchObject({
      threads: null,
      medianHoursToFirstReply: null,
    });
    expect(small.suppressedCells).toBeGreaterThanOrEqual(2);
    expect([small.total.threads, small.cohorts.find((c) => c.key === cohortId)!.threads]).toContain(null);
    // Counts only: no title, body, author or address.
    const text = JSON.stringify(small);
    for (const secret of ['Seul dans ma cohorte', 'Texte confidentiel', 'Question 0', 'Autre coach', '@'])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect((await as('coach', 'GET', `/api/v1/observatory/threads?territoryId=${oriental}`)).status).toBe(
      403,
    );
  });
});
