import type { Route } from '@angular/router';
import { LessonPage } from './lesson/lesson.page';

const loadLearnerHome = () => import('./learner-home/learner-home.page').then((m) => m.LearnerHomePage);
const loadCoursePage = () => import('./course/course.page').then((m) => m.CoursePage);

/**
 * `/learn` (my courses), `/learn/:enrolmentId` (a course) and
 * `/learn/:enrolmentId/lessons/:lessonKey` (the player, quizzes included). Signed-in coaches.
 * The lesson player, where coaches spend their time and arrive from a bookmark or after a reload,
 * comes in the same chunk as these routes rather than one round trip after it.
 */
export const learnRoutes: Route[] = [
  {
    path: '',
    loadComponent: loadLearnerHome,
  },
  {
    path: ':enrolmentId',
    loadComponent: loadCoursePage,
  },
  {
    path: ':enrolmentId/lessons/:lessonKey',
    component: LessonPage,
  },
];

/**
 * Starts downloading the code of the page at `pathname` under `/learn` (the same chunks as its route
 * loads), so that a reload or a bookmark fetches it while Angular starts instead of after the router's
 * first navigation. Errors are left to the router, which loads the chunk again.
 */
export function warmUpLearning(pathname: string): void {
  const rest = pathname.replace(/^\/learn\/?/, '');
  const load = !rest ? loadLearnerHome : !rest.includes('/') ? loadCoursePage : null;
  void load?.().catch(() => undefined);
}

/**
 * `/verify` (check an Open Badges credential: a file or pasted JSON) and `/verify/:code` (a
 * certificate by its code): public, no sign-in.
 */
export const verifyRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./verify/check-credential.page').then((m) => m.CheckCredentialPage),
  },
  {
    path: ':code',
    loadComponent: () => import('./verify/verify-certificate.page').then((m) => m.VerifyCertificatePage),
  },
];
