import { InjectionToken, type Signal, computed, inject } from '@angular/core';
import { AuthService } from '@tc/identity/web';

/** The signed-in person's id (null when nobody is): whose outbox is sent. */
export const SYNC_USER = new InjectionToken<Signal<string | null>>('SYNC_USER', {
  providedIn: 'root',
  factory: () => {
    const auth = inject(AuthService);
    return computed(() => auth.me()?.id ?? null);
  },
});

/** A number in [0, 1] for the jitter of the retry waits (specs make it fixed). */
export const SYNC_RANDOM = new InjectionToken<() => number>('SYNC_RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

/** Thrown when something is recorded with nobody signed in (the learner pages need a session). */
export class NotSignedInError extends Error {
  constructor() {
    super('Progress is recorded for a signed-in person only.');
  }
}
