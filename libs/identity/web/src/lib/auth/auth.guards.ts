import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Role } from '@tc/shared/contracts';
import { AuthService } from './auth.service';

/** Signed-in routes: anyone else goes to /sign-in and comes back after. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.whenRestored();
  return auth.signedIn() || router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Routes for people holding one of `roles` (in any territory); others go home. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    await auth.whenRestored();
    if (!auth.signedIn())
      return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
    return auth.hasRole(...roles) || router.createUrlTree(['/']);
  };
}

export const adminGuard: CanActivateFn = roleGuard('admin');

/** Sign-in and forgot-password pages: a signed-in person goes home. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.whenRestored();
  return !auth.signedIn() || router.createUrlTree(['/']);
};
