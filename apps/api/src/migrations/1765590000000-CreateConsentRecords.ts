import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent records, where consent is the legal basis of a processing: append-only, one row each time a
 * consent is given or withdrawn, with the words shown (key, version and the exact text in the language
 * shown), when and by whom. The subject is a person (`user_id`: demographics, push, digests) or a young
 * entrepreneur's organisation in a field log (`organisation_id`, noted by their coach). Written by each
 * domain through `recordConsent` of the audit lib, in the transaction of the change it grounds; owned
 * by the audit domain like the audit log. No foreign key on the organisation: the record of a consent
 * outlives the field-log entry it was about (deleted by its coach), as an audit entry does.
 */
export class CreateConsentRecords1765590000000 implements MigrationInterface {
  name = 'CreateConsentRecords1765590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "consent_records" (
      "id" bigserial PRIMARY KEY,
      "user_id" uuid,
      "organisation_id" uuid,
      "purpose" character varying(32) NOT NULL,
      "given" boolean NOT NULL,
      "wording_key" character varying(100) NOT NULL,
      "wording_version" integer NOT NULL,
      "wording_text" text NOT NULL,
      "language" character varying(2) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "recorded_by" uuid,
      CONSTRAINT "FK_consent_records_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_consent_records_subject" CHECK (("user_id" IS NULL) <> ("organisation_id" IS NULL)),
      CONSTRAINT "CHK_consent_records_purpose" CHECK ("purpose" IN ('demographics', 'push', 'digest', 'entrepreneur-record')),
      CONSTRAINT "CHK_consent_records_language" CHECK ("language" IN ('fr', 'ar', 'en'))
    )`);
    await q.query(
      `CREATE INDEX "IDX_consent_records_user" ON "consent_records" ("user_id", "purpose", "id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_consent_records_organisation" ON "consent_records" ("organisation_id", "purpose", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "consent_records"`);
  }
}
