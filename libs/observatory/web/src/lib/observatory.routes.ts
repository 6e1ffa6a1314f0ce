import type { Route } from '@angular/router';

/**
 * `/observatory`: the dashboard (filters in the query string). The app guards it by role; the
 * server scopes every figure to the caller's territories.
 */
export const observatoryRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./dashboard/observatory.page').then((m) => m.ObservatoryPage),
  },
];
