import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProgressCounters1764420000000 implements MigrationInterface {
  name = 'CreateProgressCounters1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cohort_progress_counters" (
      "cohort_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_cohort_progress_counters" PRIMARY KEY ("cohort_id", "lesson_key"),
      CONSTRAINT "FK_cohort_progress_counters_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "cohort_progress_counters"`);
  }
}
