import type { Announcement, AnnouncementPage, CoachAnnouncements } from '@tc/shared/contracts';
import { createTestApp, type TestApp, invitedPerson } from '@tc/shared/testing';
import { ANNOUNCE_QUEUE, AnnouncementsService } from '../lib/announcements.service';

const PASSWORD = 'conversation-password-2026';

describe("a cohort's announcements: who sees what, when, and who read it (real database)", () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let cohortId: string;
  let otherCohortId: string;
  let courseId: string;
  let locales: string[];

  const as = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: tokens[who] as string, ...(body !== undefined ? { body } : {}) });
  const base = () => `/api/v1/cohorts/${cohortId}/announcements`;
  const post = async (body: unknown): Promise<Announcement> => {
    const res = await as('trainer', 'POST', base(), body);
    expect(res.status).toBe(201);
    return res.body as Announcement;
  };
  const list = async (who: string, query = ''): Promise<AnnouncementPage> => {
    const res = await as(who, 'GET', `${base()}${query}`);
    expect(res.status).toBe(200);
    return res.body as AnnouncementPage;
  };

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
        email: 'othercoach@conversation.test',
        displayName: 'Autre coach',
        role: 'coach',
        territoryId: oriental!,
      },
      PASSWORD,
    );
    const courses = (await as('trainer', 'GET', '/api/v1/courses?scope=published')).body as { id: string }[];
    courseId = courses[0]!.id;
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
    cohortId = await cohort('Annonces Oriental', 'coach@example.org');
    otherCohortId = await cohort('Autre cohorte', 'othercoach@conversation.test');
    locales = (await list('trainer')).locales;
    // Booting the app creates, migrates and seeds a database: slow for PGlite on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('posts an announcement with its markdown rendered and sanitised as lessons are', async () => {
    const posted = await post({
      title: { fr: 'Bienvenue' },
      body: {
        fr: '**Bienvenue** <script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>',
      },
    });
    const html = posted.bodyHtml.fr as string;
    expect(html).toContain('<strong>Bienvenue</strong>');
    // Raw HTML is shown as text, never as an element; a javascript: link is no link.
    expect(html).not.toMatch(/<script|<img|<a /i);
    expect(html).toContain('&lt;script&gt;');
    expect(posted).toMatchObject({ pinned: false, scheduled: false, editedAt: null, read: null });
    expect(posted.body).toEqual({ fr: expect.stringContaining('<script>') });
    expect(posted.readBy).toEqual({ count: 0, of: 1 });
  });

  it('says which field is at fault: a language with a title and no text, none at all, one not offered', async () => {
    const half = await as('trainer', 'POST', base(), { title: { fr: 'Titre seul' }, body: {} });
    expect(half.status).toBe(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'body.fr', code: 'required' })]);
    const none = await as('trainer', 'POST', base(), { title: { fr: '  ' }, body: { fr: '' } });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([
      expect.objectContaining({ field: 'title', code: 'announcement-empty' }),
    ]);
    const missing = ['fr', 'ar', 'en'].find((l) => !locales.includes(l));
    if (missing) {
      const foreign = await as('trainer', 'POST', base(), {
        title: { [missing]: 'x' },
        body: { [missing]: 'y' },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0]).toMatchObject({
        field: `title.${missing}`,
        code: 'announcement-locale',
      });
    }
    const wrongDate = await as('trainer', 'POST', base(), {
      title: { fr: 'a' },
      body: { fr: 'b' },
      publishAt: 'demain',
    });
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.body.errors[0]).toMatchObject({ field: 'publishAt', code: 'invalid-date' });
  });

  it('counts a coach once however often they open it, and shows the trainer "read by N of M"', async () => {
    const a = await post({ title: { fr: 'Lu une fois' }, body: { fr: 'Texte' } });
    const before = (await list('coach')).items.find((i) => i.id === a.id)!;
    expect(before).toMatchObject({ read: false, readBy: null });
    expect(before.body).toBeUndefined();
    const opened = await as('coach', 'GET', `${base()}/${a.id}`);
    expect(opened.status).toBe(200);
    expect((await as('coach', 'PUT', `${base()}/${a.id}/read`)).status).toBe(204);
    expect((await as('coach', 'PUT', `${base()}/${a.id}/read`)).status).toBe(204);
    expect((await list('coach')).items.find((i) => i.id === a.id)!.read).toBe(true);
    expect((await list('trainer')).items.find((i) => i.id === a.id)!.readBy).toEqual({ count: 1, of: 1 });
    const [{ n }] = (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM announcement_reads WHERE announcement_id = $1',
      [a.id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('hides a scheduled announcement from coaches until its time comes', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const a = await post({ title: { fr: 'Plus tard' }, body: { fr: 'Bientôt' }, publishAt: later });
    expect(a.scheduled).toBe(true);
    expect((await list('coach')).items.map((i) => i.id)).not.toContain(a.id);
    expect((await as('coach', 'GET', `${base()}/${a.id}`)).status).toBe(404);
    expect((await as('coach', 'PUT', `${base()}/${a.id}/read`)).status).toBe(404);
    const card = (await as('coach', 'GET', '/api/v1/announcements/unread')).body as CoachAnnouncements;
    expect(card.items.find((c) => c.cohortId === cohortId)?.latest.id).not.toBe(a.id);
    expect((await list('trainer')).items.find((i) => i.id === a.id)?.scheduled).toBe(true);
    // Its time comes (now: later than every announcement posted before it, so it is the newest).
    await t.dataSource.query(`UPDATE announcements SET publish_at = now() WHERE id = $1`, [a.id]);
    expect((await list('coach')).items.find((i) => i.id === a.id)).toMatchObject({
      scheduled: false,
      read: false,
    });
    const due = (await as('coach', 'GET', '/api/v1/announcements/unread')).body as CoachAnnouncements;
    expect(due.items.find((c) => c.cohortId === cohortId)).toMatchObject({
      cohortName: 'Annonces Oriental',
      latest: { id: a.id },
    });
  });

  it('tells the cohort’s coaches once, by a job sent with the post; a scheduled one at its time', async () => {
    const jobsOf = async (id: string) =>
      (await t.dataSource.query(
        `SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'announcementId' = $2`,
        [ANNOUNCE_QUEUE, id],
      )) as { start_after: Date }[];
    const toldOf = async (id: string) =>
      (
        (await t.dataSource.query(
          `SELECT u.email FROM notifications n JOIN users u ON u.id = n.recipient_id
            WHERE n.kind = 'announcement.posted' AND n.subject_id = $1 ORDER BY u.email`,
          [id],
        )) as { email: string }[]
      ).map((r) => r.email);
    const service = t.app.get(AnnouncementsService);

    const now = await post({ title: { fr: 'Séance de mardi' }, body: { fr: 'À 10 h.' } });
    expect(await jobsOf(now.id)).toHaveLength(1);
    // The job's work, run here (the queue's worker runs the same): the cohort's coach, once.
    await service.tellCoaches(now.id);
    expect(await service.tellCoaches(now.id)).toBe(0);
    expect(await toldOf(now.id)).toEqual(['coach@example.org']);
    const [n] = (await as('coach', 'GET', '/api/v1/me/notifications?limit=100')).body.items.filter(
      (x: { subject: { id: string } }) => x.subject.id === now.id,
    );
    expect(n).toMatchObject({
      kind: 'announcement.posted',
      params: { cohortId, announcementTitle: { fr: 'Séance de mardi' } },
    });

    const at = new Date(Date.now() + 3_600_000);
    const later = await post({
      title: { fr: 'Plus tard' },
      body: { fr: 'Bientôt' },
      publishAt: at.toISOString(),
    });
    const [job] = await jobsOf(later.id);
    expect(Math.abs(new Date(job!.start_after).getTime() - at.getTime())).toBeLessThan(1000);
    expect(await service.tellCoaches(later.id)).toBe(0);
    expect(await toldOf(later.id)).toEqual([]);
    // Published now by an edit: a second job, and the coach is told.
    expect((await as('trainer', 'PATCH', `${base()}/${later.id}`, { publishAt: null })).status).toBe(200);
    expect(await jobsOf(later.id)).toHaveLength(2);
    expect(await service.tellCoaches(later.id)).toBe(1);
    expect(await toldOf(later.id)).toEqual(['coach@example.org']);
  });

  it('answers 404 to a coach of another cohort and to an observer, 403 when they try to write', async () => {
    const a = await post({ title: { fr: 'Privé' }, body: { fr: 'Pour la cohorte' } });
    for (const who of ['otherCoach', 'observer']) {
      expect((await as(who, 'GET', base())).status).toBe(404);
      expect((await as(who, 'GET', `${base()}/${a.id}`)).status).toBe(404);
      expect((await as(who, 'PUT', `${base()}/${a.id}/read`)).status).toBe(404);
      expect((await as(who, 'POST', base(), { title: { fr: 'x' }, body: { fr: 'y' } })).status).toBe(403);
    }
    // The other cohort's coach reads their own cohort, where this announcement is not.
    const own = await as('otherCoach', 'GET', `/api/v1/cohorts/${otherCohortId}/announcements`);
    expect(own.status).toBe(200);
    expect((own.body as AnnouncementPage).items).toEqual([]);
    expect(
      (await as('otherCoach', 'GET', `/api/v1/cohorts/${otherCohortId}/announcements/${a.id}`)).status,
    ).toBe(404);
    // The coach may not write to their own cohort.
    expect((await as('coach', 'PATCH', `${base()}/${a.id}`, { title: { fr: 'x' } })).status).toBe(403);
  });

  it('shows an edit as one once published, pins first, and deletes softly with an audit entry', async () => {
    const a = await post({ title: { fr: 'Avant' }, body: { fr: 'Texte' } });
    const edited = await as('trainer', 'PATCH', `${base()}/${a.id}`, {
      title: { fr: 'Après' },
      body: { fr: 'Neuf' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    const seen = (await list('coach')).items.find((i) => i.id === a.id)!;
    expect(seen).toMatchObject({ title: { fr: 'Après' }, editedAt: expect.any(String) });

    expect((await as('trainer', 'PUT', `${base()}/${a.id}/pin`)).body.pinned).toBe(true);
    expect((await list('coach')).items[0]!.id).toBe(a.id);
    expect((await as('admin', 'DELETE', `${base()}/${a.id}/pin`)).body.pinned).toBe(false);

    expect((await as('trainer', 'DELETE', `${base()}/${a.id}`)).status).toBe(204);
    expect((await as('coach', 'GET', `${base()}/${a.id}`)).status).toBe(404);
    expect((await as('trainer', 'DELETE', `${base()}/${a.id}`)).status).toBe(404);
    expect((await list('trainer')).items.map((i) => i.id)).not.toContain(a.id);
    const audit = (await t.dataSource.query(
      `SELECT subject_id, details FROM audit_log WHERE action = 'announcement.deleted'`,
    )) as { subject_id: string; details: { announcementId: string } }[];
    expect(audit).toEqual([{ subject_id: cohortId, details: { announcementId: a.id } }]);
  });

  it('pages pinned first, then newest, each announcement once', async () => {
    const all = (await list('coach', '?limit=50')).items.map((i) => i.id);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AnnouncementPage = await list('coach', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await as('coach', 'GET', `${base()}?cursor=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'cursor', code: 'invalid-cursor' });
  });
});
