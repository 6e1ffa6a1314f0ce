import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portable credentials (Open Badges 3.0), owned by the credentials domain:
 *
 * - `credential_issuer_keys`: the issuer's Ed25519 keys, one row per key: `id` is the verification
 *   method's fragment (`key-2026-12-07`), the public key (multibase) in clear, the secret key sealed with
 *   AES-256-GCM under CREDENTIAL_KEY_SECRET (never in clear). At most one key signs (`retired_at` null);
 *   retired keys stay listed in the DID document so earlier credentials keep verifying.
 * - `credential_status_lists`: Bitstring Status Lists (`revocation`), each `size` entries (131,072, the
 *   spec's minimum) and the next entry to hand out.
 * - `issued_credentials`: every signed credential, with what it was issued for (`reference`, the
 *   awarding domain's id, e.g. a certificate code), its status entry and whether that entry is set
 *   (`revoked_at`). A re-issued credential is `replaced_at` by a new one; at most one current per reference.
 */
export class CreateCredentials1765550000000 implements MigrationInterface {
  name = 'CreateCredentials1765550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "credential_issuer_keys" (
      "id" varchar(40) PRIMARY KEY,
      "public_key_multibase" text NOT NULL,
      "secret_key_sealed" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "retired_at" timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_credential_issuer_keys_signing" ON "credential_issuer_keys" ((true)) WHERE "retired_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "credential_status_lists" (
      "id" integer PRIMARY KEY,
      "size" integer NOT NULL CHECK ("size" >= 131072),
      "next_index" integer NOT NULL DEFAULT 0 CHECK ("next_index" >= 0)
    )`);
    await q.query(`INSERT INTO "credential_status_lists" ("id", "size") VALUES (1, 131072)`);
    await q.query(`CREATE TABLE "issued_credentials" (
      "id" uuid PRIMARY KEY,
      "reference" varchar(80) NOT NULL,
      "document" jsonb NOT NULL,
      "status_list" integer NOT NULL REFERENCES "credential_status_lists" ("id"),
      "status_index" integer NOT NULL,
      "issued_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "replaced_at" timestamptz,
      CONSTRAINT "UQ_issued_credentials_status" UNIQUE ("status_list", "status_index")
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_issued_credentials_current" ON "issued_credentials" ("reference") WHERE "replaced_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_issued_credentials_revoked" ON "issued_credentials" ("status_list", "status_index") WHERE "revoked_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "issued_credentials"`);
    await q.query(`DROP TABLE "credential_status_lists"`);
    await q.query(`DROP TABLE "credential_issuer_keys"`);
  }
}
