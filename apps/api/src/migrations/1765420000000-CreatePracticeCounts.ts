import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practice counts for the observatory, kept like the other shared counts (AppendCountDeltas): a hand-in,
 * a withdrawal or a review appends its signed contribution to `practice_count_deltas` (no key, no index:
 * the insert locks nothing another coach needs), and the API's folder applies them to
 * `practice_counts`, one row per cohort with its territory, exactly once.
 *
 * - `handed_in`: rounds handed in and not withdrawn; `reviewed`: rounds reviewed; `passed`: rounds passed.
 * - `practice_cohort_counts` (practice): the read surface for other domains (the observatory sums it over
 *   a territory's cohorts).
 */
export class CreatePracticeCounts1765420000000 implements MigrationInterface {
  name = 'CreatePracticeCounts1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "practice_count_deltas" (
      "cohort_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "handed_in" integer NOT NULL,
      "reviewed" integer NOT NULL,
      "passed" integer NOT NULL
    )`);
    await q.query(`CREATE TABLE "practice_counts" (
      "cohort_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "handed_in" integer NOT NULL DEFAULT 0,
      "reviewed" integer NOT NULL DEFAULT 0,
      "passed" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_practice_counts" PRIMARY KEY ("cohort_id")
    )`);
    await q.query(`CREATE INDEX "IDX_practice_counts_territory" ON "practice_counts" ("territory_id")`);
    await q.query(`CREATE VIEW "practice_cohort_counts" AS
      SELECT "cohort_id", "territory_id", "handed_in", "reviewed", "passed" FROM "practice_counts"`);
    await q.query(
      `COMMENT ON VIEW "practice_cohort_counts" IS 'The practice domain''s read surface for other domains: rounds handed in, reviewed and passed per cohort.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "practice_cohort_counts"`);
    await q.query(`DROP TABLE "practice_counts"`);
    await q.query(`DROP TABLE "practice_count_deltas"`);
  }
}
