/**
 * What the run verifies. Before the load: the per-account sign-in limit holds across both API
 * processes (it lives in Redis). After the drain, against the database: every event the server
 * acknowledged is stored exactly once, none is lost, nothing unknown is stored, the lesson summaries
 * equal a recount of the raw events, and once the API processes' folder has applied the pending count
 * deltas (it folds every 2 s), the per-cohort counters equal a recount of the summaries and the
 * observatory's rollups equal a recount of their sources. Each failure is a violation.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { rollupDifferences } from '../../../libs/observatory/api/src/testing';
import type { Coach, Lesson } from './coaches';
import { ACCOUNT_LIMIT } from './config';
import { http } from './http';
import type { Services } from './services';

/** ACCOUNT_LIMIT wrong passwords through nginx answer 401 and the next 429, whichever process served them. */
export async function probeSignInLimit(services: Services, violations: string[]): Promise<boolean> {
  const { base, accessLog, redis, keyPrefix } = services;
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
  return limitShared;
}

export interface Verification {
  generated: string[];
  acknowledged: Set<string>;
  rejected: { id: string; why: string }[];
  stillPending: number;
  stored: Set<string>;
  storedTwice: number;
  ackedNotStored: number;
  lost: number;
  storedNotAcked: number;
  duplicateAnswers: number;
  unknownStored: number;
  summaryDiff: unknown[];
  /** How long after the drain the folder had applied every pending delta (null: not within 60 s). */
  foldedAfterMs: number | null;
  counterDiff: { side: string; cohort_id: string }[];
  /** Demo cohorts whose counters differ from a recount: seeded by SQL, reported, not a violation. */
  otherCohortsDiffering: Set<string>;
  rollups: Record<string, unknown[]>;
  rollupRows: number;
}

/** What the coaches sent and were told, against what the database holds. */
export async function verify(
  ds: DataSource,
  coaches: Coach[],
  lessons: Lesson[],
  cohortId: string,
): Promise<Verification> {
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

  // Lesson summaries = the raw events recounted (quizzes are completed by grading and practical tasks
  // by a trainer's pass, not by events).
  const quizKeys = lessons.filter((l) => l.kind === 'quiz' || l.kind === 'task').map((l) => l.key);
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
  // The counters and rollups lag the writes by one fold: wait for the API processes' folder to apply
  // what is pending (nothing else folds; a fold that died with a process or the database restart
  // left its deltas for this one).
  const foldedAfterMs = await pendingDeltasGone(ds, 60_000);
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
  return {
    generated,
    acknowledged,
    rejected,
    stillPending,
    stored,
    storedTwice,
    ackedNotStored,
    lost,
    storedNotAcked,
    duplicateAnswers,
    unknownStored,
    summaryDiff,
    foldedAfterMs,
    counterDiff,
    otherCohortsDiffering,
    rollups,
    rollupRows,
  };
}

/** Waits until no count delta is pending; how long that took, or null past `limitMs`. */
async function pendingDeltasGone(ds: DataSource, limitMs: number): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    const [row] = (await ds.query(
      `SELECT (SELECT count(*) FROM obs_fact_deltas) + (SELECT count(*) FROM obs_lesson_stat_deltas)
            + (SELECT count(*) FROM obs_self_assessment_deltas) + (SELECT count(*) FROM cohort_progress_counter_deltas) AS n`,
    )) as { n: string }[];
    if (Number(row?.n) === 0) return Date.now() - started;
    if (Date.now() - started > limitMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The violations among the verification's figures, and a fault that did not happen. */
export function findViolations(v: Verification, faults: string[], violations: string[]): void {
  if (!v.acknowledged.size) violations.push('no event was acknowledged');
  if (v.ackedNotStored) violations.push(`${v.ackedNotStored} acknowledged events are not stored`);
  if (v.storedTwice) violations.push(`${v.storedTwice} events stored more than once`);
  if (v.lost)
    violations.push(`${v.lost} events never acknowledged (lost), ${v.stillPending} still in outboxes`);
  if (v.unknownStored) violations.push(`${v.unknownStored} stored events of the cohort that no coach sent`);
  if (v.rejected.length)
    violations.push(`${v.rejected.length} events rejected, e.g. ${JSON.stringify(v.rejected.slice(0, 3))}`);
  if (v.summaryDiff.length)
    violations.push(
      `${v.summaryDiff.length} lesson summaries differ from the raw events: ${JSON.stringify(v.summaryDiff.slice(0, 3))}`,
    );
  if (v.foldedAfterMs === null) violations.push('count deltas still pending 60 s after the drain');
  if (v.counterDiff.length)
    violations.push(
      `${v.counterDiff.length} cohort counters differ from a recount: ${JSON.stringify(v.counterDiff.slice(0, 4))}`,
    );
  if (v.rollupRows)
    violations.push(
      `observatory rollups differ from a recount: ${JSON.stringify(
        Object.fromEntries(
          Object.entries(v.rollups)
            .filter(([, rows]) => rows.length)
            .map(([t, rows]) => [t, rows.slice(0, 2)]),
        ),
      )}`,
    );
  if (faults.length < 4) violations.push(`the faults did not all happen: ${faults.join('; ')}`);
}
