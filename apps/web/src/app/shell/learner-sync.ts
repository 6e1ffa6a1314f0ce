import { ApplicationRef, Injectable, Injector, effect, inject, untracked } from '@angular/core';
import { AuthService, LEARN_ROLES } from '@tc/identity/web';

/** What the shell uses of the learning domain's sync (its `ProgressSyncService`). */
export interface LearnerSyncApi {
  /** How many items the signed-in person has waiting on this device. */
  waiting(): Promise<number>;
}

/** Loads the learning domain's sync; replaced in specs. */
export type LoadLearnerSync = (injector: Injector) => Promise<LearnerSyncApi>;

const loadFromLearning: LoadLearnerSync = async (injector) => {
  // Lazy, as the learning routes are: people who never learn never download it. The sync's own
  // entry, not the learning pages'.
  const { ProgressSyncService } = await import('@tc/learning/web/sync');
  return injector.get(ProgressSyncService);
};

/**
 * Starts sending a learner's waiting progress and quiz attempts when the app starts or someone signs
 * in, whatever page is open (the sync then also resends when the browser comes back online). The
 * learning code loads once the first page is on screen, so it never delays it, and only for people
 * who can learn.
 */
@Injectable({ providedIn: 'root' })
export class LearnerSync {
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly appRef = inject(ApplicationRef);
  private sync: Promise<LearnerSyncApi | null> | null = null;
  /** Replaced in specs. */
  load: LoadLearnerSync = loadFromLearning;

  /** Called once at start-up. */
  watch(): void {
    effect(
      () => {
        if (this.auth.me() && this.auth.hasRole(...LEARN_ROLES)) untracked(() => void this.started());
      },
      { injector: this.injector },
    );
  }

  /** How many items the signed-in person keeps on this device (0 when the sync never started). */
  async waiting(): Promise<number> {
    const sync = await this.sync;
    return sync ? sync.waiting().catch(() => 0) : 0;
  }

  private started(): Promise<LearnerSyncApi | null> {
    this.sync ??= this.appRef
      .whenStable()
      .then(() => this.load(this.injector))
      .catch(() => {
        // Offline before the chunk was cached: try again at the next sign-in.
        this.sync = null;
        return null;
      });
    return this.sync;
  }
}
