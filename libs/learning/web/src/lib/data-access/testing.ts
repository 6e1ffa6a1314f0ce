import type { CoachCourse, CoachLesson, LearnerCourse, LessonKind } from '@tc/shared/contracts';

/** A coach lesson for specs. */
export function lesson(
  key: string,
  kind: LessonKind = 'text',
  extra: Partial<CoachLesson> = {},
): CoachLesson {
  return {
    key,
    kind,
    title: `Lesson ${key}`,
    locale: 'fr',
    fallback: false,
    html: `<p>${key}</p>`,
    media: null,
    quiz:
      kind === 'quiz'
        ? {
            passMark: 70,
            maxAttempts: 3,
            questions: [
              { key: 'q1', type: 'single', prompt: 'One?', points: 1, options: [{ key: 'a', text: 'A' }] },
            ],
          }
        : null,
    estimatedMinutes: 5,
    competences: [],
    ...extra,
  };
}

/** Two modules: m1 (l1, l2, quiz), m2 (l3). */
export function course(): CoachCourse {
  return {
    courseId: 'c-1',
    version: 1,
    slug: 'demo',
    locale: 'fr',
    title: 'Demo',
    summary: '',
    coverImageUrl: null,
    competences: ['1.1', '2.3'],
    modules: [
      {
        key: 'm1',
        title: 'Module 1',
        lessons: [lesson('l1'), lesson('l2', 'media'), lesson('quiz', 'quiz')],
      },
      { key: 'm2', title: 'Module 2', lessons: [lesson('l3')] },
    ],
  };
}

/** A learner course on `course()` where nothing is done; override what a spec needs. */
export function learner(extra: Partial<LearnerCourse> = {}): LearnerCourse {
  const c = course();
  const keys = c.modules.flatMap((m) => m.lessons.map((l) => l.key));
  return {
    enrolmentId: 'enr-1',
    cohortName: 'Oriental 2026',
    status: 'active',
    completedAt: null,
    course: c,
    requestedLocale: 'fr',
    lessons: Object.fromEntries(keys.map((k) => [k, { state: 'not_started', lastActivityAt: null }])),
    quizzes: { quiz: { attempts: 0, bestPercent: null, passed: false, attemptsLeft: 3 } },
    deadlines: { m1: null, m2: null },
    nextLessonKey: 'l1',
    lessonsDone: 0,
    lessonsTotal: keys.length,
    ...extra,
  };
}
