import { InjectionToken, type Signal, signal } from '@angular/core';
import type { Role } from '@tc/shared/contracts';

/**
 * Who reads the help: the signed-in person's roles, or `null` when nobody is signed in. The help
 * knows nothing of identity: the app provides this from the session.
 */
export const HELP_READER = new InjectionToken<Signal<readonly Role[] | null>>('HELP_READER', {
  factory: () => signal(null),
});
