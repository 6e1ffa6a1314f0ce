import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trainer's voice comment on a round (the practice domain).
 *
 * - `practice_voice_comments`: one recording a trainer uploaded (tus) for a round they may review,
 *   kept in the evidence folder under `storage_key`, once per round, trainer and content (`sha256`).
 *   Only what playing it needs: the sniffed media type and the size; no file name, length or device.
 *   `trainer_id` is the uploader, for the bound on what waits unused.
 * - `practice_reviews.voice_comment_id`: the recording the review gives the coach. When the review is
 *   made, the round's other recordings (recorded again, never used) are deleted.
 *
 * Both go with their round (cascade from `practice_submissions`).
 */
export class AddReviewVoiceComments1765450000000 implements MigrationInterface {
  name = 'AddReviewVoiceComments1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "practice_voice_comments" (
      "id" uuid NOT NULL,
      "submission_id" uuid NOT NULL,
      "trainer_id" uuid NOT NULL,
      "media_type" character varying(32) NOT NULL,
      "bytes" integer NOT NULL,
      "sha256" character(64) NOT NULL,
      "storage_key" character varying(200) NOT NULL,
      "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_practice_voice_comments" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_practice_voice_comments_content" UNIQUE ("submission_id", "trainer_id", "sha256"),
      CONSTRAINT "FK_practice_voice_comments_submission" FOREIGN KEY ("submission_id") REFERENCES "practice_submissions"("id") ON DELETE CASCADE
    )`);
    // What a trainer keeps unused: the sum of their recordings no review holds.
    await q.query(
      `CREATE INDEX "IDX_practice_voice_comments_trainer" ON "practice_voice_comments" ("trainer_id") INCLUDE ("bytes")`,
    );
    await q.query(`ALTER TABLE "practice_reviews" ADD "voice_comment_id" uuid`);
    await q.query(`ALTER TABLE "practice_reviews" ADD CONSTRAINT "FK_practice_reviews_voice_comment"
      FOREIGN KEY ("voice_comment_id") REFERENCES "practice_voice_comments"("id")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_practice_reviews_voice_comment" ON "practice_reviews" ("voice_comment_id")
        WHERE "voice_comment_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_practice_reviews_voice_comment"`);
    await q.query(`ALTER TABLE "practice_reviews" DROP CONSTRAINT "FK_practice_reviews_voice_comment"`);
    await q.query(`ALTER TABLE "practice_reviews" DROP COLUMN "voice_comment_id"`);
    await q.query(`DROP TABLE "practice_voice_comments"`);
  }
}
