import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations into a cohort waiting to be accepted, and the link kind that lets an existing account
 * accept one signed in (`enrolment`). The token's row is identity's; the invitation goes with it.
 */
export class CreateEnrolmentInvitations1764810000000 implements MigrationInterface {
  name = 'CreateEnrolmentInvitations1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "action_tokens" DROP CONSTRAINT "CHK_action_tokens_purpose"`);
    await q.query(
      `ALTER TABLE "action_tokens" ADD CONSTRAINT "CHK_action_tokens_purpose" CHECK ("purpose" IN ('invitation','password_reset','enrolment'))`,
    );
    await q.query(`CREATE TABLE "enrolment_invitations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cohort_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "email" character varying(254) NOT NULL,
      "name" character varying(120),
      "source" character varying(10) NOT NULL,
      "new_account" boolean NOT NULL DEFAULT false,
      "action_token_id" uuid NOT NULL,
      "invited_by" uuid,
      "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_enrolment_invitations_cohort_user" UNIQUE ("cohort_id", "user_id"),
      CONSTRAINT "UQ_enrolment_invitations_action_token" UNIQUE ("action_token_id"),
      CONSTRAINT "PK_enrolment_invitations" PRIMARY KEY ("id"),
      CONSTRAINT "FK_enrolment_invitations_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_enrolment_invitations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_enrolment_invitations_action_token" FOREIGN KEY ("action_token_id") REFERENCES "action_tokens"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_enrolment_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "CHK_enrolment_invitations_source" CHECK ("source" IN ('email','csv'))
    )`);
    await q.query(`CREATE INDEX "IDX_enrolment_invitations_user_id" ON "enrolment_invitations" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "enrolment_invitations"`);
    await q.query(`DELETE FROM "action_tokens" WHERE "purpose" = 'enrolment'`);
    await q.query(`ALTER TABLE "action_tokens" DROP CONSTRAINT "CHK_action_tokens_purpose"`);
    await q.query(
      `ALTER TABLE "action_tokens" ADD CONSTRAINT "CHK_action_tokens_purpose" CHECK ("purpose" IN ('invitation','password_reset'))`,
    );
  }
}
