import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
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
/** The PostgreSQL server's maintenance database, where test databases are made and dropped. */
export const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

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

/** The address of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Variables that change what a first boot writes (the database's place, the files the demo data
 * stores, the secret sealing the issuer keys, the seed's mode): a spec setting one of them boots on a
 * database of its own from scratch.
 */
const FIRST_BOOT_KEYS =
  /^(DATABASE_URL|DATA_DIR|MEDIA_DIR|EVIDENCE_DIR|NODE_ENV|CREDENTIAL_KEY_SECRET|DEMO_.*)$/;

/**
 * The templates found so far by this spec file (jest gives each file its own modules), by kind and
 * seed: a file booting several apps asks the database or the disk once.
 */
const templates = new Map<string, string>();

/**
 * A spec file's fresh database is a copy of one that a first boot has migrated and seeded, made once
 * per test run (`TC_TEST_RUN`, set by the API's jest global set-up, which also drops them): PostgreSQL
 * clones it with `CREATE DATABASE … TEMPLATE`, PGlite's data folder is copied. The app still boots on
 * the copy as on any database (its migrations find nothing to do, the demo data finds itself there),
 * so the spec sees exactly what a first boot leaves, without paying for one per spec file (about 15 s
 * on PGlite, 3 s on PostgreSQL). `null` (boot from scratch) outside such a run, or when the spec sets
 * a variable that changes what the first boot writes. A spec that reads the app's log lines (a
 * `logDestination`) is not given a template either: it reads what a first boot says, migrations too.
 */
async function templateFor(
  kind: 'postgres' | 'pglite',
  baseEnv: Record<string, string>,
  env: Record<string, string>,
): Promise<string | null> {
  const run = process.env['TC_TEST_RUN'];
  if (!run || !/^[a-f0-9]+$/.test(run)) return null;
  if (Object.keys(env).some((key) => FIRST_BOOT_KEYS.test(key) && key !== 'DEMO_SEED')) return null;
  const seed = env['DEMO_SEED'] ?? baseEnv['DEMO_SEED'];
  if (seed !== 'true' && seed !== 'false') return null;
  const key = `${kind}_${seed === 'true' ? 'seeded' : 'bare'}`;
  const known = templates.get(key);
  if (known) return known;
  const made =
    kind === 'postgres'
      ? await postgresTemplate(run, key, baseEnv, seed)
      : await pgliteTemplate(run, key, baseEnv, seed);
  templates.set(key, made);
  return made;
}

/** Boots the app once on a new database and closes it: the database is migrated and seeded. */
async function firstBoot(env: Record<string, string>): Promise<void> {
  if (!booter) throw new Error(NO_BOOTER);
  const running = await booter(env, { logger: false });
  await running.close();
}

/**
 * `tc_tpl_<run>_<key>`, made under a draft name and renamed when complete, so that a name that exists
 * is a finished template (two workers racing both build one; the second rename fails, its draft goes).
 */
async function postgresTemplate(
  run: string,
  key: string,
  baseEnv: Record<string, string>,
  seed: string,
): Promise<string> {
  const name = `tc_tpl_${run}_${key}`;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return name;
    const draft = `tc_tpl_${run}_draft_${randomBytes(4).toString('hex')}`;
    await client.query(`CREATE DATABASE ${draft}`);
    await firstBoot({
      ...baseEnv,
      DEMO_SEED: seed,
      DATABASE_URL: databaseUrl(draft),
      CREDENTIAL_KEY_SECRET: templateKeySecret(name),
    });
    await client.query(`ALTER DATABASE ${draft} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    try {
      await client.query(`ALTER DATABASE ${draft} RENAME TO ${name}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // another worker's came first
      await client.query(`ALTER DATABASE ${draft} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${draft}`);
    }
    return name;
  } finally {
    await client.end();
  }
}

/** The credential sealing secret of a PostgreSQL template and its copies (nothing there is secret). */
function templateKeySecret(template: string): string {
  return createHash('sha256').update(`tc-test-credentials:${template}`).digest('base64');
}

/** `<tmp>/tc-tpl-<run>-<key>`, a closed data folder, made under a draft name and renamed likewise. */
async function pgliteTemplate(
  run: string,
  key: string,
  baseEnv: Record<string, string>,
  seed: string,
): Promise<string> {
  const dir = join(tmpdir(), `tc-tpl-${run}-${key}`);
  if (existsSync(dir)) return dir;
  const draft = mkdtempSync(join(tmpdir(), `tc-tpl-${run}-draft-`));
  await firstBoot({ ...baseEnv, DEMO_SEED: seed, DATA_DIR: draft });
  try {
    renameSync(draft, dir);
  } catch (error) {
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    rmSync(draft, { recursive: true, force: true });
  }
  return dir;
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
    const template = logDestination ? null : await templateFor('postgres', baseEnv, env);
    // The issuer keys in a copy were sealed at the template's first boot: the copy opens them with the
    // same secret (a test run's app otherwise derives it from its own database URL).
    if (template) baseEnv['CREDENTIAL_KEY_SECRET'] = templateKeySecret(template);
    await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    baseEnv['DATABASE_URL'] = databaseUrl(name);
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    const template = logDestination ? null : await templateFor('pglite', baseEnv, env);
    const dir = mkdtempSync(join(tmpdir(), 'tc-pglite-'));
    if (template) cpSync(template, dir, { recursive: true });
    baseEnv['DATA_DIR'] = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    return await startTestApp<R>({ ...baseEnv, ...env }, dbKind, cleanup, logDestination);
  } catch (error) {
    // The app closed what it opened; its database copy goes too.
    await cleanup().catch(() => undefined);
    throw error;
  }
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
