import type { CourseContent } from '@tc/shared/contracts';

export interface LessonFacts {
  completed: boolean;
  /** Quizzes only: a passing attempt exists. */
  passed: boolean;
}

/**
 * A course is complete when every lesson of the followed version is done and every quiz is passed.
 * Progress on lessons that are not (or no longer) in the version does not count.
 */
export function isCourseComplete(content: CourseContent, facts: Map<string, LessonFacts>): boolean {
  const lessons = content.modules.flatMap((m) => m.lessons);
  return (
    lessons.length > 0 &&
    lessons.every((l) => (l.kind === 'quiz' ? !!facts.get(l.key)?.passed : !!facts.get(l.key)?.completed))
  );
}

/** Lessons done in the version, for progress bars: a quiz counts once passed. */
export function lessonsDone(content: CourseContent, facts: Map<string, LessonFacts>): number {
  return content.modules
    .flatMap((m) => m.lessons)
    .filter((l) => (l.kind === 'quiz' ? facts.get(l.key)?.passed : facts.get(l.key)?.completed)).length;
}
