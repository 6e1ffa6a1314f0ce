import type { EntityManager } from 'typeorm';
import type { EnrolmentSource } from './entities/enrolment.entity';

/**
 * Enrols these people in the cohort, or enrols them again after a withdrawal (their history kept):
 * two set-based statements whatever the count. Returns who changed (the others were enrolled already).
 */
export async function activateEnrolments(
  manager: EntityManager,
  cohortId: string,
  userIds: string[],
  source: EnrolmentSource,
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const inserted: { user_id: string }[] = await manager.query(
    `INSERT INTO enrolments (cohort_id, user_id, source)
     SELECT $1, unnest($2::uuid[]), $3
     ON CONFLICT ON CONSTRAINT "UQ_enrolments_cohort_user" DO NOTHING
     RETURNING user_id`,
    [cohortId, userIds, source],
  );
  // TypeORM answers an UPDATE … RETURNING as [rows, count].
  const [reactivated] = (await manager.query(
    `UPDATE enrolments SET status = 'active', withdrawn_at = NULL
      WHERE cohort_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'withdrawn'
      RETURNING user_id`,
    [cohortId, userIds],
  )) as [{ user_id: string }[], number];
  return new Set([...inserted, ...reactivated].map((r) => r.user_id));
}
