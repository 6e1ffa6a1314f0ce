/**
 * The load: every coach acts, pauses about LOAD_THINK_MS and acts again for LOAD_SECONDS while the
 * faults happen and the database sessions' waits are sampled; a share of the coaches also hand in
 * rounds of the practical task with their photos, which the trainer reviews (practice.ts). Then the
 * drain, in which each coach's outbox goes at once (as when the page comes back online) and then by
 * back-off, and the rounds and reviews under way finish, for at most LOAD_DRAIN_SECONDS.
 */
import type { DataSource } from 'typeorm';
import type { Coach } from './coaches';
import { DRAIN_SECONDS, SECONDS, THINK_MS } from './config';
import { scheduleFaults } from './faults';
import { measured } from './http';
import { PRACTICE_SHARE, PracticeCoach, Reviewer, type PracticeClock, type TaskLesson } from './practice';
import { sleep } from './processes';
import type { Services } from './services';

export interface LoadResult {
  /** What happened to the faults, in order. */
  faults: string[];
  loadSeconds: number;
  drainSeconds: number;
  /** Measured requests sent before the drain. */
  requestsInLoad: number;
  /** Samples of the API's database sessions: what they waited for, and on a lock, by statement. */
  waits: Map<string, number>;
  lockedStatements: Map<string, number>;
  samples: number;
  /** Coaches that also handed in rounds of the practical task. */
  practising: number;
}

export async function runLoad(
  services: Services,
  ds: DataSource,
  coaches: Coach[],
  practice: { task: TaskLesson; trainerToken: string },
  violations: string[],
): Promise<LoadResult> {
  let stopped = false;
  let stopPractice = () => undefined as void;
  const clock: PracticeClock = {
    stopped: false,
    stop: new Promise<void>((resolve) => (stopPractice = resolve)),
    deadline: Infinity,
  };
  const reviewer = new Reviewer(services.base, practice.trainerToken, practice.task, clock);
  // One coach in 1 / PRACTICE_SHARE (the first, the eleventh, … for the default tenth) practises too.
  const every = Math.max(1, Math.round(1 / PRACTICE_SHARE));
  const practising = PRACTICE_SHARE > 0 ? coaches.filter((_, i) => i % every === 0) : [];
  const practiceCoaches = practising.map(
    (c) =>
      new PracticeCoach(services.base, c.email, c.accessToken, c.enrolmentId, practice.task, reviewer, clock),
  );
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
  const practiceRuns = practiceCoaches.map((p) => p.run());
  const { faults, done: faultTimeline } = scheduleFaults(services, since, violations);
  await sleep(SECONDS * 1000);
  stopped = true;
  clock.stopped = true;
  stopPractice();
  await Promise.all(activity);
  await sampler;
  await faultTimeline;
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  const requestsInLoad = measured.requests;

  // The drain: each coach's outbox goes now (as when the page comes back online), then by back-off.
  const drainStarted = Date.now();
  clock.deadline = drainStarted + DRAIN_SECONDS * 1000;
  await Promise.all(coaches.map((c) => c.flush()));
  const busy = () =>
    coaches.some((c) => c.pending) || practiceCoaches.some((p) => p.busy) || reviewer.inFlight > 0;
  while (busy() && Date.now() - drainStarted < DRAIN_SECONDS * 1000) await sleep(250);
  for (const c of coaches) c.stop();
  await Promise.all(practiceRuns);
  const drainSeconds = (Date.now() - drainStarted) / 1000;

  return {
    faults,
    loadSeconds,
    drainSeconds,
    requestsInLoad,
    waits,
    lockedStatements,
    samples,
    practising: practiceCoaches.length,
  };
}
