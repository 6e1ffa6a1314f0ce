import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLearning1764410000000 implements MigrationInterface {
  name = 'CreateLearning1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "progress_events" (
      "id" uuid NOT NULL,
      "enrolment_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "type" character varying(10) NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_progress_events" PRIMARY KEY ("id"),
      CONSTRAINT "FK_progress_events_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_progress_events_type" CHECK ("type" IN ('started','completed'))
    )`);
    await q.query(`CREATE INDEX "IDX_progress_events_enrolment" ON "progress_events" ("enrolment_id")`);
    await q.query(`CREATE FUNCTION "progress_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'progress events are append-only (% refused)', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER "TRG_progress_events_append_only" BEFORE UPDATE OR DELETE ON "progress_events"
      FOR EACH ROW EXECUTE FUNCTION "progress_events_append_only"()`);

    await q.query(`CREATE TABLE "quiz_attempts" (
      "id" uuid NOT NULL,
      "enrolment_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "attempt_number" integer NOT NULL,
      "course_version" integer NOT NULL,
      "answers" jsonb NOT NULL,
      "score" integer NOT NULL,
      "max_score" integer NOT NULL,
      "percent" integer NOT NULL,
      "passed" boolean NOT NULL,
      "correct" jsonb NOT NULL,
      "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "graded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_quiz_attempts_number" UNIQUE ("enrolment_id", "lesson_key", "attempt_number"),
      CONSTRAINT "PK_quiz_attempts" PRIMARY KEY ("id"),
      CONSTRAINT "FK_quiz_attempts_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "certificates" (
      "code" character varying(16) NOT NULL,
      "enrolment_id" uuid NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revocation_reason" character varying(500),
      "revoked_by" uuid,
      CONSTRAINT "UQ_certificates_enrolment" UNIQUE ("enrolment_id"),
      CONSTRAINT "PK_certificates" PRIMARY KEY ("code"),
      CONSTRAINT "FK_certificates_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "self_assessments" (
      "enrolment_id" uuid NOT NULL,
      "phase" character varying(5) NOT NULL,
      "competence_code" character varying(4) NOT NULL,
      "level" integer NOT NULL,
      "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_self_assessments" PRIMARY KEY ("enrolment_id", "phase", "competence_code"),
      CONSTRAINT "FK_self_assessments_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_self_assessments_level" CHECK ("level" BETWEEN 1 AND 8),
      CONSTRAINT "CHK_self_assessments_phase" CHECK ("phase" IN ('start','end'))
    )`);

    await q.query(`ALTER TABLE "lesson_progress" ADD "attempts" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "lesson_progress" ADD "best_percent" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lesson_progress" DROP COLUMN "best_percent"`);
    await q.query(`ALTER TABLE "lesson_progress" DROP COLUMN "attempts"`);
    await q.query(`DROP TABLE "self_assessments"`);
    await q.query(`DROP TABLE "certificates"`);
    await q.query(`DROP TABLE "quiz_attempts"`);
    await q.query(`DROP TRIGGER "TRG_progress_events_append_only" ON "progress_events"`);
    await q.query(`DROP FUNCTION "progress_events_append_only"()`);
    await q.query(`DROP TABLE "progress_events"`);
  }
}
