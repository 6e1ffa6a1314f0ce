import { PendingTasks, inject } from '@angular/core';
import { Router } from '@angular/router';
import { yieldToMain } from './yield';

/**
 * An APP_BOOTSTRAP_LISTENER (with the router's initial navigation disabled): the first page renders
 * in a task after the shell's, not in the same long one. The app counts as busy in between (a pending
 * task until the router holds its own), so what waits for it to be stable — the service worker's
 * registration, the learner sync — still waits for the first page.
 */
export function navigateAfterShell(): () => void {
  const router = inject(Router);
  const pending = inject(PendingTasks);
  return () => {
    const done = pending.add();
    void yieldToMain()
      .then(() => router.initialNavigation())
      .finally(done);
  };
}
