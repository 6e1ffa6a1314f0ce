import { BackgroundWork, MailService } from '..';
import { createTestApp, type TestApp, type TestResponse } from '@tc/shared/testing';

async function territoryId(t: TestApp, code: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM territories WHERE code = $1', [
    code,
  ]);
  if (!rows[0]) throw new Error(`no territory ${code}`);
  return rows[0].id;
}

describe('admin: invitations, roles, disabling, password reset (real database)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('invites a coach with a single-use link the invitee uses to set a password and sign in', async () => {
    const berkane = await territoryId(t, 'MA-BER');
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'Fatima.Zahra@Coop.ma',
        displayName: 'Fatima Zahra',
        role: 'coach',
        territoryId: berkane,
        preferredLanguage: 'ar',
      },
    });
    expect(invite.status).toBe(201);
    expect(invite.body.user).toMatchObject({
      email: 'fatima.zahra@coop.ma',
      status: 'invited',
      roles: [expect.objectContaining({ role: 'coach', territoryId: berkane })],
    });
    // No SMTP_URL: the link comes back for the admin to pass on.
    expect(invite.body.link.emailed).toBe(false);
    const url: string = invite.body.link.url;
    expect(url).toMatch(/^http:\/\/academy\.test\/links\/[\w-]{40,}$/);
    const token = url.split('/').pop() as string;

    // The invitee cannot sign in before accepting.
    expect(
      (
        await t.request('POST', '/api/v1/auth/sign-in', {
          body: { email: 'fatima.zahra@coop.ma', password: 'whatever-password' },
        })
      ).status,
    ).toBe(401);

    const info = await t.request('GET', `/api/v1/auth/links/${token}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      purpose: 'invitation',
      email: 'fatima.zahra@coop.ma',
      displayName: 'Fatima Zahra',
    });

    const tooShort = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'short' },
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const sameAsEmail = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'FATIMA.ZAHRA@coop.ma' },
    });
    expect(sameAsEmail.status).toBe(400);
    expect(sameAsEmail.body.errors[0].message).toMatch(/e-mail/);

    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'coopérative-berkane-2026' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.me).toMatchObject({ email: 'fatima.zahra@coop.ma', preferredLanguage: 'ar' });
    expect(accepted.refreshCookie).not.toBeNull();

    // Single use.
    const again = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'another-password-123' },
    });
    expect(again.status).toBe(410);
    expect((await t.request('GET', `/api/v1/auth/links/${token}`)).status).toBe(410);

    const session = await t.signIn('fatima.zahra@coop.ma', 'coopérative-berkane-2026');
    expect(session.me.roles.map((r) => r.role)).toEqual(['coach']);
  });

  it('refuses an expired link and an unknown one', async () => {
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'late@example.org',
        displayName: 'Late Person',
        role: 'coach',
        territoryId: await territoryId(t, 'MA-02'),
      },
    });
    const token = (invite.body.link.url as string).split('/').pop() as string;
    await t.dataSource.query(
      `UPDATE action_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [invite.body.user.id],
    );
    expect(
      (
        await t.request('POST', '/api/v1/auth/links/accept', {
          body: { token, password: 'a-good-password-1' },
        })
      ).status,
    ).toBe(410);
    expect((await t.request('GET', '/api/v1/auth/links/not-a-real-token')).status).toBe(404);
  });

  it('lists and searches users, with role and status filters', async () => {
    const all = await t.request('GET', '/api/v1/users?pageSize=100', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect(all.body.items.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(['coach@example.org', 'trainer@example.org']),
    );
    const search = await t.request('GET', '/api/v1/users?q=OUAZZ', { token: admin });
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['coach@example.org']);
    const trainers = await t.request('GET', '/api/v1/users?role=trainer', { token: admin });
    expect(
      trainers.body.items.every((u: { roles: { role: string }[] }) =>
        u.roles.some((r) => r.role === 'trainer'),
      ),
    ).toBe(true);
    const invited = await t.request('GET', '/api/v1/users?status=invited', { token: admin });
    expect(invited.body.items.every((u: { status: string }) => u.status === 'invited')).toBe(true);
    const bad = await t.request('GET', '/api/v1/users?pageSize=1000&role=king', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'role']);
  });

  it('assigns and removes roles; the new role counts on the next request', async () => {
    const users = await t.request('GET', '/api/v1/users?q=coach@example.org', { token: admin });
    const coachId = users.body.items[0].id as string;
    const coach = await t.signIn('coach@example.org');
    expect((await t.request('GET', '/api/v1/users', { token: coach.accessToken })).status).toBe(403);

    const assigned = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: admin,
      body: { role: 'admin', territoryId: await territoryId(t, 'MA-02') },
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['admin', 'coach']);
    // Same access token, fresh rights: roles are read on every request.
    expect((await t.request('GET', '/api/v1/users', { token: coach.accessToken })).status).toBe(200);

    // A regional admin cannot act outside their region…
    const outside = await t.request('POST', `/api/v1/users/${coachId}/roles`, {
      token: coach.accessToken,
      body: { role: 'trainer', territoryId: await territoryId(t, 'MA-06') },
    });
    expect(outside.status).toBe(403);

    const adminRole = assigned.body.roles.find((r: { role: string }) => r.role === 'admin');
    const removed = await t.request('DELETE', `/api/v1/users/${coachId}/roles/${adminRole.id}`, {
      token: admin,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.roles.map((r: { role: string }) => r.role)).toEqual(['coach']);
    expect((await t.request('GET', '/api/v1/users', { token: coach.accessToken })).status).toBe(403);
  });

  it('disables an account: sign-in refused, sessions revoked, the access token stops working; enable restores it', async () => {
    const users = await t.request('GET', '/api/v1/users?q=observer@example.org', { token: admin });
    const id = users.body.items[0].id as string;
    const observer = await t.signIn('observer@example.org');
    const disabled = await t.request('POST', `/api/v1/users/${id}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expect((await t.request('GET', '/api/v1/me', { token: observer.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: observer.cookie })).status).toBe(401);
    const signIn = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'observer@example.org', password: 'demo-password-2026' },
    });
    expect(signIn.status).toBe(401);
    expect(signIn.body.detail).toBe('E-mail or password is incorrect.');
    expect((await t.request('POST', `/api/v1/users/${id}/enable`, { token: admin })).body.status).toBe(
      'active',
    );
    // Enabling does not bring back what disabling ended: the old session's token stays refused.
    const stale = await t.request('GET', '/api/v1/me', { token: observer.accessToken });
    expect(stale.status).toBe(401);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: observer.cookie })).status).toBe(401);
    const again = await t.signIn('observer@example.org');
    expect(again.me.email).toBe('observer@example.org');
    expect((await t.request('GET', '/api/v1/me', { token: again.accessToken })).status).toBe(200);
  });

  it('an admin cannot disable themselves', async () => {
    const me = await t.request('GET', '/api/v1/me', { token: admin });
    expect((await t.request('POST', `/api/v1/users/${me.body.id}/disable`, { token: admin })).status).toBe(
      409,
    );
  });

  it('resets a password with a link: single use, and every open session ends', async () => {
    const users = await t.request('GET', '/api/v1/users?q=trainer@example.org', { token: admin });
    const id = users.body.items[0].id as string;
    const trainer = await t.signIn('trainer@example.org');
    const link = await t.request('POST', `/api/v1/users/${id}/password-reset`, { token: admin });
    expect(link.status).toBe(200);
    const token = (link.body.url as string).split('/').pop() as string;
    expect((await t.request('GET', `/api/v1/auth/links/${token}`)).body.purpose).toBe('password_reset');
    expect(
      (
        await t.request('POST', '/api/v1/auth/links/accept', {
          body: { token, password: 'new-trainer-password' },
        })
      ).status,
    ).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: trainer.cookie })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { token: trainer.accessToken })).status).toBe(401);
    expect(
      (
        await t.request('POST', '/api/v1/auth/sign-in', {
          body: { email: 'trainer@example.org', password: 'demo-password-2026' },
        })
      ).status,
    ).toBe(401);
    await expect(t.signIn('trainer@example.org', 'new-trainer-password')).resolves.toBeDefined();
  });

  it('self-service reset answers 202 whether or not the account exists', async () => {
    const known = await t.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'coach@example.org' },
    });
    const unknown = await t.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'ghost@example.org' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    await t.app.get(BackgroundWork).settled();
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM action_tokens a JOIN users u ON u.id = a.user_id WHERE u.email = 'coach@example.org' AND a.purpose = 'password_reset' AND a.used_at IS NULL`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('self-service reset answers before the account’s work: the link is mailed after the answer', async () => {
    // The mail stand-in holds the link's mail until released, and says when the work has reached it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = (): void => undefined;
    const mailing = new Promise<void>((resolve) => (reached = resolve));
    const send = jest.spyOn(t.app.get(MailService), 'sendLink').mockImplementation(async () => {
      reached();
      await held;
      return false;
    });
    try {
      const answer = t.request('POST', '/api/v1/auth/password-reset', {
        body: { email: 'coach@example.org' },
      });
      // The work for this (existing) account found it, made its link and is mailing it…
      await mailing;
      // …and the answer does not wait for it (the bound serves the failure only: such an answer never comes).
      const first = await Promise.race([
        answer.then((res) => res.status),
        new Promise((resolve) => setTimeout(() => resolve('still waiting for the mail'), 3_000)),
      ]);
      expect(first).toBe(202);
      release();
      await t.app.get(BackgroundWork).settled();
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({ to: 'coach@example.org', purpose: 'password_reset' }),
      );
    } finally {
      release();
      send.mockRestore();
    }
  });

  it('re-inviting an existing account is a 409 naming the email field', async () => {
    const res = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'coach@example.org',
        displayName: 'Again',
        role: 'coach',
        territoryId: await territoryId(t, 'MA-02'),
      },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
  });
});

describe('profile: each person edits their own', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('updates the profile, and withholding demographics erases gender and birth year', async () => {
    const coach = await t.signIn('coach@example.org');
    const nador = await territoryId(t, 'MA-NAD');
    const updated = await t.request('PATCH', '/api/v1/me', {
      token: coach.accessToken,
      body: {
        displayName: 'Salma O.',
        preferredLanguage: 'ar',
        territoryId: nador,
        organisationType: 'cooperative',
        organisationName: 'Coopérative Argan Nador',
        gender: 'female',
        birthYear: 1998,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: 'Salma O.',
      preferredLanguage: 'ar',
      territoryId: nador,
      gender: 'female',
      birthYear: 1998,
      demographicsWithheld: false,
    });
    const withheld = await t.request('PATCH', '/api/v1/me', {
      token: coach.accessToken,
      body: { demographicsWithheld: true },
    });
    expect(withheld.body).toMatchObject({ gender: null, birthYear: null, demographicsWithheld: true });
    const stored: { gender: string | null; birth_year: number | null }[] = await t.dataSource.query(
      `SELECT gender, birth_year FROM users WHERE email = 'coach@example.org'`,
    );
    expect(stored[0]).toEqual({ gender: null, birth_year: null });
  });

  it('cleans a display name (bidi controls, zero-width characters, spaces, NFC) and refuses one that shows nothing', async () => {
    const coach = await t.signIn('coach@example.org');
    const cleaned = await t.request('PATCH', '/api/v1/me', {
      token: coach.accessToken,
      body: { displayName: ' \u202ESalma\u202C \u200B  Aiche\u0301\u2066 ' },
    });
    expect(cleaned.status).toBe(200);
    expect(cleaned.body.displayName).toBe('Salma Aich\u00E9');
    for (const invisible of ['\u200B\u200E\u200F', '\u202E \u2066\u2069', '\uFEFF\u3000\u00A0']) {
      const refused = await t.request('PATCH', '/api/v1/me', {
        token: coach.accessToken,
        body: { displayName: invisible },
      });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'displayName' })]);
    }
    const admin = (await t.signIn('admin@example.org')).accessToken;
    const invited = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'blank.name@example.org',
        displayName: '\u200B\u202E',
        role: 'coach',
        territoryId: await territoryId(t, 'MA-02'),
      },
    });
    expect(invited.status).toBe(400);
    expect(invited.body.errors).toEqual([expect.objectContaining({ field: 'displayName' })]);
    expect((await t.request('GET', '/api/v1/me', { token: coach.accessToken })).body.displayName).toBe(
      'Salma Aich\u00E9',
    );
  });

  it('rejects bad fields by name and unknown fields, and changes nothing', async () => {
    const coach = await t.signIn('trainer@example.org');
    const res = await t.request('PATCH', '/api/v1/me', {
      token: coach.accessToken,
      body: {
        preferredLanguage: 'de',
        birthYear: 2030,
        gender: 'x',
        email: 'new@example.org',
        roles: ['admin'],
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'birthYear',
      'email',
      'gender',
      'preferredLanguage',
      'roles',
    ]);
    const unknownTerritory = await t.request('PATCH', '/api/v1/me', {
      token: coach.accessToken,
      body: { territoryId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownTerritory.status).toBe(422);
    expect(unknownTerritory.body.errors[0].field).toBe('territoryId');
    const me = await t.request('GET', '/api/v1/me', { token: coach.accessToken });
    expect(me.body).toMatchObject({ email: 'trainer@example.org', preferredLanguage: 'fr', birthYear: null });
  });
});

describe('admin: a regional admin acts only on accounts they outrank (real database)', () => {
  let t: TestApp;
  let root: string;
  let regional: string;
  let oriental: string;
  let berkane: string;
  /** A national admin who works in the region (their own choice of home territory). */
  let livesIn: { id: string; email: string };
  /** A national admin who also coaches in the region (a role gained by joining a cohort there). */
  let coachesIn: { id: string; email: string; coachRoleId: string };

  const one = async <T>(sql: string, params: unknown[]): Promise<T> =>
    ((await t.dataSource.query(sql, params)) as T[])[0] as T;
  const linkToken = (url: string): string => url.split('/').pop() as string;

  /** Invites a person with a first role (as the national admin) and, unless `pending`, accepts the link. */
  async function account(
    email: string,
    role: string,
    territoryId: string,
    pending = false,
  ): Promise<{ id: string; email: string; token: string }> {
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: root,
      body: { email, displayName: email.split('@')[0], role, territoryId },
    });
    expect(invite.status).toBe(201);
    const token = linkToken(invite.body.link.url as string);
    if (!pending) {
      const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token, password: 'a-long-password-2026' },
      });
      expect(accepted.status).toBe(200);
    }
    return { id: invite.body.user.id as string, email, token };
  }

  beforeAll(async () => {
    t = await createTestApp();
    root = (await t.signIn('admin@example.org')).accessToken;
    oriental = await territoryId(t, 'MA-02');
    berkane = await territoryId(t, 'MA-BER');
    const morocco = await territoryId(t, 'MA');
    await account('admin.oriental@example.org', 'admin', oriental);
    regional = (await t.signIn('admin.oriental@example.org', 'a-long-password-2026')).accessToken;

    const a = await account('national.home@example.org', 'admin', morocco);
    const session = await t.signIn(a.email, 'a-long-password-2026');
    const moved = await t.request('PATCH', '/api/v1/me', {
      token: session.accessToken,
      body: { territoryId: berkane },
    });
    expect(moved.status).toBe(200);
    livesIn = a;

    const b = await account('national.coach@example.org', 'admin', morocco);
    const granted = await t.request('POST', `/api/v1/users/${b.id}/roles`, {
      token: root,
      body: { role: 'coach', territoryId: berkane },
    });
    expect(granted.status).toBe(201);
    coachesIn = {
      ...b,
      coachRoleId: granted.body.roles.find((r: { role: string }) => r.role === 'coach').id as string,
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const refused = (res: TestResponse) => {
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.url).toBeUndefined();
  };

  it('both national admins are in the regional admin’s view (reads keep their rule)', async () => {
    for (const victim of [livesIn, coachesIn]) {
      expect((await t.request('GET', `/api/v1/users/${victim.id}`, { token: regional })).status).toBe(200);
    }
  });

  it('cannot reset the password of an account that holds more than they do: no link, none made', async () => {
    for (const victim of [livesIn, coachesIn]) {
      const before = await one<{ n: number }>(
        'SELECT count(*)::int AS n FROM action_tokens WHERE user_id = $1',
        [victim.id],
      );
      refused(await t.request('POST', `/api/v1/users/${victim.id}/password-reset`, { token: regional }));
      const after = await one<{ n: number }>(
        'SELECT count(*)::int AS n FROM action_tokens WHERE user_id = $1',
        [victim.id],
      );
      expect(after.n).toBe(before.n);
      await expect(t.signIn(victim.email, 'a-long-password-2026')).resolves.toBeDefined();
    }
  });

  it('cannot disable or enable such an account', async () => {
    for (const victim of [livesIn, coachesIn]) {
      refused(await t.request('POST', `/api/v1/users/${victim.id}/disable`, { token: regional }));
      const row = await one<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = $1', [
        victim.id,
      ]);
      expect(row.disabled_at).toBeNull();
      await expect(t.signIn(victim.email, 'a-long-password-2026')).resolves.toBeDefined();
    }
    // Disabled by someone who outranks them, it stays so whatever the regional admin asks.
    expect((await t.request('POST', `/api/v1/users/${livesIn.id}/disable`, { token: root })).status).toBe(
      200,
    );
    refused(await t.request('POST', `/api/v1/users/${livesIn.id}/enable`, { token: regional }));
    const row = await one<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = $1', [
      livesIn.id,
    ]);
    expect(row.disabled_at).not.toBeNull();
    expect((await t.request('POST', `/api/v1/users/${livesIn.id}/enable`, { token: root })).status).toBe(200);
  });

  it('cannot clear such an account’s lockout', async () => {
    for (let i = 0; i < 2; i++) {
      const wrong = await t.request('POST', '/api/v1/auth/sign-in', {
        body: { email: coachesIn.email, password: 'not-the-password' },
      });
      expect(wrong.status).toBe(401);
    }
    refused(await t.request('DELETE', `/api/v1/users/${coachesIn.id}/lockout`, { token: regional }));
    const status = await t.request('GET', `/api/v1/users/${coachesIn.id}/lockout`, { token: root });
    expect(status.body.failures).toBe(2);
  });

  it('cannot remove, nor add, a role of such an account', async () => {
    refused(
      await t.request('DELETE', `/api/v1/users/${coachesIn.id}/roles/${coachesIn.coachRoleId}`, {
        token: regional,
      }),
    );
    expect(
      (
        await one<{ n: number }>('SELECT count(*)::int AS n FROM role_assignments WHERE id = $1', [
          coachesIn.coachRoleId,
        ])
      ).n,
    ).toBe(1);
    refused(
      await t.request('POST', `/api/v1/users/${livesIn.id}/roles`, {
        token: regional,
        body: { role: 'observer', territoryId: oriental },
      }),
    );
    expect(
      (
        await one<{ n: number }>('SELECT count(*)::int AS n FROM role_assignments WHERE user_id = $1', [
          livesIn.id,
        ])
      ).n,
    ).toBe(1);
  });

  it('cannot re-invite an invited national admin into the region: the first invitation stays valid', async () => {
    const pending = await account('national.pending@example.org', 'admin', await territoryId(t, 'MA'), true);
    const res = await t.request('POST', '/api/v1/users/invitations', {
      token: regional,
      body: { email: pending.email, displayName: 'Taken Over', role: 'coach', territoryId: berkane },
    });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.link).toBeUndefined();
    const roles: { role: string }[] = await t.dataSource.query(
      'SELECT role FROM role_assignments WHERE user_id = $1',
      [pending.id],
    );
    expect(roles.map((r) => r.role)).toEqual(['admin']);
    const info = await t.request('GET', `/api/v1/auth/links/${pending.token}`);
    expect(info.status).toBe(200);
    expect(info.body.purpose).toBe('invitation');
  });

  it('still acts on the region’s own coach: reset, lockout, disable and enable, roles', async () => {
    const coach = await one<{ id: string }>(`SELECT id FROM users WHERE email = 'coach@example.org'`, []);
    const link = await t.request('POST', `/api/v1/users/${coach.id}/password-reset`, { token: regional });
    expect(link.status).toBe(200);
    expect((await t.request('GET', `/api/v1/auth/links/${linkToken(link.body.url as string)}`)).status).toBe(
      200,
    );
    expect((await t.request('DELETE', `/api/v1/users/${coach.id}/lockout`, { token: regional })).status).toBe(
      200,
    );
    expect(
      (await t.request('POST', `/api/v1/users/${coach.id}/disable`, { token: regional })).body.status,
    ).toBe('disabled');
    expect(
      (await t.request('POST', `/api/v1/users/${coach.id}/enable`, { token: regional })).body.status,
    ).toBe('active');
    const granted = await t.request('POST', `/api/v1/users/${coach.id}/roles`, {
      token: regional,
      body: { role: 'observer', territoryId: berkane },
    });
    expect(granted.status).toBe(201);
    const observerRole = granted.body.roles.find((r: { role: string }) => r.role === 'observer');
    const removed = await t.request('DELETE', `/api/v1/users/${coach.id}/roles/${observerRole.id}`, {
      token: regional,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.roles.map((r: { role: string }) => r.role)).toEqual(['coach']);
  });

  it('re-invites an account that never accepted and holds no role, when it is in the region', async () => {
    const invited = await account('left.behind@example.org', 'coach', berkane, true);
    const roleId = await one<{ id: string }>('SELECT id FROM role_assignments WHERE user_id = $1', [
      invited.id,
    ]);
    expect(
      (await t.request('DELETE', `/api/v1/users/${invited.id}/roles/${roleId.id}`, { token: root })).status,
    ).toBe(200);
    const again = await t.request('POST', '/api/v1/users/invitations', {
      token: regional,
      body: { email: invited.email, displayName: 'Left Behind', role: 'coach', territoryId: berkane },
    });
    expect(again.status).toBe(201);
    expect(again.body.user.id).toBe(invited.id);
    expect(
      (await t.request('GET', `/api/v1/auth/links/${linkToken(again.body.link.url as string)}`)).body.purpose,
    ).toBe('invitation');
  });
});
