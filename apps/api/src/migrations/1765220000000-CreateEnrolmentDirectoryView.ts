import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `enrolment_directory` (cohorts): who is enrolled in which cohort, the cohort's territory, and whether
 * the enrolment is still running (not withdrawn, not completed, in a cohort not closed). Read by identity
 * to warn an admin how many running enrolments removing a coach role would leave behind, without naming
 * the cohorts domain's tables (see CreateDomainReadViews).
 */
export class CreateEnrolmentDirectoryView1765220000000 implements MigrationInterface {
  name = 'CreateEnrolmentDirectoryView1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW "enrolment_directory" AS
      SELECT e."id", e."user_id", e."cohort_id", c."territory_id",
             (e."status" = 'active' AND e."completed_at" IS NULL AND c."status" <> 'closed') AS "in_progress"
        FROM "enrolments" e JOIN "cohorts" c ON c."id" = e."cohort_id"`);
    await q.query(
      `COMMENT ON VIEW "enrolment_directory" IS 'The cohorts domain''s read surface for other domains: enrolments, their cohort''s territory, whether they still run.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "enrolment_directory"`);
  }
}
