import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure requests, owned by the privacy domain: one row per person who asked to be erased, and when
 * an admin of their territory erased them (`erased_at`, `erased_by`). The row stays after the
 * erasure (the account row it points to stays too, blanked): it is the record that the erasure was
 * asked for and done, holding ids only.
 */
export class CreatePrivacyErasureRequests1765570000000 implements MigrationInterface {
  name = 'CreatePrivacyErasureRequests1765570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy_erasure_requests" (
      "user_id" uuid PRIMARY KEY,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "erased_at" timestamptz,
      "erased_by" uuid,
      CONSTRAINT "FK_privacy_erasure_requests_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy_erasure_requests"`);
  }
}
