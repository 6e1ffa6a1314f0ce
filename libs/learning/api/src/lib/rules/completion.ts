import type { CourseContent, LessonContent, PracticalTask } from '@tc/shared/contracts';

export interface LessonFacts {
  completed: boolean;
  /** Quizzes only: a passing attempt exists. */
  passed: boolean;
}

/** A task lesson's task (versions frozen before tasks carry none). */
function taskOf(lesson: LessonContent): PracticalTask | null {
  return (lesson as { task?: PracticalTask | null }).task ?? null;
}

/**
 * Whether a lesson is done: a quiz once passed, a task once a trainer passed it (the practice domain
 * then completes the lesson's summary row; a coach's own "completed" event does not), any other lesson
 * once completed.
 */
function done(lesson: LessonContent, facts: Map<string, LessonFacts>): boolean {
  const f = facts.get(lesson.key);
  return lesson.kind === 'quiz' ? !!f?.passed : !!f?.completed;
}

/**
 * Whether a lesson counts towards completion: every lesson does but a task that is not required (the
 * coach may hand it in; the course completes without it).
 */
function counts(lesson: LessonContent): boolean {
  return lesson.kind !== 'task' || !!taskOf(lesson)?.required;
}

/**
 * A course is complete when every lesson of the followed version is done, every quiz is passed and every
 * required task is passed. Progress on lessons that are not (or no longer) in the version does not count.
 */
export function isCourseComplete(content: CourseContent, facts: Map<string, LessonFacts>): boolean {
  const lessons = content.modules.flatMap((m) => m.lessons).filter(counts);
  return lessons.length > 0 && lessons.every((l) => done(l, facts));
}

/** Lessons done in the version, for progress bars: a quiz counts once passed, a task once passed. */
export function lessonsDone(content: CourseContent, facts: Map<string, LessonFacts>): number {
  return content.modules.flatMap((m) => m.lessons).filter((l) => done(l, facts)).length;
}
