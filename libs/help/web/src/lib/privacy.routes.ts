import type { Route } from '@angular/router';

/** `/privacy`, open to anyone (the sign-in page and the menu link to it). */
export const privacyRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./privacy.page').then((m) => m.PrivacyPage),
  },
];
