import type { HttpTestingController } from '@angular/common/http/testing';

/** For specs: answers the roster's pending requests with nobody enrolled and nobody invited. */
export function flushEmptyRoster(http: HttpTestingController, cohortId: string): void {
  http
    .match((r) => r.url === `/api/v1/cohorts/${cohortId}/roster`)
    .forEach((r) => r.flush({ cohortId, total: 0, invitations: [], rows: [] }));
  http
    .match((r) => r.url === `/api/v1/cohorts/${cohortId}/invitations`)
    .forEach((r) => r.flush({ linksMailed: false, invitations: [] }));
}
