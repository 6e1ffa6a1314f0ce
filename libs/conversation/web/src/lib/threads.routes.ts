import type { Route } from '@angular/router';

/**
 * A cohort's questions and discussions, under `/cohorts/:cohortId/threads` (the app mounts them there
 * for its coaches, trainers and admins; the API decides who sees what): the list, and one thread.
 */
export const threadsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./threads/list/threads.page').then((m) => m.ThreadsPage),
  },
  {
    path: ':threadId',
    loadComponent: () => import('./threads/thread/thread.page').then((m) => m.ThreadPage),
  },
];

/**
 * The lesson page's "Questions about this lesson" (learning's `LESSON_DISCUSSION`), in its own chunk:
 * it takes the inputs `enrolmentId` and `lessonKey`.
 */
export const loadLessonQuestions = () =>
  import('./threads/lesson-questions/lesson-questions.component').then((m) => m.LessonQuestionsComponent);
