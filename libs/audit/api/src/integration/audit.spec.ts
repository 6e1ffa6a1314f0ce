import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '@tc/shared/testing';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  territory_id: string | null;
  details: Record<string, unknown>;
}

describe('audit log: one entry per audited change, append-only, read by admins (real database)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let adminId: string;
  let trainerId: string;
  let coachId: string;
  let oriental: string;
  let berkane: string;
  let casablanca: string;
  let cohortId: string;

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const rows = (await t.dataSource.query(sql, params)) as T[];
    if (!rows[0]) throw new Error(`no row for ${sql}`);
    return rows[0];
  };
  const idOf = async (table: 'users' | 'territories', column: string, value: string) =>
    (await one<{ id: string }>(`SELECT id FROM ${table} WHERE ${column} = $1`, [value])).id;
  /** The newest entry id now: what comes after it was written by the action under test. */
  const mark = async () =>
    (await one<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')).id;
  const entriesSince = (since: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT id::text, actor_id, action, subject_type, subject_id, territory_id, details
         FROM audit_log WHERE id > $1::bigint ORDER BY audit_log.id`,
      [since],
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    adminId = await idOf('users', 'email', 'admin@example.org');
    trainerId = await idOf('users', 'email', 'trainer@example.org');
    coachId = await idOf('users', 'email', 'coach@example.org');
    oriental = await idOf('territories', 'code', 'MA-02');
    berkane = await idOf('territories', 'code', 'MA-BER');
    casablanca = await idOf('territories', 'code', 'MA-06');
    const course = (await t.request('GET', '/api/v1/courses', { token: trainer })).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    );
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Berkane — audit',
        courseId: course.id,
        courseVersion: 1,
        territoryId: oriental,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
        deadlines: [],
      },
    });
    expect(cohort.status).toBe(201);
    cohortId = cohort.body.id;
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    expect(enrolled.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('granting a role writes one entry (none when the person already holds it); revoking writes one', async () => {
    const before = await mark();
    const granted = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'observer', territoryId: berkane },
    });
    expect(granted.status).toBe(201);
    const assignment = granted.body.roles.find((r: { role: string }) => r.role === 'observer');
    expect(await entriesSince(before)).toEqual([
      {
        id: expect.any(String),
        actor_id: adminId,
        action: 'role.granted',
        subject_type: 'user',
        subject_id: coachId,
        territory_id: berkane,
        details: { role: 'observer', assignmentId: assignment.id },
      },
    ]);

    const again = await mark();
    await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'observer', territoryId: berkane },
    });
    expect(await entriesSince(again)).toEqual([]);

    const beforeRevoke = await mark();
    const assignmentId = assignment.id as string;
    const revoked = await t.request('DELETE', `/api/v1/users/${coachId}/roles/${assignmentId}`, {
      token: admin,
    });
    expect(revoked.status).toBe(200);
    expect(await entriesSince(beforeRevoke)).toEqual([
      expect.objectContaining({
        actor_id: adminId,
        action: 'role.revoked',
        subject_id: coachId,
        territory_id: berkane,
        details: { role: 'observer', assignmentId },
      }),
    ]);
  });

  it('disabling and enabling an account write one entry each; repeating a no-op writes none', async () => {
    const before = await mark();
    expect((await t.request('POST', `/api/v1/users/${coachId}/disable`, { token: admin })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/users/${coachId}/disable`, { token: admin })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/users/${coachId}/enable`, { token: admin })).status).toBe(200);
    const entries = await entriesSince(before);
    expect(entries.map((e) => [e.action, e.actor_id, e.subject_id, e.territory_id])).toEqual([
      ['account.disabled', adminId, coachId, berkane],
      ['account.enabled', adminId, coachId, berkane],
    ]);
  });

  it('publishing a course version writes one entry; a refused publication writes none', async () => {
    const course = (await t.request('GET', '/api/v1/courses', { token: trainer })).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    );
    const unchanged = await mark();
    expect((await t.request('POST', `/api/v1/courses/${course.id}/publish`, { token: trainer })).status).toBe(
      409,
    );
    expect(await entriesSince(unchanged)).toEqual([]);

    const draft = (await t.request('GET', `/api/v1/courses/${course.id}`, { token: trainer })).body;
    const lesson = draft.modules[0].lessons[0];
    await t.request('PATCH', `/api/v1/courses/${course.id}/lessons/${lesson.id}`, {
      token: trainer,
      body: { title: { ...lesson.title, fr: 'Bienvenue (revu)' } },
    });
    const before = await mark();
    const published = await t.request('POST', `/api/v1/courses/${course.id}/publish`, { token: trainer });
    expect(published.status).toBe(201);
    expect(await entriesSince(before)).toEqual([
      expect.objectContaining({
        actor_id: trainerId,
        action: 'course.published',
        subject_type: 'course',
        subject_id: course.id,
        territory_id: null,
        details: {
          version: published.body.number,
          versionId: (
            await one<{ id: string }>('SELECT id FROM course_versions WHERE course_id = $1 AND number = $2', [
              course.id,
              published.body.number,
            ])
          ).id,
          contentHash: published.body.contentHash,
        },
      }),
    ]);
  });

  it("a cohort's creation, join-code changes, version move and e-mail invitations write one entry each", async () => {
    const course = (await t.request('GET', '/api/v1/courses', { token: trainer })).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    );
    expect(
      (
        await one<{ details: Record<string, unknown> }>(
          `SELECT details FROM audit_log WHERE action = 'cohort.created' AND subject_id = $1`,
          [cohortId],
        )
      ).details,
    ).toEqual({ courseId: course.id, version: 1 });

    const before = await mark();
    const patch = (body: object) =>
      t.request('PATCH', `/api/v1/cohorts/${cohortId}`, { token: trainer, body });
    expect((await patch({ joinCode: false })).status).toBe(200);
    expect((await patch({ joinCode: true })).status).toBe(200);
    expect((await patch({ name: 'Berkane — audit' })).status).toBe(200);
    const newest = (await t.request('GET', `/api/v1/courses/${course.id}`, { token: trainer })).body
      .latestVersion as number;
    expect(newest).toBeGreaterThan(1);
    const upgraded = await t.request('POST', `/api/v1/cohorts/${cohortId}/upgrade`, {
      token: trainer,
      body: { version: newest },
    });
    expect(upgraded.status).toBe(200);
    const invited = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['new.person@coop.ma', 'coach@example.org', 'not an address'] },
    });
    expect(invited.status).toBeLessThan(300);
    const entries = await entriesSince(before);
    expect(entries.map((e) => [e.action, e.actor_id, e.subject_id, e.territory_id, e.details])).toEqual([
      ['cohort.join-code-changed', trainerId, cohortId, oriental, { enabled: false }],
      ['cohort.join-code-changed', trainerId, cohortId, oriental, { enabled: true }],
      ['cohort.version-changed', trainerId, cohortId, oriental, { previousVersion: 1, version: newest }],
      [
        'cohort.invited',
        trainerId,
        cohortId,
        oriental,
        { addresses: 2, enrolled: 0, alreadyEnrolled: 1, alreadyInvited: 0, invitations: 1 },
      ],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/@/);
  });

  it('revoking a certificate writes one entry with ids only (not the free-text reason)', async () => {
    const enrolment = await one<{ id: string }>(
      'SELECT id FROM enrolments WHERE cohort_id = $1 AND user_id = $2',
      [cohortId, coachId],
    );
    await t.dataSource.query(
      `INSERT INTO certificates (code, enrolment_id, issued_at, holder_name, course_title, course_version, territory_name)
       VALUES ('AUDITCERT234', $1, now(), 'Coach', '{}', 1, '{}')`,
      [enrolment.id],
    );
    const before = await mark();
    const revoke = () =>
      t.request('POST', '/api/v1/certificates/AUDITCERT234/revoke', {
        token: admin,
        body: { reason: 'Réponses partagées avec Salma' },
      });
    expect((await revoke()).status).toBe(200);
    expect((await revoke()).status).toBe(200); // already revoked: nothing changes, nothing written
    const entries = await entriesSince(before);
    expect(entries).toEqual([
      expect.objectContaining({
        actor_id: adminId,
        action: 'certificate.revoked',
        subject_type: 'certificate',
        subject_id: 'AUDITCERT234',
        territory_id: oriental,
        details: { enrolmentId: enrolment.id, cohortId },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Salma|partag/);
  });

  it('a committed CSV import writes one entry (counts, no e-mails), and accepting an invitation one per coach role it grants; a dry run or a refused file writes none', async () => {
    const csv = (text: string, dryRun: boolean) =>
      t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=${dryRun}`, {
        token: trainer,
        body: text,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
    const good =
      'email;full name;territory code\naudit1@coop.ma;Audit One;MA-BER\naudit2@coop.ma;Audit Two;MA-BER';
    const before = await mark();
    expect((await csv(good, true)).status).toBe(200);
    expect((await csv('email;full name;territory code\nbad@coop.ma;Bad;MA-XYZ', false)).status).toBe(422);
    expect(await entriesSince(before)).toEqual([]);
    const imported = await csv(good, false);
    expect(imported.status).toBe(200);
    // The two new addresses are invited: no role until they accept, so no grant yet.
    const entries = await entriesSince(before);
    expect(entries).toEqual([
      expect.objectContaining({
        actor_id: trainerId,
        action: 'cohort.csv-imported',
        subject_type: 'cohort',
        subject_id: cohortId,
        territory_id: oriental,
        details: { rows: 2, enrolled: 0, alreadyEnrolled: 0, alreadyInvited: 0, invitations: 2 },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/@/);

    // Each invitee accepting gets the coach role of the cohort's territory: audited as an admin's grant
    // is, by whoever invited them.
    const accepted = await mark();
    for (const i of imported.body.result.invited as { url: string }[]) {
      const token = i.url.split('/').pop();
      expect(
        (
          await t.request('POST', '/api/v1/auth/links/accept', {
            body: { token, password: 'audit-password-2026' },
          })
        ).status,
      ).toBe(200);
    }
    const grant = async (email: string) => {
      const userId = await idOf('users', 'email', email);
      const { id } = await one<{ id: string }>(
        `SELECT id FROM role_assignments WHERE user_id = $1 AND role = 'coach' AND territory_id = $2`,
        [userId, oriental],
      );
      return {
        id: expect.any(String),
        actor_id: trainerId,
        action: 'role.granted',
        subject_type: 'user',
        subject_id: userId,
        territory_id: oriental,
        details: { role: 'coach', assignmentId: id, via: 'enrolment', cohortId },
      };
    };
    const grants = (await entriesSince(accepted)).filter((e) => e.action === 'role.granted');
    expect(grants.sort((a, b) => a.subject_id.localeCompare(b.subject_id))).toEqual(
      (await Promise.all([grant('audit1@coop.ma'), grant('audit2@coop.ma')])).sort((a, b) =>
        a.subject_id.localeCompare(b.subject_id),
      ),
    );

    // The same file again: they are coaches of the territory now, enrolled already; only the import.
    const again = await mark();
    expect((await csv(good, false)).status).toBe(200);
    expect((await entriesSince(again)).map((e) => e.action)).toEqual(['cohort.csv-imported']);
  });

  it('a roster CSV export writes one entry; the JSON roster on screen writes none', async () => {
    const before = await mark();
    expect((await t.request('GET', `/api/v1/cohorts/${cohortId}/roster`, { token: trainer })).status).toBe(
      200,
    );
    expect(await entriesSince(before)).toEqual([]);
    const file = await t.request('GET', `/api/v1/cohorts/${cohortId}/roster?format=csv`, { token: trainer });
    expect(file.status).toBe(200);
    expect(await entriesSince(before)).toEqual([
      expect.objectContaining({
        actor_id: trainerId,
        action: 'cohort.roster-exported',
        subject_type: 'cohort',
        subject_id: cohortId,
        territory_id: oriental,
        details: { format: 'csv', rows: 3 },
      }),
    ]);
  });

  it('an observatory export writes one entry per file; the same figures on screen write none', async () => {
    const observer = (await t.signIn('observer@example.org')).accessToken;
    const observerId = await idOf('users', 'email', 'observer@example.org');
    const before = await mark();
    const url = (table: string, format?: string) =>
      `/api/v1/observatory/${table}?territoryId=${oriental}${format ? `&format=${format}` : ''}`;
    expect((await t.request('GET', url('completion'), { token: observer })).status).toBe(200);
    expect(await entriesSince(before)).toEqual([]);
    expect((await t.request('GET', url('completion', 'csv'), { token: observer })).status).toBe(200);
    expect((await t.request('GET', url('competences', 'xlsx'), { token: observer })).status).toBe(200);
    const entry = (table: string, format: string) =>
      expect.objectContaining({
        actor_id: observerId,
        action: 'observatory.exported',
        subject_type: 'territory',
        subject_id: oriental,
        territory_id: oriental,
        details: { table, format },
      });
    expect(await entriesSince(before)).toEqual([entry('completion', 'csv'), entry('competences', 'xlsx')]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log, even by hand in SQL', async () => {
    const newest = await mark();
    await expect(
      t.dataSource.query(`UPDATE audit_log SET action = 'role.granted' WHERE id = $1::bigint`, [newest]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE id = $1::bigint`, [newest])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(
      (await one<{ id: string }>('SELECT id::text FROM audit_log WHERE id = $1::bigint', [newest])).id,
    ).toBe(newest);
  });

  describe('GET /api/v1/audit', () => {
    it('lists newest first, a page at a time, with filters', async () => {
      const all = await t.request('GET', '/api/v1/audit?limit=200', { token: admin });
      expect(all.status).toBe(200);
      const ids = all.body.items.map((e: { id: string }) => Number(e.id));
      expect(ids.length).toBeGreaterThanOrEqual(8);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);

      // Pages of 3 through the cursor give the same entries in the same order.
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await t.request('GET', `/api/v1/audit?limit=3${query}`, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.body.items.map((e: { id: string }) => Number(e.id)));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(ids);

      const byAction = await t.request('GET', '/api/v1/audit?action=account.disabled', { token: admin });
      expect(byAction.body.items).toEqual([
        expect.objectContaining({
          action: 'account.disabled',
          actorId: adminId,
          actorName: 'Nadia El Amrani',
          subjectType: 'user',
          subjectId: coachId,
          subjectLabel: 'Salma Ouazzani',
          territoryId: berkane,
          details: {},
          occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        }),
      ]);
      const byActor = await t.request('GET', `/api/v1/audit?actorId=${trainerId}&subjectType=cohort`, {
        token: admin,
      });
      expect(
        byActor.body.items
          .filter((e: { subjectId: string }) => e.subjectId === cohortId)
          .map((e: { action: string }) => e.action),
      ).toEqual([
        'cohort.roster-exported',
        'cohort.csv-imported',
        'cohort.csv-imported',
        'cohort.invited',
        'cohort.version-changed',
        'cohort.join-code-changed',
        'cohort.join-code-changed',
        'cohort.invited',
        'cohort.created',
      ]);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await t.request('GET', `/api/v1/audit?from=${future}`, { token: admin })).body.items).toEqual(
        [],
      );
      const past = await t.request('GET', `/api/v1/audit?to=${encodeURIComponent(future)}&limit=200`, {
        token: admin,
      });
      expect(past.body.items).toHaveLength(ids.length);
    });

    it('answers a bad query with a 400 problem naming the field', async () => {
      for (const [query, field] of [
        ['action=role.deleted', 'action'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['from=yesterday', 'from'],
        ['cursor=abc', 'cursor'],
        ['actorId=not-a-uuid', 'actorId'],
        ['subjectType=planet', 'subjectType'],
        ['locale=de', 'locale'],
      ]) {
        const res = await t.request('GET', `/api/v1/audit?${query}`, { token: admin });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    });

    it('is for admins only', async () => {
      expect((await t.request('GET', '/api/v1/audit')).status).toBe(401);
      expect((await t.request('GET', '/api/v1/audit', { token: trainer })).status).toBe(403);
      const observer = (await t.signIn('observer@example.org')).accessToken;
      expect((await t.request('GET', '/api/v1/audit', { token: observer })).status).toBe(403);
    });

    it("shows a regional admin only their territories' entries", async () => {
      const invite = await t.request('POST', '/api/v1/users/invitations', {
        token: admin,
        body: {
          email: 'admin.oriental@example.org',
          displayName: 'Admin Oriental',
          role: 'admin',
          territoryId: oriental,
        },
      });
      expect(invite.status).toBe(201);
      const token = (invite.body.link.url as string).split('/').pop() as string;
      await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token, password: 'oriental-admin-2026' },
      });
      const regional = (await t.signIn('admin.oriental@example.org', 'oriental-admin-2026')).accessToken;
      // Something in Casablanca, outside the region.
      await t.request('POST', `/api/v1/users/${trainerId}/roles`, {
        token: admin,
        body: { role: 'observer', territoryId: casablanca },
      });

      const national = (await t.request('GET', '/api/v1/audit?limit=200', { token: admin })).body.items as {
        territoryId: string | null;
        action: string;
      }[];
      const seen = (await t.request('GET', '/api/v1/audit?limit=200', { token: regional })).body.items as {
        territoryId: string | null;
        action: string;
      }[];
      const paths = new Map(
        (
          (await t.dataSource.query('SELECT id, path FROM territories')) as { id: string; path: string }[]
        ).map((r) => [r.id, r.path]),
      );
      const orientalPath = paths.get(oriental) as string;
      const inRegion = national.filter(
        (e) => e.territoryId && paths.get(e.territoryId)?.startsWith(orientalPath),
      );
      expect(seen).toEqual(inRegion);
      expect(seen.length).toBeGreaterThanOrEqual(6);
      expect(national.some((e) => e.territoryId === casablanca)).toBe(true);
      expect(national.some((e) => e.action === 'course.published')).toBe(true);
      expect(seen.some((e) => e.territoryId === casablanca || e.territoryId === null)).toBe(false);
    });

    it('names each subject as it is called now, in the language asked for', async () => {
      const course = await one<{ id: string; title: Record<string, string>; default_locale: string }>(
        `SELECT id, title, default_locale FROM courses WHERE slug = 'numerique-territoires-ess'`,
      );
      const region = await one<{ name_fr: string; name_ar: string; name_en: string }>(
        'SELECT name_fr, name_ar, name_en FROM territories WHERE id = $1',
        [oriental],
      );
      expect(course.title['ar']).toBeTruthy();
      expect(course.title['ar']).not.toBe(course.title['fr']);
      // Subjects since gone, and an id that is not one (the log is append-only: only INSERT).
      const gone = '00000000-0000-4000-8000-000000000001';
      await t.dataSource.query(
        `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, territory_id, details)
         VALUES (NULL, 'account.locked', 'user', $1, NULL, '{}'), (NULL, 'account.locked', 'user', 'not-a-uuid', NULL, '{}'),
                (NULL, 'cohort.roster-exported', 'cohort', $1, NULL, '{}')`,
        [gone],
      );

      const read = async (query: string) => {
        const res = await t.request('GET', `/api/v1/audit?limit=200${query}`, { token: admin });
        expect(res.status).toBe(200);
        const items = res.body.items as {
          subjectType: string;
          subjectId: string;
          subjectLabel: string | null;
        }[];
        return (type: string, id: string) => {
          const labels = new Set(
            items.filter((e) => e.subjectType === type && e.subjectId === id).map((e) => e.subjectLabel),
          );
          expect(labels.size).toBe(1);
          return [...labels][0];
        };
      };
      const byDefault = await read('');
      const fr = await read('&locale=fr');
      const ar = await read('&locale=ar');
      const en = await read('&locale=en');
      for (const label of [byDefault, fr, ar, en]) {
        expect(label('user', coachId)).toBe('Salma Ouazzani');
        expect(label('cohort', cohortId)).toBe('Berkane — audit');
        expect(label('user', gone)).toBeNull();
        expect(label('user', 'not-a-uuid')).toBeNull();
        expect(label('cohort', gone)).toBeNull();
      }
      expect(byDefault('course', course.id)).toBe(course.title['fr']);
      expect(ar('course', course.id)).toBe(course.title['ar']);
      expect(en('course', course.id)).toBe(course.title['en'] ?? course.title[course.default_locale]);
      expect(fr('territory', oriental)).toBe(region.name_fr);
      expect(ar('territory', oriental)).toBe(region.name_ar);
      expect(en('territory', oriental)).toBe(region.name_en);
      expect(fr('territory', oriental)).toBe("L'Oriental");
      const revoked = await one<{ subject_id: string }>(
        `SELECT subject_id FROM audit_log WHERE action = 'certificate.revoked' LIMIT 1`,
      );
      expect(fr('certificate', revoked.subject_id)).toBeNull();
    });

    it("names each entry's territory and what its details refer to, in the language asked for", async () => {
      const read = async (locale: string, action: string) =>
        (
          await t.request('GET', `/api/v1/audit?limit=200&locale=${locale}&action=${action}`, {
            token: admin,
          })
        ).body.items as {
          subjectId: string;
          territoryLabel: string | null;
          detailLabels: Record<string, string>;
        }[];
      const granted = (await read('ar', 'role.granted')).find((e) => e.subjectId === coachId);
      expect(granted?.territoryLabel).toBe('بركان');
      const created = (await read('fr', 'cohort.created')).find((e) => e.subjectId === cohortId);
      expect(created?.territoryLabel).toBe("L'Oriental");
      expect(created?.detailLabels).toEqual({ courseId: expect.any(String) });
      const revoked = await read('en', 'certificate.revoked');
      expect(revoked[0]?.detailLabels).toEqual({ cohortId: 'Berkane — audit' });
      expect(revoked[0]?.territoryLabel).toBe('Oriental');
    });

    it("filters by part of the author's name or e-mail", async () => {
      const byName = await t.request('GET', '/api/v1/audit?limit=200&actor=youssef', { token: admin });
      expect(byName.status).toBe(200);
      expect(byName.body.items.length).toBeGreaterThan(3);
      expect(new Set(byName.body.items.map((e: { actorId: string }) => e.actorId))).toEqual(
        new Set([trainerId]),
      );
      const byEmail = await t.request('GET', '/api/v1/audit?limit=200&actor=ADMIN%40EXAMPLE', {
        token: admin,
      });
      expect(new Set(byEmail.body.items.map((e: { actorId: string }) => e.actorId))).toEqual(
        new Set([adminId]),
      );
      const nobody = await t.request('GET', '/api/v1/audit?actor=zzzz', { token: admin });
      expect(nobody.body).toEqual({ items: [], nextCursor: null });
      // The wildcard characters of LIKE are searched for as themselves.
      expect((await t.request('GET', '/api/v1/audit?actor=%25%25', { token: admin })).body.items).toEqual([]);
      const short = await t.request('GET', '/api/v1/audit?actor=y', { token: admin });
      expect(short.status).toBe(400);
      expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['actor']);
    });

    it('exports the selected entries as a CSV (semicolons, BOM) or an XLSX in the reader’s language, audited', async () => {
      const before = await mark();
      const csv = await t.request('GET', '/api/v1/audit/export?format=csv&locale=fr&subjectType=user', {
        token: admin,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="audit-\d{4}-\d\d-\d\d\.csv"$/,
      );
      const text = csv.raw.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).split(/\r?\n/);
      expect(lines[0]).toBe('Journal d’audit');
      expect(lines).toContain('Date;Auteur (nom ou e-mail);Action;Objet;Nom;Territoire;Description;Motif');
      expect(text).toContain('Nadia El Amrani a désactivé un compte : Salma Ouazzani.');
      expect(text).not.toMatch(/[\u2068\u2069]/);
      expect(text).not.toMatch(/;Cours;|;Cohorte;/);

      const xlsx = await t.request('GET', '/api/v1/audit/export?format=xlsx&locale=ar', { token: admin });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw as never);
      const sheet = book.worksheets[0];
      expect(sheet?.name).toBe('السجل');
      expect(sheet?.views[0]?.rightToLeft).toBe(true);
      const cells = (sheet?.getSheetValues() ?? []).flat().map(String);
      expect(cells).toContain('سجل التدقيق');
      expect(cells.some((c) => c.startsWith('تعطيل حساب Salma Ouazzani، من طرف Nadia El Amrani'))).toBe(true);

      const entries = await entriesSince(before);
      expect(entries.map((e) => [e.action, e.actor_id, e.details['format']])).toEqual([
        ['audit.exported', adminId, 'csv'],
        ['audit.exported', adminId, 'xlsx'],
      ]);
      expect((await t.request('GET', '/api/v1/audit/export?format=pdf', { token: admin })).status).toBe(400);
      expect((await t.request('GET', '/api/v1/audit/export?format=csv', { token: trainer })).status).toBe(
        403,
      );
    });
  });
});
