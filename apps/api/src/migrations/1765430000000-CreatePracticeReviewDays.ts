import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How long hand-ins wait for their review, kept like the practice counts (CreatePracticeCounts): a
 * review appends one row to `practice_review_day_deltas` (no key, no index: the insert locks nothing
 * another trainer needs), and the API's folder adds them into `practice_review_days`, a histogram per
 * cohort of whole days from hand-in to review: 0 to 30, and 31 for more than 30. No submission, coach
 * or trainer is named: only the cohort, its territory, a day count and how many reviews took it.
 *
 * - `practice_cohort_review_days` (practice): the read surface for other domains (the observatory's
 *   median days to review, per cohort and summed over a territory's cohorts).
 */
export class CreatePracticeReviewDays1765430000000 implements MigrationInterface {
  name = 'CreatePracticeReviewDays1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "practice_review_day_deltas" (
      "cohort_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "days" smallint NOT NULL,
      "n" integer NOT NULL
    )`);
    await q.query(`CREATE TABLE "practice_review_days" (
      "cohort_id" uuid NOT NULL,
      "days" smallint NOT NULL,
      "territory_id" uuid NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_practice_review_days" PRIMARY KEY ("cohort_id", "days"),
      CONSTRAINT "CHK_practice_review_days_days" CHECK ("days" BETWEEN 0 AND 31)
    )`);
    await q.query(
      `CREATE INDEX "IDX_practice_review_days_territory" ON "practice_review_days" ("territory_id")`,
    );
    await q.query(`CREATE VIEW "practice_cohort_review_days" AS
      SELECT "cohort_id", "territory_id", "days", "n" FROM "practice_review_days"`);
    await q.query(
      `COMMENT ON VIEW "practice_cohort_review_days" IS 'The practice domain''s read surface for other domains: reviews per cohort by whole days from hand-in to review (31 = more than 30).'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "practice_cohort_review_days"`);
    await q.query(`DROP TABLE "practice_review_days"`);
    await q.query(`DROP TABLE "practice_review_day_deltas"`);
  }
}
