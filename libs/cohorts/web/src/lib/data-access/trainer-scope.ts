import { InjectionToken, type Signal, signal } from '@angular/core';

/**
 * The territories a new cohort may be placed in: those where the signed-in person holds the trainer
 * role (an admin: their admin territories). Cohorts know nothing of identity: the app provides this
 * from the session. Empty: the whole tree.
 */
export const TRAINER_SCOPE = new InjectionToken<Signal<readonly string[]>>('TRAINER_SCOPE', {
  factory: () => signal([]),
});
