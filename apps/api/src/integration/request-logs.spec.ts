import { Writable } from 'node:stream';
import { createTestApp, type TestApp } from '../testing/test-app';

/** The JSON lines the app writes, kept in memory. */
class Lines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
    done();
  }
  find(msg: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l['msg'] === msg);
  }
}

describe('Logs: one line per request without headers, services log with their context', () => {
  let t: TestApp;
  const out = new Lines();
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, undefined, out);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a request is logged as its id, method, URL, status and time: no token, cookie or address', async () => {
    const res = await t.request('GET', '/api/v1/me?probe=1', {
      token: 'not-a-token',
      cookie: 'tc_refresh=secret-cookie-value',
      headers: { 'user-agent': 'Spec/1.0', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.status).toBe(401);
    const line = out
      .find('request completed')
      .find((l) => (l['req'] as { url: string }).url === '/api/v1/me?probe=1');
    expect(line).toEqual(
      expect.objectContaining({
        level: 30,
        req: { id: res.headers['x-request-id'], method: 'GET', url: '/api/v1/me?probe=1' },
        res: { statusCode: 401 },
        responseTime: expect.any(Number),
      }),
    );
    const text = JSON.stringify(out.lines);
    for (const secret of ['not-a-token', 'secret-cookie-value', 'Spec/1.0', '203.0.113.9', '127.0.0.1'])
      expect(text).not.toContain(secret);
  });

  it('what the migrations and Nest say at start is in the same JSON lines', () => {
    expect(out.lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        context: 'Migrations',
        msg: expect.stringMatching(/^Applied \d+ migration/),
      }),
    );
    expect(out.lines).toContainEqual(expect.objectContaining({ level: 30, context: 'RoutesResolver' }));
  });

  it('health probes are not logged', async () => {
    expect((await t.request('GET', '/api/health/live')).status).toBe(200);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    const urls = out.find('request completed').map((l) => (l['req'] as { url: string }).url);
    expect(urls.some((u) => u.startsWith('/api/health'))).toBe(false);
  });

  it("a service's line carries its context, its fields and its message", async () => {
    for (let i = 0; i < 6; i++)
      await t.request('POST', '/api/v1/auth/sign-in', {
        body: { email: 'coach@example.org', password: 'wrong-password-2026' },
      });
    const locked = out.find('Sign-in locked');
    expect(locked[0]).toEqual(
      expect.objectContaining({ level: 40, context: 'SignInLockoutService', userId: expect.any(String) }),
    );
  });
});
