import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cohort's announcements (the conversation domain), read and written with SQL only.
 *
 * - `announcements`: a title and a markdown body per language, with the body's sanitised HTML kept
 *   beside it (rendered once, when written); pinned or not; `publish_at` hides a scheduled one from
 *   coaches until it comes; deleting only sets `deleted_at` (the audit log says who did).
 *   `IDX_announcements_cohort_feed` is the coaches' list in its order (pinned first, then newest):
 *   one range of the index per keyset page, deleted ones outside it.
 * - `announcement_reads`: who opened which, once (the key makes a second read a no-op).
 *   `IDX_announcement_reads_user` finds a coach's reads, for what they have not opened yet.
 */
export class CreateAnnouncements1765480000000 implements MigrationInterface {
  name = 'CreateAnnouncements1765480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "announcements" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cohort_id" uuid NOT NULL,
      "author_id" uuid NOT NULL,
      "title" jsonb NOT NULL,
      "body" jsonb NOT NULL,
      "body_html" jsonb NOT NULL,
      "pinned" boolean NOT NULL DEFAULT false,
      "publish_at" timestamptz NOT NULL DEFAULT now(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "edited_at" timestamptz,
      "deleted_at" timestamptz,
      CONSTRAINT "PK_announcements" PRIMARY KEY ("id"),
      CONSTRAINT "FK_announcements_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_announcements_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_announcements_cohort_feed" ON "announcements"
         ("cohort_id", "pinned" DESC, "publish_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "announcement_reads" (
      "announcement_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "read_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_announcement_reads" PRIMARY KEY ("announcement_id", "user_id"),
      CONSTRAINT "FK_announcement_reads_announcement" FOREIGN KEY ("announcement_id") REFERENCES "announcements"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_announcement_reads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX "IDX_announcement_reads_user" ON "announcement_reads" ("user_id", "announcement_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "announcement_reads"`);
    await q.query(`DROP TABLE "announcements"`);
  }
}
