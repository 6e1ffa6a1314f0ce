import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';

/** One transaction's move of a cohort's practice counts. */
export interface PracticeCountMove {
  cohortId: string;
  territoryId: string;
  /** When the stage happened: the hand-in (also for its withdrawal), or the review. */
  at: Date;
  handedIn: number;
  reviewed: number;
  passed: number;
}

/** The month (UTC) a stage is counted in, as the rollups' `month` column holds it (its first day). */
export function practiceMonth(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/**
 * Appends a move to `practice_count_deltas` in the caller's transaction: an insert that locks no row
 * another coach's hand-in or review needs. {@link foldPracticeCounts} applies it to the row of the
 * cohort and month the stage happened in.
 */
export async function appendPracticeCounts(manager: EntityManager, move: PracticeCountMove): Promise<void> {
  await transactionQuery(
    manager,
    `INSERT INTO practice_count_deltas (cohort_id, territory_id, month, handed_in, reviewed, passed)
     VALUES ($1, $2, $3::date, $4, $5, $6)`,
    [move.cohortId, move.territoryId, practiceMonth(move.at), move.handedIn, move.reviewed, move.passed],
  );
}

/** Whole days from hand-in to review as `practice_review_days` files them: 0 to 30, and 31 for more. */
export const REVIEW_DAYS_BEYOND = 31;

export function reviewDays(handedInAt: Date, reviewedAt: Date): number {
  const days = Math.floor((reviewedAt.getTime() - handedInAt.getTime()) / 86_400_000);
  return Math.min(REVIEW_DAYS_BEYOND, Math.max(0, days));
}

/**
 * Appends one review's wait (whole days from hand-in to review) to `practice_review_day_deltas` in the
 * caller's transaction, without naming the round, the coach or the trainer: the cohort's histogram of
 * the review's month gains one in that day's bucket when {@link foldPracticeCounts} applies it.
 */
export async function appendPracticeReviewDays(
  manager: EntityManager,
  move: { cohortId: string; territoryId: string; handedInAt: Date; reviewedAt: Date },
): Promise<void> {
  await transactionQuery(
    manager,
    `INSERT INTO practice_review_day_deltas (cohort_id, territory_id, month, days, n) VALUES ($1, $2, $3::date, $4, 1)`,
    [
      move.cohortId,
      move.territoryId,
      practiceMonth(move.reviewedAt),
      reviewDays(move.handedInAt, move.reviewedAt),
    ],
  );
}

/**
 * Applies the pending moves to `practice_counts` (and reviews' waits to `practice_review_days`) and deletes them, in the caller's transaction (the
 * app's folder: one at a time, at REPEATABLE READ): a move committed after the snapshot waits for the
 * next fold, a fold that rolls back leaves them all. Answers how many moves were applied.
 */
export async function foldPracticeCounts(manager: EntityManager): Promise<number> {
  const [row] = await transactionQuery<{ n: number }>(
    manager,
    `WITH taken AS (DELETE FROM practice_count_deltas RETURNING *), applied AS (
       INSERT INTO practice_counts AS o (cohort_id, month, territory_id, handed_in, reviewed, passed)
       SELECT cohort_id, month, (array_agg(territory_id))[1], sum(handed_in), sum(reviewed), sum(passed) FROM taken
        GROUP BY cohort_id, month ORDER BY cohort_id, month
       ON CONFLICT (cohort_id, month) DO UPDATE SET
         territory_id = EXCLUDED.territory_id,
         handed_in = o.handed_in + EXCLUDED.handed_in,
         reviewed = o.reviewed + EXCLUDED.reviewed,
         passed = o.passed + EXCLUDED.passed)
     SELECT count(*)::int AS n FROM taken`,
    [],
  );
  const [days] = await transactionQuery<{ n: number }>(
    manager,
    `WITH taken AS (DELETE FROM practice_review_day_deltas RETURNING *), applied AS (
       INSERT INTO practice_review_days AS o (cohort_id, month, days, territory_id, n)
       SELECT cohort_id, month, days, (array_agg(territory_id))[1], sum(n) FROM taken
        GROUP BY cohort_id, month, days ORDER BY cohort_id, month, days
       ON CONFLICT (cohort_id, month, days) DO UPDATE SET territory_id = EXCLUDED.territory_id, n = o.n + EXCLUDED.n)
     SELECT count(*)::int AS n FROM taken`,
    [],
  );
  return (row?.n ?? 0) + (days?.n ?? 0);
}
