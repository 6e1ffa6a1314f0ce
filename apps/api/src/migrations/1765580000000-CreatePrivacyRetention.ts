import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention, owned by the privacy domain (RetentionService, daily):
 *
 * - `privacy_inactivity_warnings`: one row per account told that it will be anonymised for want of
 *   activity, with the day that happens. The row goes when the person signs in again (the next run
 *   sees the activity) or once the account is anonymised; it holds ids and dates only.
 * - progress events stay append-only for every writer but the retention run: the trigger now lets a
 *   DELETE through when the transaction has set `tc.retention` to `on` (`set_config(…, true)`, local
 *   to that transaction), which only RetentionService does, for events older than
 *   PRIVACY_PROGRESS_EVENTS_YEARS. UPDATE stays refused to everyone.
 */
export class CreatePrivacyRetention1765580000000 implements MigrationInterface {
  name = 'CreatePrivacyRetention1765580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy_inactivity_warnings" (
      "user_id" uuid PRIMARY KEY,
      "warned_at" timestamptz NOT NULL,
      "anonymise_after" timestamptz NOT NULL,
      CONSTRAINT "FK_privacy_inactivity_warnings_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE OR REPLACE FUNCTION "progress_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('tc.retention', true) = 'on' THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'progress events are append-only (% refused)', TG_OP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION "progress_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'progress events are append-only (% refused)', TG_OP; END $$`);
    await q.query(`DROP TABLE "privacy_inactivity_warnings"`);
  }
}
