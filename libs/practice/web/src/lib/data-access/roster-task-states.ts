import { HttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import type { CohortTaskStates } from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

/**
 * What the cohorts' roster reads its task column from (the app provides it as the cohorts domain's
 * `ROSTER_TASK_STATES`): where each coach of a cohort stands on its practical tasks. Call it in an
 * injection context.
 */
export function rosterTaskStates(): (cohortId: string) => Observable<CohortTaskStates> {
  const http = inject(HttpClient);
  return (cohortId) =>
    http.get<CohortTaskStates>(`/api/v1/cohorts/${encodeURIComponent(cohortId)}/task-states`);
}
