/**
 * What the run verifies. Before the load: the per-account sign-in limit holds across both API
 * processes (it lives in Redis). After the drain, against the database: every event the server
 * acknowledged is stored exactly once, none is lost, nothing unknown is stored, the lesson summaries
 * equal a recount of the raw events (and of the trainer's passes, which complete a task's lesson), and
 * once the API processes' folder has applied the pending count deltas (it folds every 2 s), the
 * per-cohort counters equal a recount of the summaries and the observatory's rollups equal a recount
 * of their sources. Field practice: every acknowledged hand-in is one stored round with the files it
 * named, every acknowledged upload one evidence row and one file on disk with the photo's sha256 and
 * size (and no file on disk without its row), every acknowledged review stored with its decision, and
 * the practice counts and review waits equal a recount of the rounds and reviews. Each failure is a
 * violation.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { rollupDifferences } from '../../../libs/observatory/api/src/testing';
import type { Coach, Lesson } from './coaches';
import { ACCOUNT_LIMIT } from './config';
import { http } from './http';
import { practice, type HandInRecord } from './practice';
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
  practice: PracticeVerification;
}

/** Field practice: what the clients were told against the database and the evidence folder. */
export interface PracticeVerification {
  handIns: number;
  handInsAcknowledged: number;
  /** Acknowledged after more than one try (the same id sent again). */
  handInsRetried: number;
  /** Answered 200: an earlier try had been stored and its answer lost. */
  handInsReplayed: number;
  handInsFailed: HandInRecord[];
  /** Acknowledged hand-ins without their round, or whose round holds other files or another task. */
  handInsWrong: string[];
  /** Rounds stored whose hand-in was never acknowledged (the client gave up). */
  handInsStoredNotAcked: number;
  /** Rounds of the cohort that no coach handed in. */
  handInsUnknown: number;
  answersDiffering: number;
  uploads: number;
  uploadsAcknowledged: number;
  uploadBytes: number;
  uploadsFailed: string[];
  /** Acknowledged uploads whose evidence row or file on disk is missing or differs. */
  evidenceWrong: string[];
  /** Files in the practising enrolments' evidence folders with no evidence row. */
  orphanFiles: number;
  /** tus uploads left unfinished (spent or abandoned after an error; swept after a day). */
  unfinishedUploads: number;
  reviews: number;
  reviewsAcknowledged: number;
  passed: number;
  revised: number;
  reviewsConfirmedByRead: number;
  reviewsFailed: string[];
  reviewsWrong: string[];
  reviewsUnknown: number;
  /** practice_counts and practice_review_days against a recount, for the load's cohort. */
  countDiff: unknown[];
  /** Other cohorts whose practice counts differ (the demo's, seeded by SQL): reported, not a violation. */
  otherCohortsDiffering: Set<string>;
}

/** What the coaches sent and were told, against what the database holds. */
export async function verify(
  ds: DataSource,
  coaches: Coach[],
  lessons: Lesson[],
  cohortId: string,
  evidenceDir: string,
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
  // by a trainer's pass, not by events): a pass starts, completes and touches its task's lesson then.
  const quizKeys = lessons.filter((l) => l.kind === 'quiz' || l.kind === 'task').map((l) => l.key);
  const summaryDiff = (await ds.query(
    `WITH moves AS (
       SELECT p.enrolment_id, p.lesson_key, p.occurred_at AS at,
              p.type = 'completed' AND NOT p.lesson_key = ANY($2) AS completes
         FROM progress_events p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.cohort_id = $1
       UNION ALL
       SELECT s.enrolment_id, s.lesson_key, r.decided_at, true
         FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id
        WHERE s.cohort_id = $1 AND r.decision = 'pass'),
     expected AS (
       SELECT enrolment_id, lesson_key, min(at) AS started_at, min(at) FILTER (WHERE completes) AS completed_at,
              max(at) AS last_activity_at
         FROM moves GROUP BY 1, 2),
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
  const practiceVerification = await verifyPractice(ds, cohortId, evidenceDir);
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
    practice: practiceVerification,
  };
}

/** Field practice against the database and the evidence folder (after the fold, for the counts). */
async function verifyPractice(
  ds: DataSource,
  cohortId: string,
  evidenceDir: string,
): Promise<PracticeVerification> {
  const { handIns, uploads, reviews } = practice;
  const acknowledged = handIns.filter((h) => h.acknowledged);
  const rounds = (await ds.query(
    `SELECT s.id::text, s.enrolment_id::text, s.lesson_key, s.status,
            coalesce(array_agg(f.evidence_id::text ORDER BY f.position) FILTER (WHERE f.evidence_id IS NOT NULL), '{}') AS files
       FROM practice_submissions s LEFT JOIN practice_submission_files f ON f.submission_id = s.id
      WHERE s.cohort_id = $1 GROUP BY s.id`,
    [cohortId],
  )) as { id: string; enrolment_id: string; lesson_key: string; status: string; files: string[] }[];
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const handInWrong: string[] = [];
  for (const h of acknowledged) {
    const r = roundById.get(h.id);
    if (!r) handInWrong.push(`${h.id}: acknowledged, not stored`);
    else if (r.enrolment_id !== h.enrolmentId || r.lesson_key !== h.lessonKey)
      handInWrong.push(`${h.id}: stored for ${r.enrolment_id}/${r.lesson_key}`);
    else if (r.files.join() !== h.fileIds.join())
      handInWrong.push(`${h.id}: files ${r.files.join(',')} instead of ${h.fileIds.join(',')}`);
  }
  const sentIds = new Set(handIns.map((h) => h.id));
  const ackedIds = new Set(acknowledged.map((h) => h.id));

  // Each acknowledged upload: its evidence row, and its one file on disk, with the photo's sha256 and size.
  const ackedUploads = uploads.filter((u) => u.evidenceId);
  const evidenceRows = (await ds.query(
    `SELECT f.id::text, f.enrolment_id::text, f.lesson_key, trim(f.sha256) AS sha256, f.bytes::int AS bytes, f.storage_key
       FROM practice_evidence_files f JOIN enrolments e ON e.id = f.enrolment_id WHERE e.cohort_id = $1`,
    [cohortId],
  )) as {
    id: string;
    enrolment_id: string;
    lesson_key: string;
    sha256: string;
    bytes: number;
    storage_key: string;
  }[];
  const rowById = new Map(evidenceRows.map((r) => [r.id, r]));
  const evidenceWrong: string[] = [];
  for (const u of ackedUploads) {
    const row = rowById.get(u.evidenceId as string);
    if (!row) {
      evidenceWrong.push(`${u.evidenceId}: acknowledged, no evidence row`);
      continue;
    }
    if (row.enrolment_id !== u.enrolmentId || row.lesson_key !== u.lessonKey)
      evidenceWrong.push(`${row.id}: stored for ${row.enrolment_id}/${row.lesson_key}`);
    if (row.sha256 !== u.sha256 || row.bytes !== u.bytes)
      evidenceWrong.push(
        `${row.id}: row says ${row.bytes} bytes ${row.sha256}, the photo ${u.bytes} ${u.sha256}`,
      );
    const path = join(evidenceDir, ...row.storage_key.split('/'));
    if (!existsSync(path)) {
      evidenceWrong.push(`${row.id}: no file at ${row.storage_key}`);
      continue;
    }
    const content = readFileSync(path);
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== u.sha256 || content.length !== u.bytes)
      evidenceWrong.push(
        `${row.id}: the file holds ${content.length} bytes ${sha256}, the photo ${u.bytes} ${u.sha256}`,
      );
  }
  // No file without its row in the practising enrolments' folders (a store whose transaction failed
  // leaves one; the photo's next upload stores to the same place).
  const keys = new Set(evidenceRows.map((r) => r.storage_key));
  let orphanFiles = 0;
  for (const enrolmentId of new Set(uploads.map((u) => u.enrolmentId))) {
    const dir = join(evidenceDir, enrolmentId);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (!keys.has(`${enrolmentId}/${name}`)) orphanFiles++;
  }
  const uploadsDir = join(evidenceDir, '.uploads');
  const unfinishedUploads = existsSync(uploadsDir)
    ? readdirSync(uploadsDir).filter(
        (n) => n.endsWith('.json') && !existsSync(join(uploadsDir, n.replace(/\.json$/, '.evidence'))),
      ).length
    : 0;

  // Each acknowledged review: stored once with its decision, its round passed or returned.
  const reviewRows = (await ds.query(
    `SELECT r.submission_id::text AS id, r.decision, s.status
       FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id WHERE s.cohort_id = $1`,
    [cohortId],
  )) as { id: string; decision: string; status: string }[];
  const reviewById = new Map<string, { decision: string; status: string }[]>();
  for (const r of reviewRows) reviewById.set(r.id, [...(reviewById.get(r.id) ?? []), r]);
  const reviewsWrong: string[] = [];
  const ackedReviews = reviews.filter((r) => r.acknowledged);
  for (const r of ackedReviews) {
    const rows = reviewById.get(r.submissionId) ?? [];
    const status = r.decision === 'pass' ? 'passed' : 'returned';
    if (rows.length !== 1) reviewsWrong.push(`${r.submissionId}: ${rows.length} reviews stored`);
    else if (rows[0]?.decision !== r.decision || rows[0]?.status !== status)
      reviewsWrong.push(
        `${r.submissionId}: stored ${rows[0]?.decision}/${rows[0]?.status}, sent ${r.decision}`,
      );
  }
  const reviewed = new Set(reviews.map((r) => r.submissionId));

  // The practice counts and review waits = the rounds and reviews recounted, by month where the
  // rollups keep months.
  const [monthly] = (await ds.query(
    `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'practice_counts' AND column_name = 'month'`,
  )) as { n: number }[];
  const month = (column: string) =>
    monthly?.n ? `date_trunc('month', ${column} AT TIME ZONE 'UTC')::date` : 'NULL::date';
  const monthOf = monthly?.n ? 'month' : 'NULL::date';
  const diff = (expected: string, actual: string) =>
    ds.query(
      `SELECT 'missing' AS side, * FROM ((${expected}) EXCEPT ALL (${actual})) x
       UNION ALL SELECT 'unexpected', * FROM ((${actual}) EXCEPT ALL (${expected})) y`,
    ) as Promise<{ side: string; cohort_id: string }[]>;
  const countRows = await diff(
    `SELECT cohort_id, month, sum(handed_in)::int AS handed_in, sum(reviewed)::int AS reviewed, sum(passed)::int AS passed
       FROM (SELECT cohort_id, ${month('handed_in_at')} AS month, 1 AS handed_in, 0 AS reviewed, 0 AS passed
               FROM practice_submissions WHERE status <> 'withdrawn'
             UNION ALL
             SELECT s.cohort_id, ${month('r.decided_at')}, 0, 1, (r.decision = 'pass')::int
               FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id) x GROUP BY 1, 2`,
    `SELECT cohort_id, ${monthOf} AS month, sum(handed_in)::int, sum(reviewed)::int, sum(passed)::int
       FROM practice_counts GROUP BY 1, 2 HAVING (sum(handed_in), sum(reviewed), sum(passed)) <> (0, 0, 0)`,
  );
  const dayRows = await diff(
    `SELECT s.cohort_id, ${month('r.decided_at')} AS month,
            least(31, greatest(0, floor(extract(epoch FROM r.decided_at - s.handed_in_at) / 86400)))::int AS days,
            count(*)::int AS n
       FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id GROUP BY 1, 2, 3`,
    `SELECT cohort_id, ${monthOf} AS month, days::int, sum(n)::int FROM practice_review_days GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
  );
  const allCountDiff = [
    ...countRows.map((r) => ({ table: 'practice_counts', ...r })),
    ...dayRows.map((r) => ({ table: 'practice_review_days', ...r })),
  ];

  return {
    handIns: handIns.length,
    handInsAcknowledged: acknowledged.length,
    handInsRetried: acknowledged.filter((h) => h.attempts > 1).length,
    handInsReplayed: acknowledged.filter((h) => h.replayed).length,
    handInsFailed: handIns.filter((h) => !h.acknowledged),
    handInsWrong: handInWrong,
    handInsStoredNotAcked: rounds.filter((r) => sentIds.has(r.id) && !ackedIds.has(r.id)).length,
    handInsUnknown: rounds.filter((r) => !sentIds.has(r.id)).length,
    answersDiffering: acknowledged.filter((h) => h.answerDiffers).length,
    uploads: uploads.length,
    uploadsAcknowledged: ackedUploads.length,
    uploadBytes: ackedUploads.reduce((n, u) => n + u.bytes, 0),
    uploadsFailed: uploads.filter((u) => !u.evidenceId).map((u) => u.refused ?? 'not finished'),
    evidenceWrong,
    orphanFiles,
    unfinishedUploads,
    reviews: reviews.length,
    reviewsAcknowledged: ackedReviews.length,
    passed: ackedReviews.filter((r) => r.decision === 'pass').length,
    revised: ackedReviews.filter((r) => r.decision === 'revise').length,
    reviewsConfirmedByRead: reviews.filter((r) => r.confirmedByRead).length,
    reviewsFailed: reviews.filter((r) => !r.acknowledged).map((r) => r.refused ?? 'not finished'),
    reviewsWrong,
    reviewsUnknown: reviewRows.filter((r) => !reviewed.has(r.id)).length,
    countDiff: allCountDiff.filter((r) => r.cohort_id === cohortId),
    otherCohortsDiffering: new Set(
      allCountDiff.filter((r) => r.cohort_id !== cohortId).map((r) => r.cohort_id),
    ),
  };
}

/** Waits until no count delta is pending; how long that took, or null past `limitMs`. */
async function pendingDeltasGone(ds: DataSource, limitMs: number): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    const [row] = (await ds.query(
      `SELECT (SELECT count(*) FROM obs_fact_deltas) + (SELECT count(*) FROM obs_lesson_stat_deltas)
            + (SELECT count(*) FROM obs_self_assessment_deltas) + (SELECT count(*) FROM cohort_progress_counter_deltas)
            + (SELECT count(*) FROM practice_count_deltas) + (SELECT count(*) FROM practice_review_day_deltas) AS n`,
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
  const p = v.practice;
  const some = (rows: unknown[]) => JSON.stringify(rows.slice(0, 3));
  if (!p.handInsAcknowledged) violations.push('no hand-in was acknowledged');
  if (p.handInsFailed.length)
    violations.push(
      `${p.handInsFailed.length} hand-ins never acknowledged: ${some(p.handInsFailed.map((h) => h.refused))}`,
    );
  if (p.handInsWrong.length)
    violations.push(
      `${p.handInsWrong.length} acknowledged hand-ins not stored as sent: ${some(p.handInsWrong)}`,
    );
  if (p.handInsUnknown)
    violations.push(`${p.handInsUnknown} stored rounds of the cohort that no coach handed in`);
  if (p.answersDiffering)
    violations.push(`${p.answersDiffering} hand-ins answered with another round or other files`);
  if (p.uploadsFailed.length)
    violations.push(`${p.uploadsFailed.length} uploads never finished: ${some(p.uploadsFailed)}`);
  if (p.evidenceWrong.length)
    violations.push(
      `${p.evidenceWrong.length} acknowledged uploads not stored as sent: ${some(p.evidenceWrong)}`,
    );
  if (p.orphanFiles) violations.push(`${p.orphanFiles} evidence files on disk without their row`);
  if (p.reviewsFailed.length)
    violations.push(`${p.reviewsFailed.length} reviews never acknowledged: ${some(p.reviewsFailed)}`);
  if (p.reviewsWrong.length)
    violations.push(
      `${p.reviewsWrong.length} acknowledged reviews not stored as sent: ${some(p.reviewsWrong)}`,
    );
  if (p.reviewsUnknown)
    violations.push(`${p.reviewsUnknown} stored reviews of the cohort that the trainer never sent`);
  if (p.countDiff.length)
    violations.push(`${p.countDiff.length} practice count rows differ from a recount: ${some(p.countDiff)}`);
}
