/**
 * The system under test, started on spare loopback ports in a temporary folder: its own PostgreSQL 15
 * cluster, a Redis without persistence, two API processes (the first runs the migrations and the demo
 * data) and nginx in front of both. Nothing else on the machine is touched.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ACCOUNT_LIMIT, API_DIST, COACHES, JWT_SECRET, PG_BIN, ROOT, SECONDS } from './config';
import { asPostgres, asPostgresAsync, folders, healthy, sparePort, start, tail, waitFor } from './processes';
import { REMINDER_SCAN_CRON } from './reminders';

export type ApiName = 'api-a' | 'api-b';

export interface Services {
  /** nginx, in front of both API processes. */
  base: string;
  /** nginx's access log: method uri|status|upstream|upstream status|time|upstream time. */
  accessLog: string;
  databaseUrl: string;
  /** The evidence folder both API processes keep practice files (and unfinished tus uploads) in. */
  evidenceDir: string;
  redis: Redis;
  /** The prefix of every Redis key of the run's APIs. */
  keyPrefix: string;
  apiPortA: number;
  /** Starts an API process (again, after the kill) on its port. */
  startApi(name: ApiName, port: number, seed: boolean): ChildProcess;
  /** `pg_ctl restart -m fast`, without blocking the event loop. */
  restartPostgres(): Promise<void>;
}

/** Checks what the run needs, then starts every service; `since0` says how long the run has been going. */
export async function startServices(since0: () => string): Promise<Services> {
  const mainJs = join(API_DIST, 'apps/api/src/main.js');
  if (!existsSync(mainJs)) throw new Error(`No API build at ${mainJs}: run \`npx nx build api\` first.`);
  for (const [bin, hint] of [
    [`${PG_BIN}/initdb`, 'apt-get install -y postgresql-15'],
    ['/usr/sbin/nginx', 'apt-get install -y nginx'],
  ] as const)
    if (!existsSync(bin)) throw new Error(`${bin} is missing (${hint}).`);
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('redis-server is missing (apt-get install -y redis-server).');

  const workDir = mkdtempSync('/tmp/tc-load-faults-');
  folders.work = workDir;
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
  const pgData = join(workDir, 'pg');
  folders.pgData = pgData;
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
  const pgCtlArgs = (...args: string[]) => ['-D', pgData, '-l', join(pgData, 'server.log'), '-w', ...args];
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
  // Production on PostgreSQL seals the credential issuer's keys with this; both processes share it.
  const credentialKeySecret = randomBytes(32).toString('base64');
  // One evidence folder for both processes: an upload created on one resumes on the other.
  const evidenceDir = join(workDir, 'evidence');
  const apiEnv = (port: number, seed: boolean): Record<string, string> => ({
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_KEY_PREFIX: keyPrefix,
    JWT_SECRET,
    CREDENTIAL_KEY_SECRET: credentialKeySecret,
    DEMO_SEED: seed ? 'true' : 'false',
    // The deadline-reminder scan every minute, so that scans run through the faults (reminders.ts).
    REMINDER_SCAN_CRON,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    // Production refuses an address on this machine; only links in e-mails and certificates use it.
    PUBLIC_URL: 'https://load-faults.example.org',
    DATA_DIR: join(workDir, 'data'),
    EVIDENCE_DIR: evidenceDir,
    WEB_DIST: join(workDir, 'no-web-build'),
    SIGN_IN_LIMIT_PER_ACCOUNT: String(ACCOUNT_LIMIT),
    // Every simulated coach signs in from 127.0.0.1; real ones come from many addresses.
    SIGN_IN_LIMIT_PER_IP: '100000',
    SIGN_IN_LOCKOUT_AFTER: '100',
    NODE_OPTIONS: '',
  });
  const startApi = (name: ApiName, port: number, seed: boolean) =>
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
  writeFileSync(join(nginxDir, 'nginx.conf'), nginxConf(nginxDir, accessLog, apiPortA, apiPortB, nginxPort));
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

  return {
    base: `http://127.0.0.1:${nginxPort}`,
    accessLog,
    databaseUrl,
    evidenceDir,
    redis,
    keyPrefix,
    apiPortA,
    startApi,
    restartPostgres: () => asPostgresAsync('pg_ctl', pgCtlArgs('-o', pgOptions, '-m', 'fast', 'restart')),
  };
}

function nginxConf(
  nginxDir: string,
  accessLog: string,
  apiPortA: number,
  apiPortB: number,
  nginxPort: number,
): string {
  return `worker_processes 1;
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
    # Evidence uploads (tus): a PATCH streams to the process as it arrives (not buffered to disk
    # first), within a photo's 1 MB and a voice note's or a PDF's 10 MB.
    location /api/v1/practice/uploads {
      client_max_body_size 11m;
      proxy_request_buffering off;
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`;
}
