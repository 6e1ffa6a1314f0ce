import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field practice by month, so that the observatory's month window applies to it as it applies to
 * completion: every stage is counted in the month (UTC) it happened, like the observatory's rollups.
 *
 * - `practice_counts`: one row per cohort and month (was: per cohort). `handed_in` in the month of the
 *   hand-in (a withdrawal takes it back from that month), `reviewed` and `passed` in the month of the
 *   review.
 * - `practice_review_days`: per cohort, month of the review and whole days from hand-in to review.
 * - Their deltas carry the month; the fold still adds them up (CreatePracticeCounts): a hand-in or a
 *   review inserts a row of its own and updates none that another coach's hand-in or review needs.
 * - The course is the cohort's (`cohort_directory`): readers filter on it there, no column here.
 *
 * The rollups are rebuilt from `practice_submissions` and `practice_reviews`, under a lock that holds
 * hand-ins and reviews back meanwhile; the pending deltas are already in those rows and are dropped.
 */
export class AddPracticeMonths1765440000000 implements MigrationInterface {
  name = 'AddPracticeMonths1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `LOCK TABLE "practice_submissions", "practice_reviews", "practice_count_deltas", "practice_review_day_deltas" IN SHARE ROW EXCLUSIVE MODE`,
    );
    await q.query(`DROP VIEW "practice_cohort_counts"`);
    await q.query(`DROP VIEW "practice_cohort_review_days"`);

    await q.query(`DELETE FROM "practice_count_deltas"`);
    await q.query(`DELETE FROM "practice_review_day_deltas"`);
    await q.query(`ALTER TABLE "practice_count_deltas" ADD "month" date NOT NULL`);
    await q.query(`ALTER TABLE "practice_review_day_deltas" ADD "month" date NOT NULL`);

    await q.query(`DELETE FROM "practice_counts"`);
    await q.query(`ALTER TABLE "practice_counts" DROP CONSTRAINT "PK_practice_counts"`);
    await q.query(`ALTER TABLE "practice_counts" ADD "month" date NOT NULL`);
    await q.query(
      `ALTER TABLE "practice_counts" ADD CONSTRAINT "PK_practice_counts" PRIMARY KEY ("cohort_id", "month")`,
    );
    await q.query(`INSERT INTO "practice_counts" (cohort_id, month, territory_id, handed_in, reviewed, passed)
      SELECT x.cohort_id, x.month, c.territory_id, sum(x.handed_in), sum(x.reviewed), sum(x.passed)
        FROM (SELECT s.cohort_id, date_trunc('month', s.handed_in_at AT TIME ZONE 'UTC')::date AS month,
                     1 AS handed_in, 0 AS reviewed, 0 AS passed
                FROM practice_submissions s WHERE s.status <> 'withdrawn'
              UNION ALL
              SELECT s.cohort_id, date_trunc('month', r.decided_at AT TIME ZONE 'UTC')::date,
                     0, 1, (r.decision = 'pass')::int
                FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id) x
        JOIN cohorts c ON c.id = x.cohort_id
       GROUP BY 1, 2, 3`);

    await q.query(`DELETE FROM "practice_review_days"`);
    await q.query(`ALTER TABLE "practice_review_days" DROP CONSTRAINT "PK_practice_review_days"`);
    await q.query(`ALTER TABLE "practice_review_days" ADD "month" date NOT NULL`);
    await q.query(
      `ALTER TABLE "practice_review_days" ADD CONSTRAINT "PK_practice_review_days" PRIMARY KEY ("cohort_id", "month", "days")`,
    );
    // Whole days as the app files them (practice-counts.ts): floor of the wait, 0 to 30, 31 beyond.
    await q.query(`INSERT INTO "practice_review_days" (cohort_id, month, days, territory_id, n)
      SELECT s.cohort_id, date_trunc('month', r.decided_at AT TIME ZONE 'UTC')::date,
             least(31, greatest(0, floor(extract(epoch FROM r.decided_at - s.handed_in_at) / 86400)))::smallint,
             c.territory_id, count(*)
        FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id
        JOIN cohorts c ON c.id = s.cohort_id
       GROUP BY 1, 2, 3, 4`);

    await q.query(`CREATE VIEW "practice_cohort_counts" AS
      SELECT "cohort_id", "territory_id", "month", "handed_in", "reviewed", "passed" FROM "practice_counts"`);
    await q.query(
      `COMMENT ON VIEW "practice_cohort_counts" IS 'The practice domain''s read surface for other domains: rounds handed in (by month of hand-in), reviewed and passed (by month of review) per cohort and month (UTC, first day).'`,
    );
    await q.query(`CREATE VIEW "practice_cohort_review_days" AS
      SELECT "cohort_id", "territory_id", "month", "days", "n" FROM "practice_review_days"`);
    await q.query(
      `COMMENT ON VIEW "practice_cohort_review_days" IS 'The practice domain''s read surface for other domains: reviews per cohort and month of review by whole days from hand-in to review (31 = more than 30).'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "practice_cohort_counts"`);
    await q.query(`DROP VIEW "practice_cohort_review_days"`);
    await q.query(`DELETE FROM "practice_count_deltas"`);
    await q.query(`DELETE FROM "practice_review_day_deltas"`);
    await q.query(`ALTER TABLE "practice_count_deltas" DROP COLUMN "month"`);
    await q.query(`ALTER TABLE "practice_review_day_deltas" DROP COLUMN "month"`);

    await q.query(`CREATE TEMP TABLE "practice_counts_all" AS
      SELECT cohort_id, (array_agg(territory_id))[1] AS territory_id, sum(handed_in)::int AS handed_in,
             sum(reviewed)::int AS reviewed, sum(passed)::int AS passed
        FROM practice_counts GROUP BY 1`);
    await q.query(`DELETE FROM "practice_counts"`);
    await q.query(`ALTER TABLE "practice_counts" DROP CONSTRAINT "PK_practice_counts"`);
    await q.query(`ALTER TABLE "practice_counts" DROP COLUMN "month"`);
    await q.query(
      `ALTER TABLE "practice_counts" ADD CONSTRAINT "PK_practice_counts" PRIMARY KEY ("cohort_id")`,
    );
    await q.query(
      `INSERT INTO "practice_counts" SELECT cohort_id, territory_id, handed_in, reviewed, passed FROM practice_counts_all`,
    );
    await q.query(`DROP TABLE "practice_counts_all"`);

    await q.query(`CREATE TEMP TABLE "practice_review_days_all" AS
      SELECT cohort_id, days, (array_agg(territory_id))[1] AS territory_id, sum(n)::int AS n
        FROM practice_review_days GROUP BY 1, 2`);
    await q.query(`DELETE FROM "practice_review_days"`);
    await q.query(`ALTER TABLE "practice_review_days" DROP CONSTRAINT "PK_practice_review_days"`);
    await q.query(`ALTER TABLE "practice_review_days" DROP COLUMN "month"`);
    await q.query(
      `ALTER TABLE "practice_review_days" ADD CONSTRAINT "PK_practice_review_days" PRIMARY KEY ("cohort_id", "days")`,
    );
    await q.query(`INSERT INTO "practice_review_days" (cohort_id, days, territory_id, n)
      SELECT cohort_id, days, territory_id, n FROM practice_review_days_all`);
    await q.query(`DROP TABLE "practice_review_days_all"`);

    await q.query(`CREATE VIEW "practice_cohort_counts" AS
      SELECT "cohort_id", "territory_id", "handed_in", "reviewed", "passed" FROM "practice_counts"`);
    await q.query(`CREATE VIEW "practice_cohort_review_days" AS
      SELECT "cohort_id", "territory_id", "days", "n" FROM "practice_review_days"`);
  }
}
