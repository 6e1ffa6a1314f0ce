/**
 * The child processes of the run: starting one with its log in the work folder, waiting until it
 * answers, running PostgreSQL's tools as the postgres user, spare loopback ports, and the clean-up
 * that stops every process and removes the work folder (at exit, on failure, Ctrl-C or SIGTERM).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PG_BIN } from './config';

interface Started {
  name: string;
  child: ChildProcess;
  /** How to stop it at clean-up. */
  signal: NodeJS.Signals;
}

export const running = new Map<string, Started>();
/** The run's temporary folder and the PostgreSQL cluster's data folder in it, once made. */
export const folders: { work: string | null; pgData: string | null } = { work: null, pgData: null };
let cleaned = false;

export function sleep(ms: number): Promise<void> {
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
export function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  for (const { child, signal } of running.values()) {
    if (alive(child.pid)) child.kill(signal);
  }
  const { pgData, work } = folders;
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
  if (work) rmSync(work, { recursive: true, force: true });
}

/** Runs the clean-up at exit and on Ctrl-C, SIGTERM or SIGHUP (then exits 130). */
export function cleanUpOnExit(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping every process of the run`);
      cleanup();
      process.exit(130);
    });
  }
  process.on('exit', cleanup);
}

export function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  const log = openSync(join(folders.work as string, `${name}.log`), 'a');
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  running.set(name, { name, child, signal: name === 'nginx' ? 'SIGTERM' : 'SIGKILL' });
  return child;
}

export function tail(name: string, lines = 25): string {
  const file = join(folders.work as string, `${name}.log`);
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export function asPostgres(tool: string, args: string[]): void {
  run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args]);
}

/** The same without blocking the event loop (the coaches go on meanwhile). */
export function asPostgresAsync(tool: string, args: string[]): Promise<void> {
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

export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Polls `check` until it holds; fails at once when the process `name` (if given) has exited. */
export async function waitFor(
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

export async function healthy(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
  return res.status === 200;
}
