import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The field log read by coach (the fieldwork domain): a supervisor's list of coaches counts each
 * coach's visits and milestones and finds their last visit. The log's own indexes lead with the
 * organisation; these lead with the coach.
 */
export class AddFieldLogCoachIndexes1765535000000 implements MigrationInterface {
  name = 'AddFieldLogCoachIndexes1765535000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_field_visits_coach" ON "field_visits" ("coach_id", "visited_on")`);
    await q.query(`CREATE INDEX "IDX_field_milestones_coach" ON "field_milestones" ("coach_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_field_milestones_coach"`);
    await q.query(`DROP INDEX "IDX_field_visits_coach"`);
  }
}
