import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { Session } from '@tc/shared/contracts';

/** What a booted API offers its specs: the Nest app, its data source, and a way to close it. */
export interface BootedApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
  /**
   * Applies the pending count deltas (cohort progress counters, observatory rollups) now, as the app's
   * folder does every 2 seconds: what a spec calls before it reads those counts.
   */
  fold(): Promise<void>;
}

/**
 * Boots the API with these variables. The app registers it (`registerAppBooter`, from the API's jest
 * set-up and its test-app module): the domains' specs boot the whole app without importing it, so no
 * library depends on the app that wires them.
 */
export type AppBooter = (
  env: Record<string, string>,
  log: { logDestination: DestinationStream } | { logger: false },
) => Promise<BootedApp>;

let booter: AppBooter | undefined;

export function registerAppBooter(boot: AppBooter): void {
  booter = boot;
}

/** Boots another instance of the API (a second replica on a spec's database), logging nothing. */
export function bootApp(env: Record<string, string>): Promise<BootedApp> {
  if (!booter) throw new Error(NO_BOOTER);
  return booter(env, { logger: false });
}

const NO_BOOTER = 'No API to boot: the API registers it (apps/api/src/testing/test-app.ts, its jest set-up).';

/**
 * The database integration specs run against:
 * - `TEST_DB=postgres`: a fresh database on `TEST_DATABASE_URL` (default: the machine's PostgreSQL at
 *   127.0.0.1:5432), created for the spec file and dropped after it. CI forces this.
 * - `TEST_DB=pglite`: a fresh embedded data folder.
 * - unset (`auto`): PostgreSQL when it answers, else PGlite (a laptop without a server).
 */
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function testDatabaseKind(): Promise<'postgres' | 'pglite'> {
  const wanted = process.env['TEST_DB'] ?? 'auto';
  if (wanted === 'postgres' || wanted === 'pglite') return wanted;
  return (await postgresReachable()) ? 'postgres' : 'pglite';
}

export type TestApp<R extends BootedApp = BootedApp> = R & TestAppExtras<R>;

export interface TestAppExtras<R extends BootedApp> {
  kind: 'postgres' | 'pglite';
  /** The variables it was started with (its database among them). */
  env: Record<string, string>;
  /** Inject a request; JSON in and out. */
  request(
    method: string,
    url: string,
    options?: { body?: unknown; token?: string; cookie?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  signIn(email: string, password?: string): Promise<Session & { cookie: string }>;
  /**
   * Closes this app and starts another on the same database (its data kept), with these variables
   * changed, as a restart with a new configuration would. Use the returned app from then on.
   */
  reopen(env: Record<string, string>): Promise<TestApp<R>>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- specs read whatever the API answered
  /** `tc_refresh=…` from set-cookie, ready to send back, when the response set it. */
  refreshCookie: string | null;
  /** The body's bytes (files such as XLSX). */
  raw: Buffer;
}

export async function createTestApp<R extends BootedApp = BootedApp>(
  env: Record<string, string> = {},
  kind?: 'postgres' | 'pglite',
  /** Where the log lines go (with `LOG_LEVEL` in `env`); by default the app logs nothing. */
  logDestination?: DestinationStream,
): Promise<TestApp<R>> {
  const dbKind = kind ?? (await testDatabaseKind());
  let cleanup: () => Promise<void>;
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://academy.test',
    SIGN_IN_LIMIT_PER_ACCOUNT: '1000',
    SIGN_IN_LIMIT_PER_IP: '1000',
    DEMO_SEED: 'true',
    WEB_DIST: join(tmpdir(), 'tc-no-web-build'),
  };
  if (dbKind === 'postgres') {
    const name = `tc_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    baseEnv['DATABASE_URL'] = url.toString();
    cleanup = async () => {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tc-pglite-'));
    baseEnv['DATA_DIR'] = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  return startTestApp<R>({ ...baseEnv, ...env }, dbKind, cleanup, logDestination);
}

async function startTestApp<R extends BootedApp>(
  env: Record<string, string>,
  dbKind: 'postgres' | 'pglite',
  cleanup: () => Promise<void>,
  logDestination?: DestinationStream,
): Promise<TestApp<R>> {
  if (!booter) throw new Error(NO_BOOTER);
  const running = (await booter(env, logDestination ? { logDestination } : { logger: false })) as R;
  const fastify = running.app.getHttpAdapter().getInstance();
  const request: TestAppExtras<R>['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.cookie) headers['cookie'] = options.cookie;
    const res = await fastify.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    const refresh = res.cookies.find((c) => c.name === 'tc_refresh');
    return {
      status: res.statusCode,
      headers: res.headers,
      // A compressed body (a spec asking for it) is left to the spec, as `raw`.
      body:
        type.includes('json') && res.body && !res.headers['content-encoding']
          ? JSON.parse(res.body)
          : res.body,
      refreshCookie: refresh && refresh.value ? `tc_refresh=${refresh.value}` : null,
      raw: res.rawPayload,
    };
  };
  return {
    ...running,
    kind: dbKind,
    env,
    request,
    async signIn(email, password = 'demo-password-2026') {
      const res = await request('POST', '/api/v1/auth/sign-in', { body: { email, password } });
      if (res.status !== 200 || !res.refreshCookie)
        throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...(res.body as Session), cookie: res.refreshCookie };
    },
    async close() {
      await running.close();
      await cleanup();
    },
    async reopen(changes) {
      await running.close();
      return startTestApp<R>({ ...env, ...changes }, dbKind, cleanup, logDestination);
    },
  };
}
