import { InjectionToken } from '@angular/core';
import type { CohortTaskStates } from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

/** Reads where each coach of a cohort stands on its practical tasks. */
export type RosterTaskStatesSource = (cohortId: string) => Observable<CohortTaskStates>;

/**
 * The roster's task column. Cohorts know nothing of practice: the app provides this from the practice
 * domain. Not provided (null): the roster has no task column.
 */
export const ROSTER_TASK_STATES = new InjectionToken<RosterTaskStatesSource | null>('ROSTER_TASK_STATES', {
  factory: () => null,
});
