import type { Route } from '@angular/router';
import { HomePage } from './home/home.page';

/**
 * The signed-in person's own pages (the app guards them with `authGuard`). The home page, where
 * everyone lands, is small and comes with the app (no round trip for its chunk before it shows);
 * the profile loads when opened.
 */
export const accountRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    component: HomePage,
  },
  {
    path: 'profile',
    loadComponent: () => import('./profile/profile.page').then((m) => m.ProfilePage),
  },
];
