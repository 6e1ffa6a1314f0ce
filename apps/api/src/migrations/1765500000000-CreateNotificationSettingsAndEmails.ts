import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications beyond the app: each person's choices, and what the e-mail channel has sent.
 *
 * - `notification_settings`: one row per person who changed something (none: the defaults). `muted`
 *   lists, per channel (`email`, `push`), the kinds switched off, so a kind added later is on until the
 *   person says otherwise. Quiet hours are minutes after midnight in `time_zone` (both null: none).
 * - `notification_emails`: one row per notification the e-mail channel has handled: `waiting` (held by
 *   quiet hours until `due_at`), `digest` (in the digest of `digest_day`), `sent`, `skipped`. The
 *   primary key on the notification makes a retried delivery job find what the first attempt did.
 * - `notification_digests`: one row per person and local day a digest is due (`due_at`), `sent_at` once
 *   mailed: a second digest job for the same day finds it sent.
 * - `user_directory` (identity's read view) gains `language`, the person's preferred language, which
 *   the e-mail channel writes in. Columns are only added, so readers of the view are unchanged.
 */
export class CreateNotificationSettingsAndEmails1765500000000 implements MigrationInterface {
  name = 'CreateNotificationSettingsAndEmails1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_settings" (
      "user_id" uuid NOT NULL,
      "email_mode" character varying(16) NOT NULL DEFAULT 'immediate',
      "digest_hour" smallint NOT NULL DEFAULT 18,
      "quiet_start" smallint,
      "quiet_end" smallint,
      "time_zone" character varying(64) NOT NULL DEFAULT 'Africa/Casablanca',
      "muted" jsonb NOT NULL DEFAULT '{}',
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_notification_settings" PRIMARY KEY ("user_id"),
      CONSTRAINT "CHK_notification_settings_mode" CHECK ("email_mode" IN ('immediate', 'digest', 'off')),
      CONSTRAINT "CHK_notification_settings_hour" CHECK ("digest_hour" BETWEEN 0 AND 23),
      CONSTRAINT "CHK_notification_settings_quiet" CHECK (
        ("quiet_start" IS NULL AND "quiet_end" IS NULL)
        OR ("quiet_start" BETWEEN 0 AND 1439 AND "quiet_end" BETWEEN 0 AND 1439)),
      CONSTRAINT "FK_notification_settings_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE "notification_emails" (
      "notification_id" uuid NOT NULL,
      "recipient_id" uuid NOT NULL,
      "state" character varying(16) NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE,
      "digest_day" date,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_notification_emails" PRIMARY KEY ("notification_id"),
      CONSTRAINT "CHK_notification_emails_state" CHECK ("state" IN ('waiting', 'digest', 'sent', 'skipped')),
      CONSTRAINT "FK_notification_emails_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX "IDX_notification_emails_digest" ON "notification_emails" ("recipient_id", "digest_day") WHERE "state" = 'digest'`,
    );
    await q.query(`CREATE TABLE "notification_digests" (
      "recipient_id" uuid NOT NULL,
      "day" date NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_notification_digests" PRIMARY KEY ("recipient_id", "day"),
      CONSTRAINT "FK_notification_digests_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE OR REPLACE VIEW "user_directory" AS
      SELECT "id", "email", "display_name",
             CASE WHEN "disabled_at" IS NOT NULL THEN 'disabled'
                  WHEN "password_hash" IS NOT NULL THEN 'active'
                  ELSE 'invited' END AS "status",
             "preferred_language" AS "language"
        FROM "users"`);
    await q.query(
      `COMMENT ON VIEW "user_directory" IS 'The identity domain''s read surface for other domains: e-mail, display name, account status, preferred language.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "user_directory"`);
    await q.query(`CREATE VIEW "user_directory" AS
      SELECT "id", "email", "display_name",
             CASE WHEN "disabled_at" IS NOT NULL THEN 'disabled'
                  WHEN "password_hash" IS NOT NULL THEN 'active'
                  ELSE 'invited' END AS "status"
        FROM "users"`);
    await q.query(
      `COMMENT ON VIEW "user_directory" IS 'The identity domain''s read surface for other domains: e-mail, display name, account status.'`,
    );
    await q.query(`DROP TABLE "notification_digests"`);
    await q.query(`DROP TABLE "notification_emails"`);
    await q.query(`DROP TABLE "notification_settings"`);
  }
}
