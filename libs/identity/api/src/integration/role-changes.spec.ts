import { createTestApp, type TestApp } from '@tc/shared/testing';

interface Entry {
  action: string;
  subject_id: string;
  territory_id: string | null;
  details: Record<string, unknown>;
}

describe('admin: a role changed in one step, the warning before a coach role goes, reasons (real database)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let coachId: string;
  let coachRole: string;
  const territory: Record<string, string> = {};

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    ((await t.dataSource.query(sql, params)) as T[])[0] as T;
  const mark = async () =>
    (await one<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')).id;
  const entriesSince = (since: string): Promise<Entry[]> =>
    t.dataSource.query(
      'SELECT action, subject_id, territory_id, details FROM audit_log WHERE id > $1::bigint ORDER BY id',
      [since],
    );
  const impact = async (query = '') => {
    const res = await t.request('GET', `/api/v1/users/${coachId}/roles/${coachRole}/impact${query}`, {
      token: admin,
    });
    expect(res.status).toBe(200);
    return res.body.activeEnrolments as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    for (const code of ['MA', 'MA-02', 'MA-BER', 'MA-06'])
      territory[code] = (await one<{ id: string }>('SELECT id FROM territories WHERE code = $1', [code])).id;
    adminId = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@example.org'`)).id;
    coachId = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'coach@example.org'`)).id;
    coachRole = (
      await one<{ id: string }>(`SELECT id FROM role_assignments WHERE user_id = $1 AND role = 'coach'`, [
        coachId,
      ])
    ).id;

    // The demo coach (a coach of L'Oriental) enrolled in a cohort of L'Oriental.
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const course = (await t.request('GET', '/api/v1/courses', { token: trainer })).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    );
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Oriental — rôles',
        courseId: course.id,
        courseVersion: 1,
        territoryId: territory['MA-02'],
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    expect(cohort.status).toBe(201);
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    expect(enrolled.body.enrolled).toEqual(['coach@example.org']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the running enrolments only this coach role covers: what removing or changing it leaves behind', async () => {
    expect(await impact()).toBe(1);
    // Kept as a coach role over Morocco: the cohort stays covered. Narrowed to Berkane: it does not.
    expect(await impact(`?territoryId=${territory['MA']}`)).toBe(0);
    expect(await impact(`?territoryId=${territory['MA-BER']}`)).toBe(1);
    expect(await impact('?role=observer')).toBe(1);
    expect(await impact('?role=coach')).toBe(0);

    // A second coach role over the whole country covers the cohort too: nothing left behind.
    const second = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'coach', territoryId: territory['MA'] },
    });
    expect(second.status).toBe(201);
    expect(await impact()).toBe(0);
    const secondId = second.body.roles.find(
      (r: { role: string; territoryId: string }) => r.role === 'coach' && r.territoryId === territory['MA'],
    ).id as string;
    expect(
      (await t.request('DELETE', `/api/v1/users/${coachId}/roles/${secondId}`, { token: admin })).status,
    ).toBe(200);
    expect(await impact()).toBe(1);

    // Withdrawn, the enrolment no longer counts.
    await t.dataSource.query(
      `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE user_id = $1`,
      [coachId],
    );
    expect(await impact()).toBe(0);
    await t.dataSource.query(
      `UPDATE enrolments SET status = 'active', withdrawn_at = NULL WHERE user_id = $1`,
      [coachId],
    );

    const bad = await t.request('GET', `/api/v1/users/${coachId}/roles/${coachRole}/impact?role=king`, {
      token: admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
  });

  it('changes a role and its territory in one request: one transaction, one audit entry with the reason', async () => {
    const before = await mark();
    const changed = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: admin,
      body: { role: 'trainer', territoryId: territory['MA-BER'], reason: '  Devient formatrice à Berkane  ' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual([
      expect.objectContaining({ id: coachRole, role: 'trainer', territoryId: territory['MA-BER'] }),
    ]);
    expect(await entriesSince(before)).toEqual([
      {
        action: 'role.changed',
        subject_id: coachId,
        territory_id: territory['MA-BER'],
        details: {
          role: 'trainer',
          previousRole: 'coach',
          previousTerritoryId: territory['MA-02'],
          assignmentId: coachRole,
          reason: 'Devient formatrice à Berkane',
        },
      },
    ]);

    // The same again changes nothing and writes nothing.
    const same = await mark();
    expect(
      (
        await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
          token: admin,
          body: { role: 'trainer' },
        })
      ).status,
    ).toBe(200);
    expect(await entriesSince(same)).toEqual([]);

    // Into a role the person already holds there: refused, the field named, nothing changed.
    const observer = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'observer', territoryId: territory['MA-BER'] },
    });
    expect(observer.status).toBe(201);
    const held = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: admin,
      body: { role: 'observer' },
    });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('role-held');
    expect(held.body.errors).toEqual([expect.objectContaining({ field: 'role', code: 'role-held' })]);

    // Back to what it was (the undo of a change): one more entry.
    const back = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: admin,
      body: { role: 'coach', territoryId: territory['MA-02'] },
    });
    expect(back.status).toBe(200);
    expect(back.body.roles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: coachRole, role: 'coach', territoryId: territory['MA-02'] }),
      ]),
    );
  });

  it('refuses a change outside the admin territories, of unknown things, and of one’s own admin role', async () => {
    const regionalInvite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'admin.oriental@example.org',
        displayName: 'Admin Oriental',
        role: 'admin',
        territoryId: territory['MA-02'],
      },
    });
    expect(regionalInvite.status).toBe(201);
    await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: String(regionalInvite.body.link.url).split('/').pop(), password: 'oriental-admin-2026' },
    });
    const regional = (await t.signIn('admin.oriental@example.org', 'oriental-admin-2026')).accessToken;
    // Into Casablanca, outside L'Oriental.
    const outside = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: regional,
      body: { territoryId: territory['MA-06'] },
    });
    expect(outside.status).toBe(403);
    const unknown = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: admin,
      body: { territoryId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['territoryId']);
    const noSuchRole = await t.request(
      'PATCH',
      `/api/v1/users/${coachId}/roles/00000000-0000-4000-8000-000000000000`,
      { token: admin, body: { role: 'observer' } },
    );
    expect(noSuchRole.status).toBe(404);
    const badBody = await t.request('PATCH', `/api/v1/users/${coachId}/roles/${coachRole}`, {
      token: admin,
      body: { role: 'king', reason: 'x'.repeat(501), extra: 1 },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'reason',
      'role',
    ]);

    const mine = (await t.request('GET', `/api/v1/users/${adminId}`, { token: admin })).body.roles[0]
      .id as string;
    const own = await t.request('PATCH', `/api/v1/users/${adminId}/roles/${mine}`, {
      token: admin,
      body: { territoryId: territory['MA-02'] },
    });
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('own-admin-role');
  });

  it('keeps the reason given for removing a role or disabling an account in the audit entry', async () => {
    const granted = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'observer', territoryId: territory['MA-02'] },
    });
    const assignment = granted.body.roles.find(
      (r: { role: string; territoryId: string }) =>
        r.role === 'observer' && r.territoryId === territory['MA-02'],
    ).id as string;
    const before = await mark();
    const removed = await t.request('DELETE', `/api/v1/users/${coachId}/roles/${assignment}`, {
      token: admin,
      body: { reason: 'Mission terminée' },
    });
    expect(removed.status).toBe(200);
    const disabled = await t.request('POST', `/api/v1/users/${coachId}/disable`, {
      token: admin,
      body: { reason: 'A quitté la coopérative' },
    });
    expect(disabled.status).toBe(200);
    // Undo: enabling again needs no reason.
    expect((await t.request('POST', `/api/v1/users/${coachId}/enable`, { token: admin })).status).toBe(200);
    expect((await entriesSince(before)).map((e) => [e.action, e.details['reason'] ?? null])).toEqual([
      ['role.revoked', 'Mission terminée'],
      ['account.disabled', 'A quitté la coopérative'],
      ['account.enabled', null],
    ]);
    const tooLong = await t.request('POST', `/api/v1/users/${coachId}/disable`, {
      token: admin,
      body: { reason: 'x'.repeat(501) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
  });
});
