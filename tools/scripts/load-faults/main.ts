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
 * raw events, and once the APIs' folder has applied the pending count deltas, the per-cohort
 * counters equal a recount of the summaries and the observatory's rollups a recount of their
 * sources. Prints totals, error rates by kind, latencies and req/s; exits 1 on any violation. Every
 * process and the temporary folder are removed, also on failure, Ctrl-C or SIGTERM.
 *
 * Needs: a built API (dist/apps/api, or LOAD_API_DIST), PostgreSQL 15 binaries (PG_BIN, default
 * /usr/lib/postgresql/15/bin), redis-server and nginx on the PATH. Run as root, PostgreSQL runs as
 * the `postgres` user (initdb refuses root).
 *
 * Settings: LOAD_SECONDS (300), LOAD_COACHES (200), LOAD_THINK_MS (mean pause between a coach's
 * actions, 2000), LOAD_DRAIN_SECONDS (most time for the final drain, 240).
 *
 * This file runs the steps in order; beside it: config.ts (settings), processes.ts (child processes
 * and clean-up), services.ts (PostgreSQL, Redis, the two APIs, nginx), http.ts (measured requests),
 * cohort.ts (the coaches' cohort and sign-ins), coaches.ts (one coach and its outbox), load.ts (the
 * load and the drain), faults.ts (the kill and the database restart), checks.ts (the verification)
 * and report.ts (the printed figures).
 */
import { DataSource } from 'typeorm';
import { findViolations, probeSignInLimit, verify } from './checks';
import { enrolCoaches, signInTrainer } from './cohort';
import { runLoad } from './load';
import { cleanUpOnExit, cleanup } from './processes';
import { printReport, printVerdict, progressUpstreams } from './report';
import { startServices } from './services';

cleanUpOnExit();

async function main(): Promise<void> {
  const t0 = Date.now();
  const since0 = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const services = await startServices(since0);
  const violations: string[] = [];

  // Sign-in limits live in Redis: attempts spread over both processes count against one limit.
  const limitShared = await probeSignInLimit(services, violations);

  // 200 coaches enrolled in a new cohort of the demo course (the trainer's CSV import), signed in.
  const trainerToken = await signInTrainer(services.base);
  const ds = new DataSource({ type: 'postgres', url: services.databaseUrl, extra: { max: 2 } });
  await ds.initialize();
  const { cohortId, lessons, coaches } = await enrolCoaches(services.base, ds, trainerToken, since0);

  // The load, and the faults on a timeline; then the drain.
  const load = await runLoad(services, ds, coaches, violations);

  // Verification against the database.
  const verification = await verify(ds, coaches, lessons, cohortId);
  await ds.destroy();
  const upstreams = progressUpstreams(services.accessLog);
  findViolations(verification, load.faults, violations);

  printReport(verification, load, upstreams, services.accessLog, limitShared, t0);
  services.redis.disconnect();
  printVerdict(violations);
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
