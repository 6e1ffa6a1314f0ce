import {
  MATURITY_DIMENSIONS,
  MATURITY_ITEMS,
  type MaturityAnswers,
  type MaturityItemId,
  type MaturityLevel,
  type MaturityScores,
  maturityScores,
} from '@tc/shared/contracts';

/** How a score reads at a glance: starting (under 34), on the way (34–66), well along (67 and up). */
export type ScoreBand = 'starting' | 'growing' | 'advanced';

export function scoreBand(score: number): ScoreBand {
  return score >= 67 ? 'advanced' : score >= 34 ? 'growing' : 'starting';
}

/** The check form's answers while the coach fills it: an item not answered yet is absent. */
export type DraftAnswers = Partial<Record<MaturityItemId, MaturityLevel>>;

/**
 * The score shown live while the check is answered: the one rule (`maturityScores`), an item not
 * answered yet counting as 0 — the score can only grow as the coach goes on, and it is the final
 * score once all 12 are answered.
 */
export function liveScores(draft: DraftAnswers): {
  scores: MaturityScores;
  answered: number;
  complete: boolean;
} {
  const answers = Object.fromEntries(MATURITY_ITEMS.map((i) => [i.id, draft[i.id] ?? 0])) as MaturityAnswers;
  const answered = MATURITY_ITEMS.filter((i) => draft[i.id] !== undefined).length;
  return { scores: maturityScores(answers), answered, complete: answered === MATURITY_ITEMS.length };
}

/** A complete set of answers, or null while one is missing. */
export function completeAnswers(draft: DraftAnswers): MaturityAnswers | null {
  return MATURITY_ITEMS.every((i) => draft[i.id] !== undefined) ? (draft as MaturityAnswers) : null;
}

/** The items of each dimension, in the order the form shows them. */
export const ITEMS_BY_DIMENSION = MATURITY_DIMENSIONS.map((dimension) => ({
  dimension,
  items: MATURITY_ITEMS.filter((i) => i.dimension === dimension).map((i) => i.id as MaturityItemId),
}));
