/** What scoring needs of a criterion, whatever the language of its texts. */
export interface ScoredCriterion {
  key: string;
  levels: readonly { key: string; points: number }[];
}

/** Where a review stands: the points of the levels chosen so far, and whether it may pass. */
export interface RubricScore {
  points: number;
  maxPoints: number;
  passPoints: number;
  /** Criteria without a level yet. */
  missing: string[];
  /** Every criterion scored and the points reach the pass mark. */
  canPass: boolean;
  /** Why a pass is not possible yet: a criterion not scored, else points below the mark. */
  blocked: 'unscored' | 'below' | null;
}

/** The points of the chosen level per criterion (`chosen`: criterion key → level key). */
export function rubricScore(
  criteria: readonly ScoredCriterion[],
  passPoints: number,
  chosen: Readonly<Record<string, string>>,
): RubricScore {
  let points = 0;
  let maxPoints = 0;
  const missing: string[] = [];
  for (const c of criteria) {
    maxPoints += Math.max(0, ...c.levels.map((l) => l.points));
    const level = c.levels.find((l) => l.key === chosen[c.key]);
    if (level) points += level.points;
    else missing.push(c.key);
  }
  const blocked = missing.length ? 'unscored' : points < passPoints ? 'below' : null;
  return { points, maxPoints, passPoints, missing, canPass: blocked === null, blocked };
}
