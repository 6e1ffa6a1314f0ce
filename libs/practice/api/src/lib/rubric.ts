import type { CriterionScore, FieldError, PracticalTask, ReviewDecision } from '@tc/shared/contracts';

export type RubricOutcome = { ok: true; points: number } | { ok: false; errors: FieldError[] };

/**
 * A review's scores against the task's rubric: exactly one known level per criterion, the points the
 * sum of the chosen levels, and a pass only at or above the task's pass threshold. Every fault names its
 * field (`scores[1].levelKey`, `scores`, `decision`).
 */
export function scoreReview(
  task: PracticalTask,
  decision: ReviewDecision,
  scores: CriterionScore[],
): RubricOutcome {
  const errors: FieldError[] = [];
  const criteria = new Map(task.criteria.map((c) => [c.key, c]));
  const seen = new Set<string>();
  let points = 0;
  scores.forEach((s, i) => {
    const criterion = criteria.get(s.criterionKey);
    if (!criterion) {
      errors.push({
        field: `scores[${i}].criterionKey`,
        message: `The task has no criterion ${s.criterionKey}`,
        code: 'criterion-unknown',
      });
      return;
    }
    if (seen.has(s.criterionKey)) {
      errors.push({
        field: `scores[${i}].criterionKey`,
        message: `Criterion ${s.criterionKey} is scored twice`,
        code: 'duplicate-items',
      });
      return;
    }
    seen.add(s.criterionKey);
    const level = criterion.levels.find((l) => l.key === s.levelKey);
    if (!level) {
      errors.push({
        field: `scores[${i}].levelKey`,
        message: `Criterion ${s.criterionKey} has no level ${s.levelKey}`,
        code: 'level-unknown',
      });
      return;
    }
    points += level.points;
  });
  const missing = task.criteria.filter((c) => !seen.has(c.key)).map((c) => c.key);
  if (missing.length && !errors.length)
    errors.push({
      field: 'scores',
      message: `Every criterion needs a score; missing: ${missing.join(', ')}`,
      code: 'criterion-missing',
      params: { keys: missing },
    });
  if (errors.length) return { ok: false, errors };
  if (decision === 'pass' && points < task.passPoints)
    return {
      ok: false,
      errors: [
        {
          field: 'decision',
          message: `A pass needs ${task.passPoints} points; these scores make ${points}`,
          code: 'points-below-pass',
          params: { points, passPoints: task.passPoints },
        },
      ],
    };
  return { ok: true, points };
}
