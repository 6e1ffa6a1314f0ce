import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCohorts1764400000000 implements MigrationInterface {
  name = 'CreateCohorts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cohorts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" character varying(160) NOT NULL,
      "course_id" uuid NOT NULL,
      "course_version" integer NOT NULL,
      "territory_id" uuid NOT NULL,
      "status" character varying(8) NOT NULL DEFAULT 'planned',
      "starts_on" date NOT NULL,
      "ends_on" date NOT NULL,
      "deadlines" jsonb NOT NULL DEFAULT '[]',
      "join_code" character varying(16),
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_cohorts_join_code" UNIQUE ("join_code"),
      CONSTRAINT "PK_cohorts" PRIMARY KEY ("id"),
      CONSTRAINT "FK_cohorts_territory" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_cohorts_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_cohorts_course_version" FOREIGN KEY ("course_id", "course_version") REFERENCES "course_versions"("course_id", "number") ON DELETE RESTRICT,
      CONSTRAINT "CHK_cohorts_status" CHECK ("status" IN ('planned','running','closed')),
      CONSTRAINT "CHK_cohorts_dates" CHECK ("ends_on" >= "starts_on")
    )`);
    await q.query(`CREATE INDEX "IDX_cohorts_course" ON "cohorts" ("course_id")`);
    await q.query(`CREATE INDEX "IDX_cohorts_territory_id" ON "cohorts" ("territory_id")`);

    await q.query(`CREATE TABLE "cohort_trainers" (
      "cohort_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      CONSTRAINT "PK_cohort_trainers" PRIMARY KEY ("cohort_id", "user_id"),
      CONSTRAINT "FK_cohort_trainers_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_cohort_trainers_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_cohort_trainers_user_id" ON "cohort_trainers" ("user_id")`);

    await q.query(`CREATE TABLE "enrolments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cohort_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "status" character varying(10) NOT NULL DEFAULT 'active',
      "source" character varying(10) NOT NULL,
      "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "withdrawn_at" TIMESTAMP WITH TIME ZONE,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "UQ_enrolments_cohort_user" UNIQUE ("cohort_id", "user_id"),
      CONSTRAINT "PK_enrolments" PRIMARY KEY ("id"),
      CONSTRAINT "FK_enrolments_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_enrolments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_enrolments_status" CHECK ("status" IN ('active','withdrawn'))
    )`);
    await q.query(`CREATE INDEX "IDX_enrolments_user_id" ON "enrolments" ("user_id")`);

    await q.query(`CREATE TABLE "lesson_progress" (
      "enrolment_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_lesson_progress" PRIMARY KEY ("enrolment_id", "lesson_key"),
      CONSTRAINT "FK_lesson_progress_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "lesson_progress"`);
    await q.query(`DROP TABLE "enrolments"`);
    await q.query(`DROP TABLE "cohort_trainers"`);
    await q.query(`DROP TABLE "cohorts"`);
  }
}
