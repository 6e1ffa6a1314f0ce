import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cohort's questions and discussion threads (the conversation domain), read and written with SQL only.
 *
 * - `threads`: a title, the lesson it is about (a key of the cohort's pinned course version) or none,
 *   its author and their role in the cohort when they wrote it. `reply_count` and `last_activity_at`
 *   change in the transaction of the reply that changes them; `answer_post_id` is the reply a trainer
 *   marked; `locked_at` stops replies. `first_trainer_reply_at`: when one who runs the cohort first
 *   replied to a coach's thread (the observatory's median, through the view below).
 *   `IDX_threads_cohort_activity` and `IDX_threads_cohort_lesson_activity` are the lists in their order
 *   (newest activity first): one range of an index per keyset page, for the cohort or one of its lessons.
 * - `thread_posts`: the opening post (`opening`) and the replies, each a markdown body with its
 *   sanitised HTML kept beside it. Deleting by its author empties the body and sets `deleted_at` (the
 *   row stays for the thread's shape); a trainer's hiding sets `hidden_at` and a reason (audited).
 *   `IDX_thread_posts_thread` reads a thread's posts in order.
 * - `thread_post_reports`: who reported which post, once (the key makes a second report a conflict).
 * - `thread_cohort_reply_hours` (conversation, public): the observatory's read surface. Per cohort, the
 *   number of threads by whole hours from their start to a trainer's first reply (null: no such reply,
 *   or a trainer's own thread). No thread, post, title, body or person is in it.
 */
export class CreateThreads1765490000000 implements MigrationInterface {
  name = 'CreateThreads1765490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "threads" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cohort_id" uuid NOT NULL,
      "lesson_key" character varying(100),
      "author_id" uuid NOT NULL,
      "author_role" character varying(16) NOT NULL,
      "title" character varying(200) NOT NULL,
      "reply_count" integer NOT NULL DEFAULT 0,
      "answer_post_id" uuid,
      "locked_at" timestamptz,
      "lock_reason" character varying(500),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_activity_at" timestamptz NOT NULL DEFAULT now(),
      "first_trainer_reply_at" timestamptz,
      CONSTRAINT "PK_threads" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_threads_author_role" CHECK ("author_role" IN ('coach', 'trainer')),
      CONSTRAINT "FK_threads_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_threads_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_threads_cohort_activity" ON "threads"
         ("cohort_id", "last_activity_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "IDX_threads_cohort_lesson_activity" ON "threads"
         ("cohort_id", "lesson_key", "last_activity_at" DESC, "id" DESC) WHERE "lesson_key" IS NOT NULL`,
    );
    await q.query(`CREATE TABLE "thread_posts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "thread_id" uuid NOT NULL,
      "opening" boolean NOT NULL DEFAULT false,
      "author_id" uuid NOT NULL,
      "author_role" character varying(16) NOT NULL,
      "body" text NOT NULL,
      "body_html" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "edited_at" timestamptz,
      "deleted_at" timestamptz,
      "hidden_at" timestamptz,
      "hidden_reason" character varying(500),
      CONSTRAINT "PK_thread_posts" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_thread_posts_author_role" CHECK ("author_role" IN ('coach', 'trainer')),
      CONSTRAINT "FK_thread_posts_thread" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_thread_posts_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_thread_posts_thread" ON "thread_posts" ("thread_id", "created_at", "id")`,
    );
    await q.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_answer_post"
         FOREIGN KEY ("answer_post_id") REFERENCES "thread_posts"("id") ON DELETE SET NULL`,
    );
    await q.query(`CREATE TABLE "thread_post_reports" (
      "post_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "reason" character varying(500),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_thread_post_reports" PRIMARY KEY ("post_id", "user_id"),
      CONSTRAINT "FK_thread_post_reports_post" FOREIGN KEY ("post_id") REFERENCES "thread_posts"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_thread_post_reports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE VIEW "thread_cohort_reply_hours" AS
      SELECT "cohort_id",
             CASE WHEN "author_role" = 'coach' AND "first_trainer_reply_at" IS NOT NULL
                  THEN floor(extract(epoch FROM ("first_trainer_reply_at" - "created_at")) / 3600)::int END AS "hours",
             count(*)::int AS "n"
        FROM "threads" GROUP BY 1, 2`);
    await q.query(
      `COMMENT ON VIEW "thread_cohort_reply_hours" IS 'The conversation domain''s read surface for other domains: threads per cohort by whole hours from their start to a trainer''s first reply (null: none yet, or a trainer''s own thread).'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "thread_cohort_reply_hours"`);
    await q.query(`DROP TABLE "thread_post_reports"`);
    await q.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_threads_answer_post"`);
    await q.query(`DROP TABLE "thread_posts"`);
    await q.query(`DROP TABLE "threads"`);
  }
}
