import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';

/**
 * Applies the pending rollup deltas (`obs_fact_deltas`, `obs_lesson_stat_deltas`,
 * `obs_self_assessment_deltas`) to the rollups and deletes them, in the caller's transaction: the
 * database function `obs_fold_rollups` (see `rollup-triggers.ts`). The app's folder calls it every
 * 2 seconds, one folder at a time, at REPEATABLE READ. Answers how many delta rows it applied.
 */
export async function foldRollups(manager: EntityManager): Promise<number> {
  const [row] = await transactionQuery<{ n: number }>(manager, 'SELECT obs_fold_rollups() AS n', []);
  return row?.n ?? 0;
}
