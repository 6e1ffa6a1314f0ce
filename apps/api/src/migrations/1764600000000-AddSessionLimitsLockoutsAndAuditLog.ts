import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8, sessions and abuse: when each refresh-token family began (absolute session timeout), failed
 * sign-ins and lockouts per e-mail, and the append-only audit log.
 */
export class AddSessionLimitsLockoutsAndAuditLog1764600000000 implements MigrationInterface {
  name = 'AddSessionLimitsLockoutsAndAuditLog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing tokens: the family began no later than its oldest token.
    await q.query(`ALTER TABLE "refresh_tokens" ADD "session_started_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "refresh_tokens" rt SET "session_started_at" =
      (SELECT min(f."created_at") FROM "refresh_tokens" f WHERE f."family_id" = rt."family_id")`);
    await q.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "session_started_at" SET NOT NULL`);

    await q.query(`CREATE TABLE "sign_in_failures" (
      "email" character varying(254) NOT NULL,
      "failures" integer NOT NULL DEFAULT 0,
      "lockouts" integer NOT NULL DEFAULT 0,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_sign_in_failures" PRIMARY KEY ("email")
    )`);

    await q.query(`CREATE TABLE "audit_log" (
      "id" BIGSERIAL NOT NULL,
      "actor_id" uuid,
      "action" character varying(64) NOT NULL,
      "subject_type" character varying(32) NOT NULL,
      "subject_id" character varying(64) NOT NULL,
      "territory_id" uuid,
      "details" jsonb NOT NULL DEFAULT '{}',
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "IDX_audit_log_actor_id" ON "audit_log" ("actor_id", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_log_action" ON "audit_log" ("action", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_log_territory_id" ON "audit_log" ("territory_id", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_log_occurred_at" ON "audit_log" ("occurred_at")`);
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER "TRG_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await q.query(`CREATE TRIGGER "TRG_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_append_only"()`);
    await q.query(`DROP TABLE "sign_in_failures"`);
    await q.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "session_started_at"`);
  }
}
