import { createTestApp, type TestApp } from '../testing/test-app';

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
