import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What became of an invitation, for the trainers who sent it: when its current link was issued (a
 * re-send issues a new one), when a link was first opened, and when the invitation was accepted (the
 * row now stays, so an accepted invitation is listed as such instead of vanishing).
 */
export class AddInvitationStates1765210000000 implements MigrationInterface {
  name = 'AddInvitationStates1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "action_tokens" ADD "opened_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "enrolment_invitations" ADD "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await q.query(`UPDATE "enrolment_invitations" SET "sent_at" = "invited_at"`);
    await q.query(`ALTER TABLE "enrolment_invitations" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Accepted invitations did not exist as rows before: they go.
    await q.query(`DELETE FROM "enrolment_invitations" WHERE "accepted_at" IS NOT NULL`);
    await q.query(`ALTER TABLE "enrolment_invitations" DROP COLUMN "accepted_at"`);
    await q.query(`ALTER TABLE "enrolment_invitations" DROP COLUMN "sent_at"`);
    await q.query(`ALTER TABLE "action_tokens" DROP COLUMN "opened_at"`);
  }
}
