import type { Route } from '@angular/router';
import { LessonPage } from './lesson/lesson.page';

/**
 * `/learn` (my courses), `/learn/:enrolmentId` (a course) and
 * `/learn/:enrolmentId/lessons/:lessonKey` (the player, quizzes included). Signed-in coaches.
 * The lesson player, where coaches spend their time and arrive from a bookmark or after a reload,
 * comes in the same chunk as these routes rather than one round trip after it.
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
    component: LessonPage,
  },
];

/** `/verify/:code`: public, no sign-in. */
export const verifyRoutes: Route[] = [
  {
    path: ':code',
    loadComponent: () => import('./verify/verify-certificate.page').then((m) => m.VerifyCertificatePage),
  },
];
