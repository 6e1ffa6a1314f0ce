import { HttpStatus, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { type AuthPrincipal, ProblemException } from '@tc/shared/api';

export const notFound = (what = 'No such cohort.') =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not found', what);

/** Who someone is to a cohort whose conversation they open, and what its pages need of it. */
export interface CohortAudience {
  cohortId: string;
  cohortName: string;
  /** The cohort's territory, for whoever runs it (audit entries); null for a coach. */
  territoryId: string | null;
  /** Runs the cohort (its trainers, the admins of its territory); false: one of its active coaches. */
  runs: boolean;
  courseId: string;
  courseVersion: number;
}

/**
 * Whoever runs the cohort, or one of its coaches with an active enrolment; anyone else gets 404, the
 * cohort's existence not revealed.
 */
export async function cohortAudience(
  cohorts: CohortsService,
  records: LearnerRecords,
  manager: EntityManager,
  principal: AuthPrincipal,
  cohortId: string,
): Promise<CohortAudience> {
  try {
    const cohort = await cohorts.requireManageable(principal, cohortId, manager);
    return {
      cohortId,
      cohortName: cohort.name,
      territoryId: cohort.territoryId,
      runs: true,
      courseId: cohort.courseId,
      courseVersion: cohort.courseVersion,
    };
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  const own = (await records.activeCohortsOf(manager, principal.userId)).find((c) => c.cohortId === cohortId);
  if (!own) throw notFound();
  return {
    cohortId,
    cohortName: own.cohortName,
    territoryId: null,
    runs: false,
    courseId: own.courseId,
    courseVersion: own.courseVersion,
  };
}
