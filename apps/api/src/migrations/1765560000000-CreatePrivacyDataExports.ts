import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Download my data", owned by the privacy domain: one row per request. The archive itself is a file
 * under DATA_DIR named by `file_token` (random, never shown); it is deleted, and the row marked
 * `expired`, after `expires_at`. Rows go with their person (ON DELETE CASCADE).
 */
export class CreatePrivacyDataExports1765560000000 implements MigrationInterface {
  name = 'CreatePrivacyDataExports1765560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy_data_exports" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'pending',
      "file_token" varchar(64) NOT NULL,
      "bytes" bigint,
      "failure" varchar(200),
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "ready_at" timestamptz,
      "expires_at" timestamptz,
      CONSTRAINT "FK_privacy_data_exports_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_privacy_data_exports_status" CHECK ("status" IN ('pending', 'ready', 'failed', 'expired')),
      CONSTRAINT "UQ_privacy_data_exports_file_token" UNIQUE ("file_token")
    )`);
    await q.query(
      `CREATE INDEX "IDX_privacy_data_exports_user" ON "privacy_data_exports" ("user_id", "requested_at")`,
    );
    await q.query(
      `CREATE INDEX "IDX_privacy_data_exports_expires" ON "privacy_data_exports" ("expires_at") WHERE "status" = 'ready'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy_data_exports"`);
  }
}
