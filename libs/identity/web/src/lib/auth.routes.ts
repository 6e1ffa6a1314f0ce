import type { Route } from '@angular/router';
import { guestGuard } from './auth/auth.guards';

/** Public pages: sign-in, forgot password, and the accept-link page of invitations and resets. */
export const authRoutes: Route[] = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadComponent: () => import('./sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'forgot-password',
    canActivate: [guestGuard],
    loadComponent: () => import('./forgot-password/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'links/:token',
    loadComponent: () => import('./accept-link/accept-link.page').then((m) => m.AcceptLinkPage),
  },
];
