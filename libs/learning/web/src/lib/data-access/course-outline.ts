import type { CoachCourse, CoachLesson, LearnerCourse } from '@tc/shared/contracts';

export interface PlacedLesson {
  lesson: CoachLesson;
  moduleKey: string;
  moduleTitle: string;
  /** 0-based position in the whole course. */
  index: number;
}

/** Every lesson of the course in reading order, with its module. */
export function lessonsInOrder(course: CoachCourse): PlacedLesson[] {
  let index = 0;
  return course.modules.flatMap((m) =>
    m.lessons.map((lesson) => ({ lesson, moduleKey: m.key, moduleTitle: m.title, index: index++ })),
  );
}

export interface LessonPlace {
  current: PlacedLesson;
  previous: PlacedLesson | null;
  next: PlacedLesson | null;
  total: number;
}

/** Where a lesson sits: the one before and after it across module boundaries; null if unknown. */
export function placeOf(course: CoachCourse, lessonKey: string): LessonPlace | null {
  const all = lessonsInOrder(course);
  const i = all.findIndex((p) => p.lesson.key === lessonKey);
  if (i < 0) return null;
  return { current: all[i], previous: all[i - 1] ?? null, next: all[i + 1] ?? null, total: all.length };
}

/** Whether a lesson counts as done: a quiz when passed, any other lesson when completed. */
export function isDone(learner: LearnerCourse, lesson: CoachLesson): boolean {
  if (lesson.kind === 'quiz') return !!learner.quizzes[lesson.key]?.passed;
  return learner.lessons[lesson.key]?.state === 'completed';
}

/** The first lesson not done, in reading order (what "Continue" opens), or null when all are. */
export function firstNotDone(learner: LearnerCourse): string | null {
  return lessonsInOrder(learner.course).find((p) => !isDone(learner, p.lesson))?.lesson.key ?? null;
}

/** Where "Continue" leads: the server's next lesson, else the first lesson (course finished). */
export function continueKey(learner: LearnerCourse): string | null {
  return learner.nextLessonKey ?? learner.course.modules[0]?.lessons[0]?.key ?? null;
}
