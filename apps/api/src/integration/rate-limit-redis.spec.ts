import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { loadConfig, ConfigError } from '../app/config';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * Sign-in limits kept in Redis: two API processes (two apps, each with its own database) that share
 * a Redis share one count per account. Runs against the machine's Redis (`TEST_REDIS_URL`, default
 * 127.0.0.1:6379) under a key prefix of its own, deleted afterwards.
 */
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** The API names its connections so, followed by `:` and the key prefix (sign-in-throttler.storage.ts). */
const CONNECTION_NAME = 'tc-sign-in-limits';
const PER_ACCOUNT = 4;
/** Each app builds its own database (a PGlite initdb with TEST_DB=pglite): slow on a busy machine. */
const APP_TIMEOUT = 240_000;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SIGN_IN_LIMIT_PER_ACCOUNT: String(PER_ACCOUNT),
    SIGN_IN_LIMIT_PER_IP: '1000',
    // The account lockout (kept in the database) must not answer before the rate limit does.
    SIGN_IN_LOCKOUT_AFTER: '100',
    ...extra,
  };
}

function wrongPassword(app: TestApp, email: string) {
  return app.request('POST', '/api/v1/auth/sign-in', { body: { email, password: 'not-the-password' } });
}

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** The API connections of this run (its key prefix), whatever else uses the same Redis. */
async function namedClients(redis: Redis, prefix: string): Promise<number> {
  const list = (await redis.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${CONNECTION_NAME}:${prefix} `)).length;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sign-in limits in Redis, shared by several API processes', () => {
  const prefix = `tc-test-${randomBytes(6).toString('hex')}:`;
  let redis: Redis;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const shared = env({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    // One after the other: both run the migrations of their own database.
    a = await createTestApp(shared);
    b = await createTestApp(shared);
  }, APP_TIMEOUT);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (redis) {
      const keys = await keysUnder(redis, prefix);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  }, APP_TIMEOUT);

  it('counts the attempts of both processes against one limit per account', async () => {
    const email = `shared-${randomBytes(4).toString('hex')}@example.org`;
    const answers: number[] = [];
    // Alternating between the processes: each sees only half the attempts.
    for (let i = 0; i < PER_ACCOUNT; i++) answers.push((await wrongPassword(i % 2 ? b : a, email)).status);
    expect(answers).toEqual(Array(PER_ACCOUNT).fill(401));
    const blockedOnB = await wrongPassword(b, email);
    expect(blockedOnB.status).toBe(429);
    expect(blockedOnB.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(blockedOnB.headers['retry-after'])).toBeGreaterThan(0);
    // The block is shared too: the other process refuses the right password as well.
    const right = await a.request('POST', '/api/v1/auth/sign-in', {
      body: { email, password: 'demo-password-2026' },
    });
    expect(right.status).toBe(429);
    // Another account is not affected.
    expect((await wrongPassword(a, `other-${email}`)).status).toBe(401);
  });

  it('counts a person’s tries at join codes in Redis too', async () => {
    const observer = (await a.signIn('observer@example.org')).accessToken;
    const join = () =>
      a.request('POST', '/api/v1/cohorts/join', { token: observer, body: { code: 'ABCDEFGH23' } });
    const tries: number[] = [];
    for (let i = 0; i < 10; i++) tries.push((await join()).status);
    expect(tries).toEqual(Array(10).fill(404));
    expect((await join()).status).toBe(429);
    const joinKeys = (await keysUnder(redis, prefix)).filter((k) => k.includes(':join-code}'));
    expect(joinKeys.some((k) => k.endsWith(':hits'))).toBe(true);
    expect(joinKeys.some((k) => k.endsWith(':blocked'))).toBe(true);
  });

  it('keeps its counters in Redis under the configured key prefix, one connection per process', async () => {
    const keys = await keysUnder(redis, prefix);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
    expect(keys.some((k) => k.endsWith(':hits'))).toBe(true);
    expect(await namedClients(redis, prefix)).toBe(2);
  });

  it(
    'without Redis, each process counts alone (the limit per process is not shared)',
    async () => {
      const c = await createTestApp(env());
      const d = await createTestApp(env());
      try {
        const email = `alone-${randomBytes(4).toString('hex')}@example.org`;
        for (let i = 0; i < PER_ACCOUNT; i++)
          expect((await wrongPassword(i % 2 ? d : c, email)).status).toBe(401);
        // Each process has seen half the limit: one more attempt still gets through.
        expect((await wrongPassword(d, email)).status).toBe(401);
        // And the limit does apply within one process.
        for (let i = 0; i < PER_ACCOUNT - 2; i++) expect((await wrongPassword(c, email)).status).toBe(401);
        expect((await wrongPassword(c, email)).status).toBe(429);
      } finally {
        await c.close();
        await d.close();
      }
    },
    APP_TIMEOUT,
  );

  it(
    'with Redis unreachable, sign-in still works and the limit is counted in the process (no 5xx)',
    async () => {
      const port = await closedPort();
      const e = await createTestApp(
        env({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: prefix }),
      );
      try {
        const ok = await e.request('POST', '/api/v1/auth/sign-in', {
          body: { email: 'coach@example.org', password: 'demo-password-2026' },
        });
        // (It does not wait for Redis: a hang would end this test by its timeout.)
        expect(ok.status).toBe(200);
        const email = `down-${randomBytes(4).toString('hex')}@example.org`;
        const answers: number[] = [];
        for (let i = 0; i <= PER_ACCOUNT; i++) answers.push((await wrongPassword(e, email)).status);
        expect(answers).toEqual([...Array(PER_ACCOUNT).fill(401), 429]);
      } finally {
        await e.close();
      }
    },
    APP_TIMEOUT,
  );

  it('closes its Redis connection when the app stops', async () => {
    const before = await namedClients(redis, prefix);
    // b's connection is up (it answered above); stopping b closes it (afterAll's close is then a no-op).
    await b.close();
    // The server notices the closed socket right after the client closed it.
    for (let i = 0; i < 40 && (await namedClients(redis, prefix)) >= before; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await namedClients(redis, prefix)).toBe(before - 1);
  });

  it('refuses a REDIS_URL that is not a redis:// URL, naming the variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2' }).signInLimits.redis).toEqual({
      url: 'redis://cache:6379/2',
      keyPrefix: 'tc:',
    });
    expect(loadConfig({}).signInLimits.redis).toBeNull();
  });
});
