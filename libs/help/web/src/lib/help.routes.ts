import type { Route } from '@angular/router';

/** `/help`, open to anyone (the sign-in page links to it). */
export const helpRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./help.page').then((m) => m.HelpPage),
  },
];
