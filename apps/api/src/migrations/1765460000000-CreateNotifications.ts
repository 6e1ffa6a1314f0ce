import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PG_BOSS_SCHEMA_V46, PG_BOSS_UNINSTALL } from './pg-boss-schema-v46';

/**
 * The notifications domain: its in-app notifications and the job queue (pg-boss) that delivers them on
 * other channels.
 *
 * - `notifications`: one row per thing a person is told, in their own feed only. `subject_type` and
 *   `subject_id` name what it is about (a certificate: its enrolment), `params` what the text needs
 *   (nothing the recipient may not see). The idempotency key (recipient, kind, subject, moment) is
 *   unique: a producer's retry, a replay or two replicas insert it once (`ON CONFLICT DO NOTHING`).
 *   `seq` orders the feed (newest first) and is the keyset cursor.
 * - `pgboss`: pg-boss's own schema, created here rather than by pg-boss at start (the app starts it with
 *   `migrate: false`), so one migration history describes the whole database.
 */
export class CreateNotifications1765460000000 implements MigrationInterface {
  name = 'CreateNotifications1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "seq" bigint GENERATED ALWAYS AS IDENTITY,
      "recipient_id" uuid NOT NULL,
      "kind" character varying(64) NOT NULL,
      "subject_type" character varying(32) NOT NULL,
      "subject_id" uuid NOT NULL,
      "moment" character varying(64) NOT NULL,
      "params" jsonb NOT NULL DEFAULT '{}',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "read_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_notifications_seq" UNIQUE ("seq"),
      CONSTRAINT "UQ_notifications_once" UNIQUE ("recipient_id", "kind", "subject_type", "subject_id", "moment"),
      CONSTRAINT "FK_notifications_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_notifications_feed" ON "notifications" ("recipient_id", "seq")`);
    await q.query(
      `CREATE INDEX "IDX_notifications_unread" ON "notifications" ("recipient_id", "seq") WHERE "read_at" IS NULL`,
    );
    await q.query(PG_BOSS_SCHEMA_V46);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PG_BOSS_UNINSTALL);
    await q.query(`DROP SCHEMA IF EXISTS pgboss CASCADE`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
