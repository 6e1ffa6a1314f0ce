import type { Route } from '@angular/router';

/**
 * `/observatory`: the training dashboard, and `/observatory/impact`: impact in the field (filters in
 * the query string). The app guards them by role; the server scopes every figure to the caller's
 * territories.
 */
export const observatoryRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./dashboard/observatory.page').then((m) => m.ObservatoryPage),
  },
  {
    path: 'impact',
    loadComponent: () => import('./impact/impact.page').then((m) => m.ImpactPage),
  },
];
