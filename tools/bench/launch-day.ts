/**
 * Launch day, on PostgreSQL (figures, not a test): N coaches each post one progress event at the same
 * moment to the built API, and the database's lock waits are sampled meanwhile.
 *
 *   npx nx build api && npm run bench:launch-day     # N = 200 coaches per burst, 3 rounds (about 70 s)
 *   BENCH_COACHES=1000 npm run bench:launch-day      # the launch-day size
 *   BENCH_API_DIST=/tmp/other/dist/apps/api …        # another build (a before/after comparison)
 *
 * Three shapes of burst, each in its own cohorts: every coach in one cohort; spread over 100 cohorts
 * of one territory; spread over 100 cohorts in 100 territories. Two kinds of event, each the coach's
 * first: `completed` (the lesson begun and finished: the most counts move) and `started`. Rounds
 * alternate the order of the shapes, so that none always goes first or last on a busy machine; every
 * burst has coaches of its own (first events, never replays). The API runs as its own process (the
 * build in BENCH_API_DIST, default dist/apps/api) with its pool of 10 connections, on a scratch
 * database of the PostgreSQL at BENCH_DATABASE_URL (default 127.0.0.1:5432), dropped at the end.
 *
 * Per burst: latencies from the common start (p50/p95/p99), events/s (N over the time to the last
 * answer), answers other than 200, and from `pg_locks` every 20 ms the API's sessions waiting for a
 * lock: the sum over the samples ("waits") and the most at once, and (from `pg_stat_activity`) the
 * samples of sessions waiting on a lightweight lock. Lock waits do not depend on how busy
 * the machine is; throughput does, so the summary gives medians over the rounds. Between bursts the
 * bench waits until the API's folder has applied the pending deltas (where the build has them), and
 * says how long that took. At the end: the database time spent per event in the lesson_progress
 * trigger (the rollups' share of the hot path) and in folding, from `pg_stat_user_functions`; and the
 * counters and rollups must equal a recount.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { rollupDifferences } from '../../libs/observatory/api/src/testing';
import {
  ADMIN_URL,
  API_DIST,
  COUNTER_DIFFERENCES,
  functionTimes,
  KINDS,
  type Kind,
  N,
  prepare,
  ROUNDS,
  send,
  SHAPES,
  type Shape,
  sleep,
  sparePort,
  startApi,
  waitForFold,
} from './launch-day-world';

interface Burst {
  shape: Shape;
  kind: Kind;
  round: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  waits: number;
  peak: number;
  /** Samples of sessions waiting on a lightweight lock (a buffer, the WAL, a relation's extension). */
  lightWaits: number;
  foldMs: number | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function burst(
  port: number,
  sampler: Client,
  database: string,
  lesson: string,
  coaches: { token: string; enrolmentId: string }[],
  kind: Kind,
): Promise<Omit<Burst, 'shape' | 'kind' | 'round' | 'foldMs'>> {
  // One open connection per coach before the start, as phones already online would have.
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: coaches.length,
    maxFreeSockets: coaches.length,
  });
  await Promise.all(coaches.map(() => send(agent, port, 'GET', '/api/health/live')));
  const bodies = coaches.map((c) =>
    JSON.stringify({
      id: randomUUID(),
      enrolmentId: c.enrolmentId,
      lessonKey: lesson,
      type: kind,
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    }),
  );
  let done = false;
  let waits = 0;
  let peak = 0;
  let lightWaits = 0;
  const sampling = (async () => {
    while (!done) {
      const { rows } = await sampler.query(
        `SELECT (SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                  WHERE NOT l.granted AND a.datname = $1)::int AS n,
                (SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'LWLock')::int AS light`,
        [database],
      );
      const { n, light } = rows[0] as { n: number; light: number };
      waits += n;
      lightWaits += light;
      peak = Math.max(peak, n);
      await sleep(20);
    }
  })();
  const t0 = performance.now();
  const answers = await Promise.all(
    coaches.map((c, i) => send(agent, port, 'POST', '/api/v1/progress/events', c.token, bodies[i])),
  );
  done = true;
  await sampling;
  agent.destroy();
  const ms = answers.map((a) => a.at - t0).sort((a, b) => a - b);
  return {
    perSecond: coaches.length / (Math.max(...ms) / 1000),
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    failed: answers.filter((a) => a.status !== 200).length,
    waits,
    peak,
    lightWaits,
  };
}

async function main(): Promise<void> {
  const database = `tc_launch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  // Time spent in the rollup functions (the lesson trigger on the hot path; the fold), per call.
  await admin.query(`ALTER DATABASE ${database} SET track_functions = 'pl'`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const jwtSecret = randomBytes(32).toString('base64url');
  const port = await sparePort();
  const logFile = join(tmpdir(), `${database}.log`);
  let api: { child: ChildProcess; work: string } | undefined;
  const db = new Client({ connectionString: url.toString() });
  const sampler = new Client({ connectionString: url.toString() });
  try {
    console.log(
      `launch day: ${N} coaches per burst, ${ROUNDS} rounds; API build ${API_DIST}; log ${logFile}`,
    );
    const started = performance.now();
    api = await startApi(url.toString(), jwtSecret, port, logFile);
    await db.connect();
    await sampler.connect();
    const { lesson, coaches } = await prepare(db, jwtSecret);
    await waitForFold(db);
    // Backends report their function statistics when idle for 10 s at the latest.
    await sleep(11_000);
    const functionsBefore = await functionTimes(db);
    console.log(
      `API up and ${coaches.size * N} coaches enrolled in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    const [deadlocksBefore] = (
      await db.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = $1`, [database])
    ).rows as { deadlocks: string }[];
    const bursts: Burst[] = [];
    const pad = (x: string | number, n: number) => String(x).padEnd(n);
    console.log(
      `${pad('round', 6)}${pad('event', 10)}${pad('shape', 26)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('non-200', 8)}${pad('lock waits (peak)', 18)}${pad('LWLock', 8)}folded after`,
    );
    for (let round = 0; round < ROUNDS; round++)
      for (const kind of KINDS) {
        // Rotated each round: every shape goes first, second and last in turn.
        const order = SHAPES.map((_, i) => SHAPES[(i + round) % SHAPES.length]!);
        for (const shape of order) {
          const tag = `r${round}-${kind}-${SHAPES.indexOf(shape)}`;
          const b = await burst(port, sampler, database, lesson, coaches.get(tag)!, kind);
          const foldMs = await waitForFold(db);
          await sleep(500);
          bursts.push({ ...b, shape, kind, round, foldMs });
          console.log(
            `${pad(round + 1, 6)}${pad(kind, 10)}${pad(shape, 26)}${pad(b.perSecond.toFixed(0), 10)}${pad(b.p50.toFixed(0), 8)}${pad(b.p95.toFixed(0), 8)}${pad(b.p99.toFixed(0), 8)}${pad(b.failed, 8)}${pad(`${b.waits} (${b.peak})`, 18)}${pad(b.lightWaits, 8)}${foldMs === null ? 'no deltas' : `${(foldMs / 1000).toFixed(1)} s`}`,
          );
        }
      }
    const [deadlocksAfter] = (
      await db.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = $1`, [database])
    ).rows as { deadlocks: string }[];

    console.log(
      `\nmedians over ${ROUNDS} rounds (lock waits: median sum over the samples, and the most at once)`,
    );
    console.log(
      `${pad('event', 10)}${pad('shape', 26)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('lock waits', 12)}${pad('peak', 6)}LWLock`,
    );
    const medians = new Map<string, { perSecond: number; p99: number }>();
    for (const kind of KINDS)
      for (const shape of SHAPES) {
        const of = bursts.filter((b) => b.kind === kind && b.shape === shape);
        const m = {
          perSecond: median(of.map((b) => b.perSecond)),
          p50: median(of.map((b) => b.p50)),
          p95: median(of.map((b) => b.p95)),
          p99: median(of.map((b) => b.p99)),
          waits: median(of.map((b) => b.waits)),
          peak: Math.max(...of.map((b) => b.peak)),
          lightWaits: median(of.map((b) => b.lightWaits)),
        };
        medians.set(`${kind}|${shape}`, m);
        console.log(
          `${pad(kind, 10)}${pad(shape, 26)}${pad(m.perSecond.toFixed(0), 10)}${pad(m.p50.toFixed(0), 8)}${pad(m.p95.toFixed(0), 8)}${pad(m.p99.toFixed(0), 8)}${pad(m.waits, 12)}${pad(m.peak, 6)}${m.lightWaits}`,
        );
      }
    console.log('\none cohort against 100 territories (targets: throughput ≥ 0.9×, p99 ≤ 1.1×)');
    for (const kind of KINDS) {
      const one = medians.get(`${kind}|one cohort`)!;
      const spread = medians.get(`${kind}|100 territories`)!;
      console.log(
        `  ${pad(kind, 10)} throughput ×${(one.perSecond / spread.perSecond).toFixed(2)}   p99 ×${(one.p99 / spread.p99).toFixed(2)}`,
      );
    }
    await sleep(11_000);
    const functionsAfter = await functionTimes(db);
    const spent = (name: string) => {
      const [a, b] = [functionsAfter.get(name), functionsBefore.get(name)];
      return { calls: (a?.calls ?? 0) - (b?.calls ?? 0), ms: (a?.ms ?? 0) - (b?.ms ?? 0) };
    };
    const events = bursts.length * N;
    const trigger = spent('obs_lessons_changed');
    const fold = spent('obs_fold_rollups');
    console.log(
      `\ndatabase time in the lesson_progress trigger (hot path, with what it calls): ${(trigger.ms / events).toFixed(3)} ms per event` +
        (fold.calls
          ? `; folding: ${((fold.ms / events) * 1000).toFixed(0)} ms per 1,000 events (${fold.calls} folds)`
          : ''),
    );
    const failed = bursts.reduce((n, b) => n + b.failed, 0);
    const folds = bursts.map((b) => b.foldMs).filter((ms): ms is number => ms !== null);
    const check = new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 1 } });
    await check.initialize();
    const differences =
      Object.values(await rollupDifferences(check)).reduce((n, rows) => n + rows.length, 0) +
      Number((await db.query(COUNTER_DIFFERENCES)).rows[0].n);
    await check.destroy();
    console.log(
      `\nanswers other than 200: ${failed}; deadlocks: ${Number(deadlocksAfter?.deadlocks) - Number(deadlocksBefore?.deadlocks)}; ` +
        (folds.length
          ? `deltas folded within ${(Math.max(...folds) / 1000).toFixed(1)} s of a burst's end (worst); `
          : '') +
        `rollups equal to a recount: ${differences ? `NO (${differences} rows differ)` : 'yes'}`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await sampler.end().catch(() => undefined);
    if (api) {
      api.child.kill('SIGTERM');
      await new Promise((r) => (api!.child.exitCode !== null ? r(null) : api!.child.once('exit', r)));
      rmSync(api.work, { recursive: true, force: true });
    }
    if (!process.env['BENCH_KEEP_DB']) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
