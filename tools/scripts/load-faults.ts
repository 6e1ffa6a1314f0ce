/**
 * Load and faults: `npm run load:faults` (builds the API first).
 *
 * 200 simulated coaches send progress for LOAD_SECONDS (default 300) to two API processes behind
 * nginx, which share a PostgreSQL 15 cluster and a Redis that this script starts on spare loopback
 * ports in a temporary folder (nothing else on the machine is touched). Each coach keeps an outbox
 * and sends it as the web app does (libs/learning/web/src/lib/data-access/progress-sync/, whose
 * batch size and retry rules it imports from `@tc/learning/web/sync-policy`): events with client ids
 * in small batches, the same ids again on retry, a doubling jittered wait after a network error, a
 * 5xx, a 429 or a 401, and at once when there is something new to send.
 *
 * Faults during the run: one API process is killed with SIGKILL at 25 % and started again; the
 * PostgreSQL cluster is restarted (`pg_ctl restart -m fast`) at 60 %.
 *
 * Afterwards (once every coach's outbox has drained): every event the server acknowledged is stored
 * exactly once, none is lost, nothing unknown is stored, the lesson summaries equal a recount of the
 * raw events, the per-cohort counters equal a recount of the summaries, and the observatory's
 * rollups equal a recount of their sources. Prints totals, error rates by kind, latencies and req/s;
 * exits 1 on any violation. Every process and the temporary folder are removed, also on failure,
 * Ctrl-C or SIGTERM.
 *
 * Needs: a built API (dist/apps/api, or LOAD_API_DIST), PostgreSQL 15 binaries (PG_BIN, default
 * /usr/lib/postgresql/15/bin), redis-server and nginx on the PATH. Run as root, PostgreSQL runs as
 * the `postgres` user (initdb refuses root).
 *
 * Settings: LOAD_SECONDS (300), LOAD_COACHES (200), LOAD_THINK_MS (mean pause between a coach's
 * actions, 2000), LOAD_DRAIN_SECONDS (most time for the final drain, 240).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { PROGRESS_BATCH_SIZE, isRetryableStatus, retryDelay } from '@tc/learning/web/sync-policy';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { MyEnrolment } from '../../libs/shared/contracts/src/lib/cohorts';
import type {
  LearnerCourse,
  ProgressEvent,
  ProgressResult,
} from '../../libs/shared/contracts/src/lib/learning';
import { rollupDifferences } from '../../libs/observatory/api/src/testing';

const ROOT = resolve(__dirname, '../..');
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 300);
const COACHES = Number(process.env['LOAD_COACHES'] ?? 200);
const THINK_MS = Number(process.env['LOAD_THINK_MS'] ?? 2000);
const DRAIN_SECONDS = Number(process.env['LOAD_DRAIN_SECONDS'] ?? 240);
const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const API_DIST = resolve(ROOT, process.env['LOAD_API_DIST'] ?? 'dist/apps/api');
const JWT_SECRET = randomBytes(32).toString('base64url');
const PASSWORD = 'demo-password-2026';
/** The per-account sign-in limit of the run, checked across both processes through nginx. */
const ACCOUNT_LIMIT = 10;

// ---------------------------------------------------------------- processes and clean-up

interface Started {
  name: string;
  child: ChildProcess;
  /** How to stop it at clean-up. */
  signal: NodeJS.Signals;
}

const running = new Map<string, Started>();
let workDir: string | null = null;
let pgData: string | null = null;
let cleaned = false;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops everything this script started and removes its folder; synchronous, so signals can use it. */
function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  for (const { child, signal } of running.values()) {
    if (alive(child.pid)) child.kill(signal);
  }
  if (pgData && existsSync(join(pgData, 'postmaster.pid'))) {
    spawnSync(
      'runuser',
      ['-u', 'postgres', '--', `${PG_BIN}/pg_ctl`, '-D', pgData, 'stop', '-m', 'immediate'],
      {
        stdio: 'ignore',
      },
    );
  }
  // nginx's master stops its workers on SIGTERM: wait for it before the folder goes.
  for (let i = 0; i < 50 && [...running.values()].some((s) => alive(s.child.pid)); i++) sleepSync(100);
  for (const { child } of running.values()) if (alive(child.pid)) child.kill('SIGKILL');
  running.clear();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every process of the run`);
    cleanup();
    process.exit(130);
  });
}
process.on('exit', cleanup);

function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  const log = openSync(join(workDir as string, `${name}.log`), 'a');
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  running.set(name, { name, child, signal: name === 'nginx' ? 'SIGTERM' : 'SIGKILL' });
  return child;
}

function tail(name: string, lines = 25): string {
  const file = join(workDir as string, `${name}.log`);
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The 500s nginx saw (which process, how long) and, from the APIs' own logs, the error behind each
 * 500 an API answered (the problem filter's "Unhandled error", matched by request id); '' when no
 * request got a 500. The 503s of the fault windows are expected and left out.
 */
function serverErrorReport(accessLog: string): string {
  const answered500 = readFileSync(accessLog, 'utf8')
    .split('\n')
    .filter((line) => line.split('|')[1] === '500');
  interface LogLine {
    level?: number;
    requestId?: string;
    req?: { id?: string };
    res?: { statusCode?: number };
    err?: { type?: string; message?: string; code?: string; stack?: string };
  }
  const causes = (['api-a', 'api-b'] as const).flatMap((name) => {
    const file = join(workDir as string, `${name}.log`);
    if (!existsSync(file)) return [];
    const errors: LogLine[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      try {
        const entry = JSON.parse(line) as LogLine;
        if ((entry.level ?? 0) >= 50) errors.push(entry);
      } catch {
        // Not a log line (the process's own output).
      }
    }
    const failed = new Set(errors.filter((e) => e.res?.statusCode === 500).map((e) => e.req?.id));
    return errors
      .filter((e) => e.err && failed.has(e.requestId))
      .map((e) => {
        const stack = (e.err?.stack ?? '').split('\n').slice(1, 6).join(' | ');
        return `${name} ${e.requestId}: ${e.err?.type} ${e.err?.code ?? ''} ${e.err?.message} — ${stack}`;
      });
  });
  if (!answered500.length && !causes.length) return '';
  return [
    `server errors: ${answered500.length} answered 500 (nginx: method uri|status|upstream|upstream status|time|upstream time)`,
    ...answered500.slice(0, 10).map((line) => `  ${line}`),
    `their causes, from the APIs' logs: ${causes.length}`,
    ...causes.slice(0, 10).map((line) => `  ${line}`),
  ].join('\n');
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

function asPostgres(tool: string, args: string[]): void {
  run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args]);
}

/** The same without blocking the event loop (the coaches go on meanwhile). */
function asPostgresAsync(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args], {
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Polls `check` until it holds; fails at once when the process `name` (if given) has exited. */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  seconds: number,
  name?: string,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if (await check().catch(() => false)) return Date.now() - started;
    const child = name ? running.get(name)?.child : undefined;
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${what}: the process exited (${child.exitCode ?? child.signalCode})`);
    await sleep(200);
  }
  throw new Error(`${what} not ready after ${seconds} s`);
}

async function healthy(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
  return res.status === 200;
}

// ---------------------------------------------------------------- HTTP with measurements

const latencies: number[] = [];
const errors = new Map<string, number>();
let requests = 0;

function countError(kind: string): void {
  errors.set(kind, (errors.get(kind) ?? 0) + 1);
}

interface Answer<T> {
  status: number;
  body: T | null;
}

async function http<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; csv?: string; measure?: boolean } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const started = performance.now();
  let status = 0;
  let parsed: T | null = null;
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    status = res.status;
    const text = await res.text();
    parsed =
      text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : null;
  } catch (error: unknown) {
    status = 0;
    if (options.measure)
      countError(
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout (30 s)' : 'network error',
      );
  }
  if (options.measure) {
    requests++;
    latencies.push(performance.now() - started);
    if (status !== 0 && (status < 200 || status > 299)) countError(`HTTP ${status}`);
  }
  return { status, body: parsed };
}

// ---------------------------------------------------------------- one coach, as the web app sends

interface Lesson {
  key: string;
  kind: string;
}

class Coach {
  private outbox: ProgressEvent[] = [];
  private run: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  readonly generated: string[] = [];
  readonly acknowledged = new Set<string>();
  /** Events the server answered as duplicates: sent again after an answer that never came back. */
  duplicates = 0;
  readonly rejected: { id: string; why: string }[] = [];
  /** The coach's place in the course, and whether that lesson is open (started, not completed). */
  private next = 0;
  private opened = false;

  constructor(
    private readonly base: string,
    readonly email: string,
    private token: string,
    readonly enrolmentId: string,
    private readonly lessons: Lesson[],
  ) {}

  get pending(): number {
    return this.outbox.length;
  }

  /**
   * What a coach does between two pauses (1 to 3 events): mostly opens again a lesson already seen
   * (`started`), sometimes takes the next step of the course: opens the next lesson, or completes the
   * one open (quizzes are completed by grading, so they are only opened). About 3 minutes to the end.
   */
  act(): void {
    const count = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < count; i++) {
      const current = this.lessons[this.next];
      if (!current || (this.next > 0 && Math.random() < 0.85)) {
        const seen = this.lessons[
          Math.floor(Math.random() * Math.min(this.next + 1, this.lessons.length))
        ] as Lesson;
        this.record(seen.key, 'started');
      } else if (!this.opened) {
        this.record(current.key, 'started');
        this.opened = current.kind !== 'quiz';
        if (current.kind === 'quiz') this.next++;
      } else {
        this.record(current.key, 'completed');
        this.opened = false;
        this.next++;
      }
    }
  }

  private record(lessonKey: string, type: 'started' | 'completed'): void {
    const event: ProgressEvent = {
      id: randomUUID(),
      enrolmentId: this.enrolmentId,
      lessonKey,
      type,
      occurredAt: new Date().toISOString(),
    };
    this.generated.push(event.id);
    this.outbox.push(event);
    void this.flush();
  }

  /** Sends everything waiting; a send in progress is asked to look once more. */
  flush(): Promise<void> {
    this.clearTimer();
    if (this.run) {
      this.again = true;
      return this.run;
    }
    this.run = this.sendAll().finally(() => {
      this.run = null;
    });
    return this.run;
  }

  stop(): void {
    this.clearTimer();
  }

  private async sendAll(): Promise<void> {
    let ok = true;
    do {
      this.again = false;
      ok = await this.sendProgress();
    } while (ok && this.again);
    if (ok) this.failures = 0;
    else this.scheduleRetry();
  }

  private async sendProgress(): Promise<boolean> {
    for (;;) {
      const batch = this.outbox.slice(0, PROGRESS_BATCH_SIZE);
      if (!batch.length) return true;
      const res = await http<ProgressResult>(this.base, 'POST', '/api/v1/progress/events', {
        token: this.token,
        body: { events: batch },
        measure: true,
      });
      if (res.status < 200 || res.status > 299 || !res.body) {
        if (res.status === 401) await this.signInAgain();
        if (isRetryableStatus(res.status)) return false;
        for (const e of batch) this.rejected.push({ id: e.id, why: `batch refused with ${res.status}` });
        this.remove(batch.map((e) => e.id));
        continue;
      }
      const answered = new Set<string>();
      this.duplicates += res.body.duplicates.length;
      for (const id of [...res.body.accepted, ...res.body.duplicates]) {
        answered.add(id);
        this.acknowledged.add(id);
      }
      for (const r of res.body.rejected) {
        answered.add(r.id);
        this.rejected.push({ id: r.id, why: r.reason });
      }
      this.remove([...answered]);
      if (batch.some((e) => !answered.has(e.id))) return false;
    }
  }

  private remove(ids: string[]): void {
    const gone = new Set(ids);
    this.outbox = this.outbox.filter((e) => !gone.has(e.id));
  }

  /** The web app renews its session on 401 (refresh cookie); here the coach signs in again. */
  private async signInAgain(): Promise<void> {
    const res = await http<{ accessToken: string }>(this.base, 'POST', '/api/v1/auth/sign-in', {
      body: { email: this.email, password: PASSWORD },
    });
    if (res.status === 200 && res.body) this.token = res.body.accessToken;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.failures++;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.flush();
      },
      retryDelay(this.failures, Math.random()),
    );
  }

  private clearTimer(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}

async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T, i);
      }
    }),
  );
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const t0 = Date.now();
  const since0 = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const mainJs = join(API_DIST, 'apps/api/src/main.js');
  if (!existsSync(mainJs)) throw new Error(`No API build at ${mainJs}: run \`npx nx build api\` first.`);
  for (const [bin, hint] of [
    [`${PG_BIN}/initdb`, 'apt-get install -y postgresql-15'],
    ['/usr/sbin/nginx', 'apt-get install -y nginx'],
  ] as const)
    if (!existsSync(bin)) throw new Error(`${bin} is missing (${hint}).`);
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('redis-server is missing (apt-get install -y redis-server).');

  workDir = mkdtempSync('/tmp/tc-load-faults-');
  chmodSync(workDir, 0o755);
  const [pgPort, redisPort, apiPortA, apiPortB, nginxPort] = await (async () => {
    const ports = new Set<number>();
    while (ports.size < 5) ports.add(await sparePort());
    return [...ports] as [number, number, number, number, number];
  })();
  console.log(
    `load and faults: ${COACHES} coaches for ${SECONDS} s; work folder ${workDir}; ports pg ${pgPort}, redis ${redisPort}, api ${apiPortA}/${apiPortB}, nginx ${nginxPort}`,
  );

  // The API as built now: a rebuild of dist/ during the run does not change what runs.
  const apiDir = join(workDir, 'api');
  cpSync(API_DIST, apiDir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'));
  const apiMain = join(apiDir, 'apps/api/src/main.js');

  // PostgreSQL 15, its own cluster, owned by the postgres user.
  pgData = join(workDir, 'pg');
  mkdirSync(pgData, { mode: 0o700 });
  const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  chownSync(pgData, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  asPostgres('initdb', [
    '-D',
    pgData,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const pgOptions = `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${pgData} -c max_connections=60`;
  const pgCtlArgs = (...args: string[]) => [
    '-D',
    pgData as string,
    '-l',
    join(pgData as string, 'server.log'),
    '-w',
    ...args,
  ];
  asPostgres('pg_ctl', pgCtlArgs('-o', pgOptions, 'start'));
  const adminUrl = `postgresql://postgres@127.0.0.1:${pgPort}/postgres`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/tc_load`;
  {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE tc_load');
    await admin.end();
  }

  // Redis without persistence.
  start('redis', 'redis-server', [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    workDir,
  ]);
  const redis = new Redis({ port: redisPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  await waitFor('redis', async () => (await redis.ping()) === 'PONG', 20);

  // Two API processes; the first runs the migrations and the demo data (once), then the second starts.
  const keyPrefix = `tc-load-${randomBytes(4).toString('hex')}:`;
  const apiEnv = (port: number, seed: boolean): Record<string, string> => ({
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_KEY_PREFIX: keyPrefix,
    JWT_SECRET,
    DEMO_SEED: seed ? 'true' : 'false',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    // Production refuses an address on this machine; only links in e-mails and certificates use it.
    PUBLIC_URL: 'https://load-faults.example.org',
    DATA_DIR: join(workDir as string, 'data'),
    WEB_DIST: join(workDir as string, 'no-web-build'),
    SIGN_IN_LIMIT_PER_ACCOUNT: String(ACCOUNT_LIMIT),
    // Every simulated coach signs in from 127.0.0.1; real ones come from many addresses.
    SIGN_IN_LIMIT_PER_IP: '100000',
    SIGN_IN_LOCKOUT_AFTER: '100',
    NODE_OPTIONS: '',
  });
  const startApi = (name: 'api-a' | 'api-b', port: number, seed: boolean) =>
    start(name, process.execPath, [apiMain], apiEnv(port, seed));
  startApi('api-a', apiPortA, true);
  const seedMs = await waitFor(
    'API A (migrations and demo data)',
    () => healthy(apiPortA),
    300,
    'api-a',
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${tail('api-a')}`);
  });
  startApi('api-b', apiPortB, false);
  await waitFor('API B', () => healthy(apiPortB), 120, 'api-b').catch((error: unknown) => {
    throw new Error(`${String(error)}\n${tail('api-b')}`);
  });
  console.log(`APIs up after ${since0()} (migrations and demo data: ${(seedMs / 1000).toFixed(1)} s)`);

  // nginx in front of both, its own configuration, pid and logs.
  const nginxDir = join(workDir, 'nginx');
  mkdirSync(nginxDir);
  const accessLog = join(nginxDir, 'access.log');
  writeFileSync(
    join(nginxDir, 'nginx.conf'),
    `worker_processes 1;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log warn;
daemon off;
events { worker_connections 2048; }
http {
  log_format upstream '$request_method $uri|$status|$upstream_addr|$upstream_status|$request_time|$upstream_response_time';
  access_log ${accessLog} upstream;
  client_body_temp_path ${nginxDir}/body;
  proxy_temp_path ${nginxDir}/proxy;
  fastcgi_temp_path ${nginxDir}/fastcgi;
  uwsgi_temp_path ${nginxDir}/uwsgi;
  scgi_temp_path ${nginxDir}/scgi;
  client_max_body_size 8m;
  upstream api {
    server 127.0.0.1:${apiPortA} max_fails=1 fail_timeout=3s;
    server 127.0.0.1:${apiPortB} max_fails=1 fail_timeout=3s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # A request that could not reach a process goes to the other one. nginx resends a POST only if
      # it was not sent yet (connection refused); one cut mid-way is answered 502 and the client retries.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`,
  );
  start('nginx', '/usr/sbin/nginx', [
    '-p',
    nginxDir,
    '-c',
    join(nginxDir, 'nginx.conf'),
    '-e',
    join(nginxDir, 'error.log'),
  ]);
  await waitFor('nginx', () => healthy(nginxPort), 20, 'nginx').catch((error: unknown) => {
    throw new Error(`${String(error)}\n${tail('nginx')}`);
  });
  const base = `http://127.0.0.1:${nginxPort}`;
  const violations: string[] = [];

  // Sign-in limits live in Redis: attempts spread over both processes count against one limit.
  const linesBefore = readFileSync(accessLog, 'utf8').split('\n').length - 1;
  const probe = `nobody-${randomBytes(4).toString('hex')}@load.test`;
  const probeStatuses: number[] = [];
  for (let i = 0; i <= ACCOUNT_LIMIT; i++)
    probeStatuses.push(
      (
        await http(base, 'POST', '/api/v1/auth/sign-in', {
          body: { email: probe, password: 'wrong-password' },
        })
      ).status,
    );
  const probeUpstreams = new Set(
    readFileSync(accessLog, 'utf8')
      .split('\n')
      .slice(linesBefore)
      .filter((l) => l.startsWith('POST /api/v1/auth/sign-in'))
      .flatMap((l) => (l.split('|')[2] ?? '').split(', ')),
  );
  const limitShared =
    probeStatuses.slice(0, ACCOUNT_LIMIT).every((s) => s === 401) && probeStatuses[ACCOUNT_LIMIT] === 429;
  console.log(
    `sign-in limit across both processes: ${ACCOUNT_LIMIT} wrong passwords → 401, the next → ${probeStatuses[ACCOUNT_LIMIT]} (served by ${[...probeUpstreams].join(' and ')})`,
  );
  if (!limitShared) violations.push(`sign-in limit not shared: ${probeStatuses.join(',')}`);
  if (probeUpstreams.size < 2) violations.push('the sign-in probe did not reach both API processes');
  if (!(await redis.keys(`${keyPrefix}*`)).length) violations.push('no sign-in counter in Redis');

  // 200 coaches enrolled in a new cohort of the demo course (the trainer's CSV import), signed in.
  const trainer = await http<{ accessToken: string }>(base, 'POST', '/api/v1/auth/sign-in', {
    body: { email: 'trainer@example.org', password: PASSWORD },
  });
  if (!trainer.body) throw new Error(`trainer sign-in: ${trainer.status}`);
  const trainerToken = trainer.body.accessToken;
  const ds = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 2 } });
  await ds.initialize();
  const courses = await http<{ id: string }[]>(base, 'GET', '/api/v1/courses', { token: trainerToken });
  const course = courses.body?.[0];
  const [territory] = (await ds.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[];
  const cohort = await http<{ id: string }>(base, 'POST', '/api/v1/cohorts', {
    token: trainerToken,
    body: {
      name: `Load ${new Date().toISOString()}`,
      courseId: course?.id,
      courseVersion: 1,
      territoryId: territory?.id,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  if (!cohort.body?.id) throw new Error(`cohort: ${cohort.status} ${JSON.stringify(cohort.body)}`);
  const cohortId = cohort.body.id;
  const emails = Array.from({ length: COACHES }, (_, i) => `load${i}@coop.ma`);
  const importStarted = Date.now();
  const imported = await http<{ created?: number }>(
    base,
    'POST',
    `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=false`,
    {
      token: trainerToken,
      csv: ['email,full name,territory code', ...emails.map((e, i) => `${e},Load Coach ${i},MA-BER`)].join(
        '\n',
      ),
    },
  );
  if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
  // Imported addresses are invited (no password, no role, no enrolment until they accept): give them
  // the demo password and the coach role of MA-02 directly, then import again, which enrols coaches of
  // the cohort's territory at once.
  await ds.query(
    `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'coach@example.org') WHERE email = ANY($1)`,
    [emails],
  );
  await ds.query(
    `INSERT INTO role_assignments (user_id, role, territory_id)
     SELECT id, 'coach', $2 FROM users WHERE email = ANY($1)
     ON CONFLICT ON CONSTRAINT uq_role_assignment DO NOTHING`,
    [emails, territory?.id],
  );
  const enrolled = await http<unknown>(
    base,
    'POST',
    `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=false`,
    {
      token: trainerToken,
      csv: ['email,full name,territory code', ...emails.map((e, i) => `${e},Load Coach ${i},MA-BER`)].join(
        '\n',
      ),
    },
  );
  if (enrolled.status !== 200) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const importSeconds = (Date.now() - importStarted) / 1000;
  const signInStarted = Date.now();
  const sessions = await pool(emails, 8, async (email) => {
    const res = await http<{ accessToken: string }>(base, 'POST', '/api/v1/auth/sign-in', {
      body: { email, password: PASSWORD },
    });
    if (res.status !== 200 || !res.body) throw new Error(`sign-in of ${email}: ${res.status}`);
    const mine = await http<MyEnrolment[]>(base, 'GET', '/api/v1/me/enrolments', {
      token: res.body.accessToken,
    });
    const enrolment = mine.body?.find((e) => e.cohortId === cohortId);
    if (!enrolment) throw new Error(`${email} has no enrolment in the load cohort`);
    return { email, token: res.body.accessToken, enrolmentId: enrolment.enrolmentId };
  });
  const signInSeconds = (Date.now() - signInStarted) / 1000;
  const first = sessions[0] as (typeof sessions)[number];
  const learner = await http<LearnerCourse>(base, 'GET', `/api/v1/enrolments/${first.enrolmentId}`, {
    token: first.token,
  });
  const lessons: Lesson[] = (learner.body?.course.modules ?? []).flatMap((m) =>
    m.lessons.map((l) => ({ key: l.key, kind: l.kind })),
  );
  if (!lessons.length) throw new Error('the demo course has no lesson');
  const coaches = sessions.map((s) => new Coach(base, s.email, s.token, s.enrolmentId, lessons));
  console.log(
    `${coaches.length} coaches enrolled (CSV import ${importSeconds.toFixed(1)} s) and signed in (${signInSeconds.toFixed(1)} s) after ${since0()}; ${lessons.length} lessons; load starts`,
  );

  // The load, and the faults on a timeline.
  const faults: string[] = [];
  let stopped = false;
  const loadStarted = Date.now();
  const since = () => `${((Date.now() - loadStarted) / 1000).toFixed(1)} s`;
  // What the database sessions of the API wait for, sampled every 2 s (where the time goes).
  const waits = new Map<string, number>();
  const lockedStatements = new Map<string, number>();
  let samples = 0;
  const sampler = (async () => {
    while (!stopped) {
      await sleep(2000);
      const rows = (await ds
        .query(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,
                  CASE WHEN wait_event_type = 'Lock' THEN regexp_replace(left(query, 200), '\\s+', ' ', 'g') END AS statement
             FROM pg_stat_activity WHERE datname = 'tc_load' AND state = 'active' AND pid <> pg_backend_pid()`,
        )
        .catch(() => null)) as { wait: string; statement: string | null }[] | null;
      if (!rows) continue;
      samples++;
      for (const r of rows) {
        waits.set(r.wait, (waits.get(r.wait) ?? 0) + 1);
        if (r.statement) {
          // The statement's first words say which rows are hot (INSERT INTO cohort_progress_counters …).
          const head = r.statement.split(' ').slice(0, 4).join(' ');
          lockedStatements.set(head, (lockedStatements.get(head) ?? 0) + 1);
        }
      }
    }
  })();
  const activity = coaches.map(async (coach) => {
    await sleep(Math.random() * THINK_MS);
    while (!stopped) {
      coach.act();
      await sleep(THINK_MS * (0.5 + Math.random()));
    }
  });
  const fault = (at: number, act: () => Promise<void>) =>
    sleep(SECONDS * 1000 * at)
      .then(act)
      .catch((error: unknown) => {
        violations.push(`a fault could not be carried out or recovered from: ${String(error)}`);
      });
  const faultTimeline = Promise.all([
    fault(0.25, async () => {
      const a = running.get('api-a')?.child;
      const exited = new Promise((r) => a?.once('exit', r));
      a?.kill('SIGKILL');
      faults.push(`${since()}: API A killed (SIGKILL)`);
      await exited;
      startApi('api-a', apiPortA, false);
      const back = await waitFor('API A after SIGKILL', () => healthy(apiPortA), 180, 'api-a');
      faults.push(`${since()}: API A restarted, healthy ${(back / 1000).toFixed(1)} s after its start`);
    }),
    fault(0.6, async () => {
      faults.push(`${since()}: PostgreSQL restart (pg_ctl restart -m fast)`);
      const pgStarted = Date.now();
      await asPostgresAsync('pg_ctl', pgCtlArgs('-o', pgOptions, '-m', 'fast', 'restart'));
      faults.push(`${since()}: PostgreSQL back after ${((Date.now() - pgStarted) / 1000).toFixed(1)} s`);
    }),
  ]);
  await sleep(SECONDS * 1000);
  stopped = true;
  await Promise.all(activity);
  await sampler;
  await faultTimeline;
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  const requestsInLoad = requests;

  // The drain: each coach's outbox goes now (as when the page comes back online), then by back-off.
  const drainStarted = Date.now();
  await Promise.all(coaches.map((c) => c.flush()));
  while (coaches.some((c) => c.pending) && Date.now() - drainStarted < DRAIN_SECONDS * 1000) await sleep(250);
  for (const c of coaches) c.stop();
  const drainSeconds = (Date.now() - drainStarted) / 1000;

  // Verification against the database.
  const generated = coaches.flatMap((c) => c.generated);
  const acknowledged = new Set(coaches.flatMap((c) => [...c.acknowledged]));
  const rejected = coaches.flatMap((c) => c.rejected);
  const stillPending = coaches.reduce((n, c) => n + c.pending, 0);
  const storedRows = (await ds.query(
    `SELECT id::text, count(*)::int AS n FROM progress_events WHERE id = ANY($1::uuid[]) GROUP BY id`,
    [generated],
  )) as { id: string; n: number }[];
  const stored = new Set(storedRows.map((r) => r.id));
  const storedTwice = storedRows.filter((r) => r.n > 1).length;
  const [cohortRows] = (await ds.query(
    `SELECT count(*)::int AS n FROM progress_events p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.cohort_id = $1`,
    [cohortId],
  )) as { n: number }[];
  const ackedNotStored = [...acknowledged].filter((id) => !stored.has(id)).length;
  const lost = generated.filter((id) => !acknowledged.has(id)).length;
  const storedNotAcked = [...stored].filter((id) => !acknowledged.has(id)).length;
  const duplicateAnswers = coaches.reduce((n, c) => n + c.duplicates, 0);
  const unknownStored = (cohortRows?.n ?? 0) - stored.size;

  // Lesson summaries = the raw events recounted (quizzes are completed by grading, not by events).
  const quizKeys = lessons.filter((l) => l.kind === 'quiz').map((l) => l.key);
  const summaryDiff = (await ds.query(
    `WITH expected AS (
       SELECT p.enrolment_id, p.lesson_key, min(p.occurred_at) AS started_at,
              min(p.occurred_at) FILTER (WHERE p.type = 'completed' AND NOT p.lesson_key = ANY($2)) AS completed_at,
              max(p.occurred_at) AS last_activity_at
         FROM progress_events p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.cohort_id = $1
        GROUP BY 1, 2),
     actual AS (
       SELECT lp.enrolment_id, lp.lesson_key, lp.started_at, lp.completed_at, lp.last_activity_at
         FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id WHERE e.cohort_id = $1)
     SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual) x
     UNION ALL SELECT 'unexpected', * FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected) y`,
    [cohortId, quizKeys],
  )) as unknown[];
  // Per-cohort counters = the summaries recounted. Checked for the load's cohort; the demo's synthetic
  // cohorts are written by SQL without their counters (reported, not a fault of the run).
  const allCounterDiff = (await ds.query(
    `WITH expected AS (
       SELECT e.cohort_id, lp.lesson_key, count(*) FILTER (WHERE lp.started_at IS NOT NULL)::int AS started,
              count(*) FILTER (WHERE lp.completed_at IS NOT NULL)::int AS completed
         FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id GROUP BY 1, 2
       UNION ALL
       SELECT c.id, '', (SELECT count(DISTINCT lp.enrolment_id) FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id
                          WHERE e.cohort_id = c.id AND lp.started_at IS NOT NULL)::int,
              (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.completed_at IS NOT NULL)::int
         FROM cohorts c),
     actual AS (SELECT cohort_id, lesson_key, started, completed FROM cohort_progress_counters)
     SELECT 'missing' AS side, * FROM (SELECT * FROM expected WHERE (started, completed) <> (0, 0)
                                       EXCEPT ALL SELECT * FROM actual WHERE (started, completed) <> (0, 0)) x
     UNION ALL SELECT 'unexpected', * FROM (SELECT * FROM actual WHERE (started, completed) <> (0, 0)
                                            EXCEPT ALL SELECT * FROM expected WHERE (started, completed) <> (0, 0)) y`,
  )) as { side: string; cohort_id: string }[];
  const counterDiff = allCounterDiff.filter((r) => r.cohort_id === cohortId);
  const otherCohortsDiffering = new Set(
    allCounterDiff.filter((r) => r.cohort_id !== cohortId).map((r) => r.cohort_id),
  );
  const rollups = await rollupDifferences(ds);
  const rollupRows = Object.values(rollups).reduce((n, rows) => n + rows.length, 0);
  await ds.destroy();

  const upstreamCounts = new Map<string, number>();
  const apiTimes: number[] = [];
  for (const line of readFileSync(accessLog, 'utf8').split('\n'))
    if (line.startsWith('POST /api/v1/progress/events')) {
      const fields = line.split('|');
      const upstream = fields[2] ?? '-';
      upstreamCounts.set(upstream, (upstreamCounts.get(upstream) ?? 0) + 1);
      // The last process's answer time (after a retry to the other process: the second one).
      const time = Number((fields[5] ?? '').split(', ').at(-1));
      if (Number.isFinite(time)) apiTimes.push(time * 1000);
    }
  apiTimes.sort((x, y) => x - y);

  if (!acknowledged.size) violations.push('no event was acknowledged');
  if (ackedNotStored) violations.push(`${ackedNotStored} acknowledged events are not stored`);
  if (storedTwice) violations.push(`${storedTwice} events stored more than once`);
  if (lost) violations.push(`${lost} events never acknowledged (lost), ${stillPending} still in outboxes`);
  if (unknownStored) violations.push(`${unknownStored} stored events of the cohort that no coach sent`);
  if (rejected.length)
    violations.push(`${rejected.length} events rejected, e.g. ${JSON.stringify(rejected.slice(0, 3))}`);
  if (summaryDiff.length)
    violations.push(
      `${summaryDiff.length} lesson summaries differ from the raw events: ${JSON.stringify(summaryDiff.slice(0, 3))}`,
    );
  if (counterDiff.length)
    violations.push(
      `${counterDiff.length} cohort counters differ from a recount: ${JSON.stringify(counterDiff.slice(0, 4))}`,
    );
  if (rollupRows)
    violations.push(
      `observatory rollups differ from a recount: ${JSON.stringify(
        Object.fromEntries(
          Object.entries(rollups)
            .filter(([, rows]) => rows.length)
            .map(([t, rows]) => [t, rows.slice(0, 2)]),
        ),
      )}`,
    );
  if (faults.length < 4) violations.push(`the faults did not all happen: ${faults.join('; ')}`);

  const sorted = [...latencies].sort((x, y) => x - y);
  const failed = [...errors.values()].reduce((n, v) => n + v, 0);
  const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(34)} ${value}`);
  console.log('\nfaults');
  for (const f of faults) console.log(`  ${f}`);
  console.log('\nevents');
  line('sent (generated by the coaches)', generated.length);
  line('acknowledged (accepted or duplicate)', acknowledged.size);
  line('stored (rows with those ids)', stored.size);
  line('stored more than once', storedTwice);
  line('acknowledged but not stored', ackedNotStored);
  line('answered as duplicate (resent)', duplicateAnswers);
  line('stored but never acknowledged', storedNotAcked);
  line('lost (never acknowledged)', lost);
  line('rejected by the server', rejected.length);
  line('stored but never sent', unknownStored);
  console.log('\nrequests (POST /progress/events through nginx)');
  line('total', `${requests} (${requestsInLoad} during the load, ${requests - requestsInLoad} in the drain)`);
  line('req/s during the load', (requestsInLoad / loadSeconds).toFixed(1));
  line('events/s during the load', (generated.length / loadSeconds).toFixed(1));
  line(
    'latency p50 / p99 / max (ms)',
    `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} / ${(sorted.at(-1) ?? NaN).toFixed(1)}`,
  );
  line(
    'API time p50 / p99 (ms, nginx)',
    `${percentile(apiTimes, 50).toFixed(0)} / ${percentile(apiTimes, 99).toFixed(0)}`,
  );
  line(
    'DB sessions busy, mean (by wait)',
    [...waits.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 5)
      .map(([w, n]) => `${w} ${(n / Math.max(1, samples)).toFixed(1)}`)
      .join(', ') || '-',
  );
  if (lockedStatements.size)
    line(
      'waiting on a lock, by statement',
      [...lockedStatements.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([st, n]) => `"${st}" ${(n / Math.max(1, samples)).toFixed(1)}`)
        .join(', '),
    );
  line('failed requests', `${failed} (${((100 * failed) / Math.max(1, requests)).toFixed(2)} %)`);
  for (const [kind, n] of [...errors.entries()].sort((x, y) => y[1] - x[1]))
    line(`  ${kind}`, `${n} (${((100 * n) / Math.max(1, requests)).toFixed(2)} %)`);
  line('served by (nginx upstream)', [...upstreamCounts.entries()].map(([u, n]) => `${u}: ${n}`).join(', '));
  // A 500 is a defect, not a fault of the run: say which error it was, from the APIs' own logs, while
  // they still exist (the run's folder goes at the end).
  const serverErrors = serverErrorReport(accessLog);
  if (serverErrors) console.log(`\n${serverErrors}`);
  console.log('\nchecks');
  line('lesson summaries vs raw events', summaryDiff.length ? `${summaryDiff.length} rows differ` : 'exact');
  line('cohort counters vs recount', counterDiff.length ? `${counterDiff.length} rows differ` : 'exact');
  if (otherCohortsDiffering.size)
    line(
      '  (note) demo cohorts without counters',
      `${otherCohortsDiffering.size} (seeded by SQL, not by the run)`,
    );
  line('observatory rollups vs recount', rollupRows ? `${rollupRows} rows differ` : 'exact');
  line('sign-in limit shared via Redis', limitShared ? 'yes' : 'NO');
  console.log(
    `\nload ${loadSeconds.toFixed(0)} s, drain ${drainSeconds.toFixed(1)} s, whole run ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  redis.disconnect();
  if (violations.length) {
    console.error(`\nFAILED: ${violations.length} violation(s)`);
    for (const v of violations) console.error(`  - ${v}`);
    for (const name of ['api-a', 'api-b'] as const)
      console.error(`\n--- ${name}.log (tail)\n${tail(name, 15)}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: every acknowledged event stored exactly once, none lost, counters and rollups exact');
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanup();
    // Open handles (keep-alive sockets) must not keep a finished run waiting.
    process.exit(process.exitCode ?? 0);
  });
