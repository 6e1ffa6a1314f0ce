import type { Route } from '@angular/router';

/** The job queue's dead letters, for admins (the app guards it with `adminGuard`). */
export const deadLettersRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./dead-letters.page').then((m) => m.DeadLettersPage),
  },
];
