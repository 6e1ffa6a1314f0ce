import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push: the server's VAPID keys, each person's subscriptions (one per browser they enabled), and
 * what the push channel has sent.
 *
 * - `push_vapid_keys`: one row (`id` = 1), written once by the first API process that starts without
 *   keys in its environment (`INSERT … ON CONFLICT DO NOTHING`, then read back: two replicas racing
 *   keep the same pair). Subscriptions are bound to the public key: changing it silences them all.
 * - `push_subscriptions`: what the browser's `PushManager.subscribe` gave (endpoint, p256dh, auth).
 *   The endpoint is unique: a browser registered again (another person signed in on it) moves to its
 *   new owner. Deleted with its person, and when the push service answers 404/410.
 * - `push_deliveries`: one row per (notification, subscription) pushed, so a retried delivery job does
 *   not push twice.
 */
export class CreatePushSubscriptions1765510000000 implements MigrationInterface {
  name = 'CreatePushSubscriptions1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "push_vapid_keys" (
      "id" smallint NOT NULL DEFAULT 1,
      "public_key" character varying(128) NOT NULL,
      "private_key" character varying(128) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_push_vapid_keys" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_push_vapid_keys_one" CHECK ("id" = 1)
    )`);
    await q.query(`CREATE TABLE "push_subscriptions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "recipient_id" uuid NOT NULL,
      "endpoint" character varying(2048) NOT NULL,
      "p256dh" character varying(256) NOT NULL,
      "auth" character varying(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_push_subscriptions" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_push_subscriptions_endpoint" UNIQUE ("endpoint"),
      CONSTRAINT "FK_push_subscriptions_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_push_subscriptions_recipient" ON "push_subscriptions" ("recipient_id")`);
    await q.query(`CREATE TABLE "push_deliveries" (
      "notification_id" uuid NOT NULL,
      "subscription_id" uuid NOT NULL,
      "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_push_deliveries" PRIMARY KEY ("notification_id", "subscription_id"),
      CONSTRAINT "FK_push_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_push_deliveries_subscription" FOREIGN KEY ("subscription_id") REFERENCES "push_subscriptions"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_push_deliveries_subscription" ON "push_deliveries" ("subscription_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "push_deliveries"`);
    await q.query(`DROP TABLE "push_subscriptions"`);
    await q.query(`DROP TABLE "push_vapid_keys"`);
  }
}
