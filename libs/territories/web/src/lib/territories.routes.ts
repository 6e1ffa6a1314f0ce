import type { Route } from '@angular/router';

/** `/territories` (roots) and `/territories/:id` (one territory and its children). */
export const territoriesRoutes: Route[] = [
  {
    path: '',
    loadComponent: () =>
      import('./territory-browser/territory-browser.page').then((m) => m.TerritoryBrowserPage),
  },
  {
    path: ':id',
    loadComponent: () =>
      import('./territory-browser/territory-browser.page').then((m) => m.TerritoryBrowserPage),
  },
];
