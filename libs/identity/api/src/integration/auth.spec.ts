import { JwtService } from '@nestjs/jwt';
import { SignInLockoutService } from '..';
import { createTestApp, type TestApp } from '@tc/shared/testing';

describe('sign-in, refresh rotation and sign-out (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs a demo coach in with an access token, an httpOnly SameSite refresh cookie and their profile', async () => {
    const res = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'Coach@Example.org ', password: 'demo-password-2026' },
    });
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.me).toMatchObject({
      email: 'coach@example.org',
      roles: [expect.objectContaining({ role: 'coach' })],
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/tc_refresh=[\w-]{40,}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth/);
  });

  it('answers unknown e-mail and wrong password with the same generic 401 problem', async () => {
    const wrong = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'coach@example.org', password: 'not-the-password' },
    });
    const unknown = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'nobody@example.org', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.detail).toBe('E-mail or password is incorrect.');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(wrong.refreshCookie).toBeNull();
  });

  it('GET /me needs a valid access token', async () => {
    expect((await t.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { token: 'not.a.jwt' })).status).toBe(401);
    const session = await t.signIn('trainer@example.org');
    const me = await t.request('GET', '/api/v1/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('trainer@example.org');
    expect(me.body.roles[0]).toMatchObject({
      role: 'trainer',
      territoryName: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
    });
  });

  it('rotates the refresh token, and a replayed old token revokes the whole family', async () => {
    const session = await t.signIn('observer@example.org');
    const first = await t.request('POST', '/api/v1/auth/refresh', { cookie: session.cookie });
    expect(first.status).toBe(200);
    expect(first.refreshCookie).not.toBeNull();
    expect(first.refreshCookie).not.toBe(session.cookie);
    expect(first.body.me.email).toBe('observer@example.org');

    // The first cookie was rotated away: presenting it again is a replay.
    const replay = await t.request('POST', '/api/v1/auth/refresh', { cookie: session.cookie });
    expect(replay.status).toBe(401);
    // …and the legitimate newer token died with its family.
    const newer = await t.request('POST', '/api/v1/auth/refresh', { cookie: first.refreshCookie as string });
    expect(newer.status).toBe(401);
    const revoked: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM refresh_tokens rt JOIN users u ON u.id = rt.user_id WHERE u.email = 'observer@example.org' AND rt.revoked_at IS NULL`,
    );
    expect(revoked[0]?.n).toBe(0);
  });

  it('signs out: the refresh cookie stops working and is cleared', async () => {
    const session = await t.signIn('admin@example.org');
    const out = await t.request('POST', '/api/v1/auth/sign-out', { cookie: session.cookie });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/tc_refresh=;/);
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: session.cookie })).status).toBe(401);
  });

  it('refuses a refresh without a cookie', async () => {
    const res = await t.request('POST', '/api/v1/auth/refresh');
    expect(res.status).toBe(401);
    expect(res.body.type).toMatch(/unauthorized$/);
  });
});

describe('an access token lives only as long as its session (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (token: string) => t.request('GET', '/api/v1/me', { token });
  const expectEnded = async (token: string) => {
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  };

  it('signing out ends that session’s access token at once; the person’s other session goes on', async () => {
    const phone = await t.signIn('coach@example.org');
    const laptop = await t.signIn('coach@example.org');
    expect((await me(phone.accessToken)).status).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/sign-out', { cookie: phone.cookie })).status).toBe(204);
    await expectEnded(phone.accessToken);
    expect((await me(laptop.accessToken)).status).toBe(200);
  });

  it('a refreshed session keeps its earlier access token until it ends; a replay ends them all', async () => {
    const session = await t.signIn('observer@example.org');
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { cookie: session.cookie });
    expect(refreshed.status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(200);
    expect((await me(refreshed.body.accessToken as string)).status).toBe(200);
    // The rotated cookie presented again: the family is revoked, and every token of it with it.
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: session.cookie })).status).toBe(401);
    await expectEnded(session.accessToken);
    await expectEnded(refreshed.body.accessToken as string);
  });

  it('a password reset ends every session of that person; the session the link opens works', async () => {
    const admin = (await t.signIn('admin@example.org')).accessToken;
    const phone = await t.signIn('trainer@example.org');
    const laptop = await t.signIn('trainer@example.org');
    const link = await t.request(
      'POST',
      `/api/v1/users/${await userId(t, 'trainer@example.org')}/password-reset`,
      {
        token: admin,
      },
    );
    const token = (link.body.url as string).split('/').pop() as string;
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'a-brand-new-password' },
    });
    expect(accepted.status).toBe(200);
    await expectEnded(phone.accessToken);
    await expectEnded(laptop.accessToken);
    expect((await me(accepted.body.accessToken as string)).status).toBe(200);
    expect((await me(admin)).status).toBe(200);
  });

  it('refuses a token that names no session (issued before sessions were checked)', async () => {
    const jwt = t.app.get(JwtService, { strict: false });
    const legacy = await jwt.signAsync(
      { sub: await userId(t, 'coach@example.org'), typ: 'access' },
      { expiresIn: 900 },
    );
    await expectEnded(legacy);
    // Nor one naming a session of somebody else.
    const other = await t.signIn('admin@example.org');
    const family = await familyOf(t, other.cookie);
    const borrowed = await jwt.signAsync(
      { sub: await userId(t, 'coach@example.org'), sid: family, typ: 'access' },
      { expiresIn: 900 },
    );
    await expectEnded(borrowed);
  });
});

describe('sign-in rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      SIGN_IN_LIMIT_PER_ACCOUNT: '3',
      SIGN_IN_LIMIT_PER_IP: '6',
      SIGN_IN_LIMIT_WINDOW: '600',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits attempts per account, then per IP, with 429 problems and Retry-After', async () => {
    const attempt = (email: string) =>
      t.request('POST', '/api/v1/auth/sign-in', { body: { email, password: 'wrong-password-1' } });
    const forCoach = [
      await attempt('coach@example.org'),
      await attempt('coach@example.org'),
      await attempt('coach@example.org'),
    ];
    expect(forCoach.map((r) => r.status)).toEqual([401, 401, 401]);
    const blocked = await attempt('coach@example.org');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The right password does not get through while the account is throttled.
    const right = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'coach@example.org', password: 'demo-password-2026' },
    });
    expect(right.status).toBe(429);

    // Five requests came from this IP so far: another account gets its answer once more, then the
    // per-IP limit (6) refuses every account.
    expect((await attempt('trainer@example.org')).status).toBe(401);
    expect((await attempt('admin@example.org')).status).toBe(429);
  });
});

/** The family of the refresh token in a `tc_refresh=…` cookie. */
async function familyOf(t: TestApp, cookie: string): Promise<string> {
  const token = cookie.replace(/^tc_refresh=/, '');
  const rows: { family_id: string }[] = await t.dataSource.query(
    `SELECT family_id FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [token],
  );
  if (!rows[0]) throw new Error('no such refresh token');
  return rows[0].family_id;
}

async function liveTokens(t: TestApp, familyId: string): Promise<number> {
  const rows: { n: number }[] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL`,
    [familyId],
  );
  return rows[0]?.n ?? -1;
}

async function userId(t: TestApp, email: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email]);
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].id;
}

describe('session timeouts and refresh-token reuse (defaults: 7 days idle, 30 days absolute)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Moves the family's clock back: as if its newest token was issued `idleDays` ago. */
  const idleFor = (familyId: string, days: number) =>
    t.dataSource.query(
      `UPDATE refresh_tokens SET created_at = now() - $2::int * interval '1 day' WHERE family_id = $1`,
      [familyId, days],
    );
  /** As if the person signed in `days` ago (the tokens themselves stay recent). */
  const startedDaysAgo = (familyId: string, days: number) =>
    t.dataSource.query(
      `UPDATE refresh_tokens SET session_started_at = now() - $2::int * interval '1 day' WHERE family_id = $1`,
      [familyId, days],
    );

  it('refreshes a session idle for 6 days, refuses one idle for 8 days and revokes its family', async () => {
    const recent = await t.signIn('coach@example.org');
    await idleFor(await familyOf(t, recent.cookie), 6);
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: recent.cookie })).status).toBe(200);

    const stale = await t.signIn('coach@example.org');
    const family = await familyOf(t, stale.cookie);
    await idleFor(family, 8);
    const refused = await t.request('POST', '/api/v1/auth/refresh', { cookie: stale.cookie });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toBe('Your session has ended; sign in again.');
    expect(String(refused.headers['set-cookie'])).toMatch(/tc_refresh=;/);
    expect(await liveTokens(t, family)).toBe(0);
  });

  it('ends a session begun 31 days ago however recently it was used; 29 days still refreshes', async () => {
    const young = await t.signIn('trainer@example.org');
    const youngFamily = await familyOf(t, young.cookie);
    await startedDaysAgo(youngFamily, 29);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { cookie: young.cookie });
    expect(refreshed.status).toBe(200);
    // The new token keeps the session's start, and cannot outlive the absolute timeout (one day left).
    const rows: { started_days: number; expires_in_hours: number }[] = await t.dataSource.query(
      `SELECT round(extract(epoch FROM now() - session_started_at) / 86400)::int AS started_days,
              round(extract(epoch FROM expires_at - now()) / 3600)::int AS expires_in_hours
         FROM refresh_tokens WHERE family_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [youngFamily],
    );
    expect(rows).toEqual([{ started_days: 29, expires_in_hours: 24 }]);

    const old = await t.signIn('trainer@example.org');
    const oldFamily = await familyOf(t, old.cookie);
    await startedDaysAgo(oldFamily, 31);
    const refused = await t.request('POST', '/api/v1/auth/refresh', { cookie: old.cookie });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await liveTokens(t, oldFamily)).toBe(0);
  });

  it('a fresh session lasts 7 days idle: its cookie and its token expire then', async () => {
    const session = await t.signIn('observer@example.org');
    const rows: { hours: number }[] = await t.dataSource.query(
      `SELECT round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours FROM refresh_tokens
        WHERE family_id = $1`,
      [await familyOf(t, session.cookie)],
    );
    expect(rows).toEqual([{ hours: 7 * 24 }]);
  });

  it('replaying a token rotated two refreshes ago revokes the whole family, and only that family', async () => {
    const phone = await t.signIn('admin@example.org');
    const laptop = await t.signIn('admin@example.org');
    const second = await t.request('POST', '/api/v1/auth/refresh', { cookie: phone.cookie });
    const third = await t.request('POST', '/api/v1/auth/refresh', { cookie: second.refreshCookie as string });
    expect([second.status, third.status]).toEqual([200, 200]);
    const family = await familyOf(t, phone.cookie);
    expect(await liveTokens(t, family)).toBe(3);

    // Someone replays the first token (stolen before it was rotated).
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: phone.cookie })).status).toBe(401);
    expect(await liveTokens(t, family)).toBe(0);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { cookie: third.refreshCookie as string })).status,
    ).toBe(401);
    // The same person's other session (another family) is untouched.
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: laptop.cookie })).status).toBe(200);
  });
});

describe('session timeouts are configurable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_IDLE_TIMEOUT: '900', SESSION_ABSOLUTE_TIMEOUT: '7200' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('applies SESSION_IDLE_TIMEOUT and SESSION_ABSOLUTE_TIMEOUT in seconds', async () => {
    const idle = await t.signIn('coach@example.org');
    const idleFamily = await familyOf(t, idle.cookie);
    await t.dataSource.query(
      `UPDATE refresh_tokens SET created_at = now() - interval '16 minutes' WHERE family_id = $1`,
      [idleFamily],
    );
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: idle.cookie })).status).toBe(401);
    expect(await liveTokens(t, idleFamily)).toBe(0);

    const old = await t.signIn('coach@example.org');
    const oldFamily = await familyOf(t, old.cookie);
    await t.dataSource.query(
      `UPDATE refresh_tokens SET session_started_at = now() - interval '121 minutes' WHERE family_id = $1`,
      [oldFamily],
    );
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: old.cookie })).status).toBe(401);

    const fresh = await t.signIn('coach@example.org');
    await t.dataSource.query(
      `UPDATE refresh_tokens SET created_at = now() - interval '14 minutes' WHERE family_id = $1`,
      [await familyOf(t, fresh.cookie)],
    );
    expect((await t.request('POST', '/api/v1/auth/refresh', { cookie: fresh.cookie })).status).toBe(200);
  });
});

describe('sign-in lockout with back-off (3 failures; 60 s doubling to at most 240 s)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({
      SIGN_IN_LOCKOUT_AFTER: '3',
      SIGN_IN_LOCKOUT_BASE: '60',
      SIGN_IN_LOCKOUT_MAX: '240',
    });
    admin = (await t.signIn('admin@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (email: string, password = 'wrong-password-1') =>
    t.request('POST', '/api/v1/auth/sign-in', { body: { email, password } });
  /** What another API process (or time passing) would do: the lockout ends now. */
  const expireLockout = (email: string) =>
    t.dataSource.query(
      `UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
  const lockedAudits = async (email: string): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.locked' AND subject_id = $1`,
      [await userId(t, email)],
    );
    return rows[0]?.n ?? -1;
  };
  /** The answer without what differs per request. */
  const comparable = (res: { status: number; body: Record<string, unknown>; headers: object }) => {
    const { instance: _i, requestId: _r, ...body } = res.body;
    const retryAfter = (res.headers as Record<string, unknown>)['retry-after'];
    return { status: res.status, body, locked: retryAfter !== undefined };
  };

  it('locks after 3 wrong passwords with the wrong-password answer plus Retry-After; the right password waits too', async () => {
    const first = [await attempt('coach@example.org'), await attempt('coach@example.org')];
    expect(first.map((r) => [r.status, r.headers['retry-after']])).toEqual([
      [401, undefined],
      [401, undefined],
    ]);
    const third = await attempt('coach@example.org');
    expect(third.status).toBe(401);
    expect(third.body.detail).toBe('E-mail or password is incorrect.');
    expect(third.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(third.headers['retry-after'])).toBe(60);

    const right = await attempt('coach@example.org', 'demo-password-2026');
    expect(comparable(right)).toMatchObject({ status: 401, body: comparable(first[0]!).body });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(right.refreshCookie).toBeNull();
    expect(await lockedAudits('coach@example.org')).toBe(1);
  });

  it('an unknown e-mail gets exactly the same answers (nothing to enumerate)', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(comparable(await attempt('trainer@example.org')));
      unknown.push(comparable(await attempt('nobody-here@example.org')));
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => (k as { locked: boolean }).locked)).toEqual([false, false, true, true]);
  });

  it('doubles each further lockout up to the cap, and a success starts over', async () => {
    const email = 'observer@example.org';
    const lockWith = async () => {
      await attempt(email);
      await attempt(email);
      return Number((await attempt(email)).headers['retry-after']);
    };
    const lengths: number[] = [];
    for (let i = 0; i < 4; i++) {
      lengths.push(await lockWith());
      await expireLockout(email);
    }
    expect(lengths).toEqual([60, 120, 240, 240]);
    expect(await lockedAudits(email)).toBe(4);

    // After the lockout ends, the right password gets in and clears the count.
    expect((await attempt(email, 'demo-password-2026')).status).toBe(200);
    const rows: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM sign_in_failures WHERE email = $1',
      [email],
    );
    expect(rows[0]?.n).toBe(0);
    // Two failures then a success: the count starts over (two more failures do not lock), and the next
    // lockout is back to the first length.
    await attempt(email);
    await attempt(email);
    expect((await attempt(email, 'demo-password-2026')).status).toBe(200);
    expect((await attempt(email)).headers['retry-after']).toBeUndefined();
    expect((await attempt(email)).headers['retry-after']).toBeUndefined();
    expect(Number((await attempt(email)).headers['retry-after'])).toBe(60);
  });

  it('forgets the counts of addresses quiet for a day, keeps recent and locked ones', async () => {
    await t.dataSource.query(
      `INSERT INTO sign_in_failures (email, failures, lockouts, locked_until, last_failure_at) VALUES
         ('old-1@example.org', 2, 0, NULL, now() - interval '25 hours'),
         ('old-2@example.org', 0, 3, now() - interval '30 hours', now() - interval '31 hours'),
         ('recent@example.org', 2, 0, NULL, now() - interval '23 hours'),
         ('lock-ended-lately@example.org', 0, 2, now() - interval '2 hours', now() - interval '26 hours'),
         ('locked@example.org', 0, 9, now() + interval '10 days', now() - interval '40 hours')`,
    );
    expect(await t.app.get(SignInLockoutService).forgetStale()).toBe(2);
    const left = (await t.dataSource.query(
      `SELECT email FROM sign_in_failures WHERE email LIKE ANY ('{old-%,recent%,lock%}') ORDER BY 1`,
    )) as { email: string }[];
    expect(left.map((r) => r.email)).toEqual([
      'lock-ended-lately@example.org',
      'locked@example.org',
      'recent@example.org',
    ]);
  });

  it('reads the lockout from the database (as a lockout set by another API process)', async () => {
    await t.dataSource.query(
      `INSERT INTO sign_in_failures (email, failures, lockouts, locked_until, last_failure_at)
       VALUES ('admin@example.org', 0, 1, now() + interval '30 seconds', now())`,
    );
    const res = await attempt('admin@example.org', 'demo-password-2026');
    expect(res.status).toBe(401);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(30);
    await t.dataSource.query(`DELETE FROM sign_in_failures WHERE email = 'admin@example.org'`);
  });

  it('lets an admin see and clear a lockout (audited); others may not', async () => {
    const email = 'trainer@example.org'; // locked by the enumeration test above
    const id = await userId(t, email);
    const seen = await t.request('GET', `/api/v1/users/${id}/lockout`, { token: admin });
    expect(seen.status).toBe(200);
    // Locked once; the attempt made during the lockout was refused unseen, not counted.
    expect(seen.body).toMatchObject({ lockouts: 1, failures: 0 });
    expect(Date.parse(seen.body.lockedUntil)).toBeGreaterThan(Date.now());

    // The coach is still locked from the first test: end it through the database clock.
    await expireLockout('coach@example.org');
    const coachToken = (await t.signIn('coach@example.org')).accessToken;
    expect((await t.request('GET', `/api/v1/users/${id}/lockout`, { token: coachToken })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/users/${id}/lockout`, { token: coachToken })).status).toBe(
      403,
    );

    const cleared = await t.request('DELETE', `/api/v1/users/${id}/lockout`, { token: admin });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ failures: 0, lockouts: 0, lockedUntil: null });
    expect((await attempt(email, 'demo-password-2026')).status).toBe(200);
    const audits: { actor_id: string; details: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'account.unlocked' AND subject_id = $1`,
      [id],
    );
    expect(audits).toEqual([
      { actor_id: await userId(t, 'admin@example.org'), details: { wasLocked: true, lockouts: 1 } },
    ]);
  });

  it('a password reset lifts the lockout', async () => {
    const email = 'coach@example.org';
    await expireLockout(email);
    for (let i = 0; i < 3; i++) await attempt(email);
    expect((await attempt(email, 'demo-password-2026')).status).toBe(401);
    const link = await t.request('POST', `/api/v1/users/${await userId(t, email)}/password-reset`, {
      token: admin,
    });
    const token = (link.body.url as string).split('/').pop() as string;
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'a-brand-new-password' },
    });
    expect(accepted.status).toBe(200);
    expect((await attempt(email, 'a-brand-new-password')).status).toBe(200);
  });
});

describe('password reset links: single use, expiring, the newest only', () => {
  let t: TestApp;
  let admin: string;
  let coachId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    coachId = await userId(t, 'coach@example.org');
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = async (): Promise<string> => {
    const link = await t.request('POST', `/api/v1/users/${coachId}/password-reset`, { token: admin });
    expect(link.status).toBe(200);
    return (link.body.url as string).split('/').pop() as string;
  };
  const accept = (token: string, password: string) =>
    t.request('POST', '/api/v1/auth/links/accept', { body: { token, password } });

  it('a used reset link fails the second time (410 problem), and says so when opened', async () => {
    const token = await issue();
    expect((await accept(token, 'first-new-password')).status).toBe(200);
    const again = await accept(token, 'second-new-password');
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.type).toMatch(/link-expired$/);
    expect((await t.request('GET', `/api/v1/auth/links/${token}`)).status).toBe(410);
    await expect(t.signIn('coach@example.org', 'first-new-password')).resolves.toBeDefined();
  });

  it('an expired reset link fails and leaves the password unchanged', async () => {
    const token = await issue();
    await t.dataSource.query(
      `UPDATE action_tokens SET expires_at = now() - interval '1 second'
        WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [token],
    );
    expect((await t.request('GET', `/api/v1/auth/links/${token}`)).status).toBe(410);
    expect((await accept(token, 'expired-link-password')).status).toBe(410);
    await expect(t.signIn('coach@example.org', 'first-new-password')).resolves.toBeDefined();
  });

  it('expires one hour after it was issued', async () => {
    const token = await issue();
    const rows: { minutes: number }[] = await t.dataSource.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM action_tokens
        WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [token],
    );
    expect(rows).toEqual([{ minutes: 60 }]);
  });

  it('a newer reset link voids the older one', async () => {
    const older = await issue();
    const newer = await issue();
    expect((await accept(older, 'older-link-password')).status).toBe(410);
    expect((await accept(newer, 'newer-link-password')).status).toBe(200);
    await expect(t.signIn('coach@example.org', 'newer-link-password')).resolves.toBeDefined();
  });
});
