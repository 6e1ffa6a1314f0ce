import type { Route } from '@angular/router';

/**
 * `/learn` (my courses), `/learn/:enrolmentId` (a course) and
 * `/learn/:enrolmentId/lessons/:lessonKey` (the player, quizzes included). Signed-in coaches.
 */
export const learnRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./learner-home/learner-home.page').then((m) => m.LearnerHomePage),
  },
  {
    path: ':enrolmentId',
    loadComponent: () => import('./course/course.page').then((m) => m.CoursePage),
  },
  {
    path: ':enrolmentId/lessons/:lessonKey',
    loadComponent: () => import('./lesson/lesson.page').then((m) => m.LessonPage),
  },
];

/** `/verify/:code`: public, no sign-in. */
export const verifyRoutes: Route[] = [
  {
    path: ':code',
    loadComponent: () => import('./verify/verify-certificate.page').then((m) => m.VerifyCertificatePage),
  },
];
