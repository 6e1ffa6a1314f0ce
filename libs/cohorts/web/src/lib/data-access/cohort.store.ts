import { Injectable, inject, signal } from '@angular/core';
import type { Cohort, ProblemDetails, VersionChange } from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import { EMPTY, type Observable, defer, finalize, tap } from 'rxjs';
import { CohortsService } from './cohorts.service';

/**
 * The cohort on screen, shared by the parts of its page (provided on `/cohorts/:id`). Every change
 * answers the whole cohort, which replaces ours; `enrolmentsChanged` tells the roster to reload.
 */
@Injectable()
export class CohortStore {
  private readonly cohorts = inject(CohortsService);
  private readonly state = signal<Cohort | null>(null);
  private loadingId: string | null = null;

  readonly cohort = this.state.asReadonly();
  readonly loadProblem = signal<ProblemDetails | null>(null);
  readonly busy = signal(false);
  /** What the last move to a newer version changed. */
  readonly lastUpgrade = signal<{ from: number; to: number; changes: VersionChange } | null>(null);
  /** Bumped after enrolments change (enrol, import, withdraw). */
  readonly enrolmentsChanged = signal(0);

  /** Loads the cohort unless it is the one already here. */
  ensure(id: string): void {
    if (this.state()?.id === id || this.loadingId === id) return;
    this.loadingId = id;
    this.state.set(null);
    this.loadProblem.set(null);
    this.lastUpgrade.set(null);
    this.cohorts.get(id).subscribe({
      next: (cohort) => {
        this.loadingId = null;
        this.state.set(cohort);
      },
      error: (e: unknown) => {
        this.loadingId = null;
        this.loadProblem.set(problemOf(e));
      },
    });
  }

  set(cohort: Cohort): void {
    this.state.set(cohort);
  }

  /** A change run when subscribed: `busy` meanwhile; the cohort it answers replaces ours. */
  run(change: (c: CohortsService, id: string) => Observable<Cohort>): Observable<Cohort> {
    return defer(() => {
      const id = this.state()?.id;
      if (!id) return EMPTY;
      this.busy.set(true);
      return change(this.cohorts, id).pipe(
        tap((cohort) => this.state.set(cohort)),
        finalize(() => this.busy.set(false)),
      );
    });
  }

  /** After enrolments changed: the roster reloads and the enrolled count is fetched again. */
  enrolmentsUpdated(): void {
    this.enrolmentsChanged.update((n) => n + 1);
    const id = this.state()?.id;
    if (id) this.cohorts.get(id).subscribe({ next: (c) => this.state.set(c), error: () => undefined });
  }
}
