import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline reminders and a trainer's nudges.
 *
 * - `notifications.moment` grows to 128 characters: a deadline reminder's moment is the module's key
 *   (up to 64) and its due date, `<module>@<YYYY-MM-DD>`. Widening a varchar rewrites nothing.
 * - `nudges` (the conversation domain; SQL only): a trainer's nudge to some of a cohort's coaches,
 *   who and when (the message itself goes in the coaches' notifications only). `IDX_nudges_trainer`
 *   counts a trainer's nudges of the last hour (their hourly cap).
 * - `nudge_recipients`: each coach a nudge told. `IDX_nudge_recipients_enrolment` finds a coach's
 *   latest nudge (at most one a day per cohort).
 */
export class AddRemindersAndNudges1765520000000 implements MigrationInterface {
  name = 'AddRemindersAndNudges1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "moment" TYPE character varying(128)`);
    await q.query(`CREATE TABLE "nudges" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cohort_id" uuid NOT NULL,
      "trainer_id" uuid NOT NULL,
      "recipients" int NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_nudges" PRIMARY KEY ("id"),
      CONSTRAINT "FK_nudges_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_nudges_trainer" FOREIGN KEY ("trainer_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_nudges_trainer" ON "nudges" ("trainer_id", "created_at")`);
    await q.query(`CREATE TABLE "nudge_recipients" (
      "nudge_id" uuid NOT NULL,
      "enrolment_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_nudge_recipients" PRIMARY KEY ("nudge_id", "enrolment_id"),
      CONSTRAINT "FK_nudge_recipients_nudge" FOREIGN KEY ("nudge_id") REFERENCES "nudges"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_nudge_recipients_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX "IDX_nudge_recipients_enrolment" ON "nudge_recipients" ("enrolment_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "nudge_recipients"`);
    await q.query(`DROP TABLE "nudges"`);
    // A longer moment (a reminder's) would not fit back: those notifications go with the column.
    await q.query(`DELETE FROM "notifications" WHERE length("moment") > 64`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "moment" TYPE character varying(64)`);
  }
}
