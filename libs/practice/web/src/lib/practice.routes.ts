import type { Route } from '@angular/router';

/**
 * A trainer's reviews of one cohort, under `/cohorts/:cohortId/reviews` (the app mounts them there):
 * the queue, and one hand-in (`?enrolment=&lesson=` say whose task it is).
 */
export const practiceReviewRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./review/review-queue.page').then((m) => m.ReviewQueuePage),
  },
  {
    path: ':submissionId',
    loadComponent: () => import('./review/review.page').then((m) => m.ReviewPage),
  },
];
