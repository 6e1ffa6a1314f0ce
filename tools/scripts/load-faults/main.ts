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
 * Field practice alongside (practice.ts): the run publishes its own copy of the demo course, whose
 * practical task takes a text and 1 to 3 photos; one coach in ten (LOAD_PRACTICE_SHARE, 0.1) uploads
 * small photos by tus through nginx (streamed, both processes sharing one evidence folder, so an
 * upload created on one resumes on the other), hands in a round with a client id until it is
 * acknowledged, and hands in again when the trainer returns it; the trainer reviews most rounds.
 *
 * Deadline reminders alongside (reminders.ts): the cohort gets three module deadlines before the load,
 * and the APIs' reminder scan runs every minute through the faults; afterwards every coach still due on
 * a module was told once, with one delivery job.
 *
 * Faults during the run: one API process is killed with SIGKILL at 25 % and started again; the
 * PostgreSQL cluster is restarted (`pg_ctl restart -m fast`) at 60 %.
 *
 * Afterwards (once every coach's outbox has drained): every event the server acknowledged is stored
 * exactly once, none is lost, nothing unknown is stored, the lesson summaries equal a recount of the
 * raw events and passes, and once the APIs' folder has applied the pending count deltas, the
 * per-cohort counters equal a recount of the summaries and the observatory's rollups a recount of
 * their sources; every acknowledged hand-in is one round with its files, every acknowledged upload
 * one file on disk with the photo's sha256 and size, every acknowledged review stored with its
 * decision, and the practice counts equal a recount of the rounds and reviews. Prints totals, error rates by kind, latencies and req/s; exits 1 on any violation. Every
 * process and the temporary folder are removed, also on failure, Ctrl-C or SIGTERM.
 *
 * Needs: a built API (dist/apps/api, or LOAD_API_DIST), PostgreSQL 15 binaries (PG_BIN, default
 * /usr/lib/postgresql/15/bin), redis-server and nginx on the PATH. Run as root, PostgreSQL runs as
 * the `postgres` user (initdb refuses root).
 *
 * Settings: LOAD_SECONDS (300), LOAD_COACHES (200), LOAD_THINK_MS (mean pause between a coach's
 * actions, 2000), LOAD_DRAIN_SECONDS (most time for the final drain, 240), LOAD_PRACTICE_SHARE (the
 * share of coaches that also hand in practical work, 0.1).
 *
 * This file runs the steps in order; beside it: config.ts (settings), processes.ts (child processes
 * and clean-up), services.ts (PostgreSQL, Redis, the two APIs, nginx), http.ts (measured requests),
 * cohort.ts (the coaches' cohort and sign-ins), coaches.ts (one coach and its outbox), load.ts (the
 * load and the drain), practice.ts (uploads, hand-ins and reviews), reminders.ts (deadline reminders), faults.ts (the kill and the database restart), checks.ts (the verification)
 * and report.ts (the printed figures).
 */
import { DataSource } from 'typeorm';
import { findViolations, probeSignInLimit, verify } from './checks';
import { enrolCoaches, signInTrainer } from './cohort';
import { runLoad } from './load';
import { cleanUpOnExit, cleanup } from './processes';
import { REMINDER_SCAN_CRON, seedDeadlines, verifyReminders } from './reminders';
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
  const { cohortId, lessons, coaches, task } = await enrolCoaches(services.base, ds, trainerToken, since0);
  // Module deadlines for the APIs' reminder scans to tell, through the faults (reminders.ts).
  const deadlines = await seedDeadlines(ds, cohortId);

  // The load (progress, and a share of the coaches handing in practical work that the trainer
  // reviews), and the faults on a timeline; then the drain.
  const load = await runLoad(services, ds, coaches, { task, trainerToken }, violations);

  // Verification against the database (and the evidence folder).
  const verification = await verify(ds, coaches, lessons, cohortId, services.evidenceDir);
  const reminders = await verifyReminders(ds, deadlines, violations);
  await ds.destroy();
  const upstreams = progressUpstreams(services.accessLog);
  findViolations(verification, load.faults, violations);

  printReport(verification, load, upstreams, services.accessLog, limitShared, t0);
  console.log(
    `Reminders (scan ${REMINDER_SCAN_CRON}): ${reminders.scans} scans completed; ${reminders.due} module deadlines still due at the end, ${reminders.told} reminders (${reminders.toldThenDone} to coaches who finished the module afterwards), ${reminders.deliveryJobs} delivery jobs`,
  );
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
