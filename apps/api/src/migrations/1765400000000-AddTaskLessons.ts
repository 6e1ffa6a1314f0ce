import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practical tasks, a fourth kind of lesson: a lesson of kind `task` carries its instructions, the
 * evidence it takes and its rubric in a `task` column (null for the other kinds).
 */
export class AddTaskLessons1765400000000 implements MigrationInterface {
  name = 'AddTaskLessons1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "course_lessons" ADD "task" jsonb`);
    await q.query(`ALTER TABLE "course_lessons" DROP CONSTRAINT "CHK_course_lessons_kind"`);
    await q.query(
      `ALTER TABLE "course_lessons" ADD CONSTRAINT "CHK_course_lessons_kind" CHECK ("kind" IN ('text','media','quiz','task'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // A task lesson cannot exist before tasks: drafts lose them (published versions keep their copy).
    await q.query(`DELETE FROM "course_lessons" WHERE "kind" = 'task'`);
    await q.query(`ALTER TABLE "course_lessons" DROP CONSTRAINT "CHK_course_lessons_kind"`);
    await q.query(
      `ALTER TABLE "course_lessons" ADD CONSTRAINT "CHK_course_lessons_kind" CHECK ("kind" IN ('text','media','quiz'))`,
    );
    await q.query(`ALTER TABLE "course_lessons" DROP COLUMN "task"`);
  }
}
