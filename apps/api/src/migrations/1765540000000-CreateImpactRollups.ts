import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The field log's impact counts for the observatory, kept like the other shared counts (AppendCountDeltas):
 * no write of the field log updates a row another coach's write updates.
 *
 * - `field_impact_facts` (fieldwork): one row per organisation, what it contributes to the counts: its
 *   territory, sector, kind, women-led flag, owner and the owner's trained flag (has completed a course),
 *   its registration month, its visits per month and milestones with their months (JSONB), its number of
 *   checks, the first and latest overall scores and the latest check's month. Rewritten by
 *   `refreshImpactFacts` in every write transaction of the organisation's log.
 * - `field_impact_deltas`: signed contributions (minus the old facts row, plus the new one); no key, no
 *   index, no foreign key, so appending locks nothing another coach needs. A row with `gain` moves the
 *   gain histogram by `checked`, a row with `milestone` moves that milestone's count by `milestones`.
 * - Rollups, keyed by (territory, sector, kind, women-led, trained, month): `field_impact_counts`
 *   (organisations registered, visits, milestones, organisations checked twice or more),
 *   `field_impact_gains` (those organisations by whole-point gain, latest − first overall score, for exact
 *   medians), `field_impact_milestones` (by milestone kind). Each stage counts in the month it happened:
 *   registration, visit, milestone reached, latest check. The month `-infinity` holds every month's sum,
 *   so that an answer without a window reads one row per key instead of one per month.
 * - `field_impact_coaches`: how many organisations each owner has under each trained flag, folded from the
 *   registrations' deltas; the fold compares it with `coach_course_completions` and re-contributes a
 *   coach's organisations when their completion state changed.
 * - `field_impact_folded`: when the rollups were last folded (one row).
 * - Read surfaces: `field_impact_month_counts`, `field_impact_gain_counts`, `field_impact_milestone_counts`
 *   and `field_impact_as_of` (fieldwork, public; no organisation, coach or note in any), and
 *   `coach_course_completions` (cohorts, public: a coach's active enrolments completed), which the fold
 *   reads instead of the cohorts domain's tables.
 */
export class CreateImpactRollups1765540000000 implements MigrationInterface {
  name = 'CreateImpactRollups1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "field_impact_facts" (
      "organisation_id" uuid NOT NULL,
      "owner_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "sector" character varying(24) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "women_led" boolean NOT NULL,
      "trained" boolean NOT NULL,
      "registered_month" date NOT NULL,
      "visit_months" jsonb NOT NULL DEFAULT '{}',
      "milestone_months" jsonb NOT NULL DEFAULT '{}',
      "checks" integer NOT NULL DEFAULT 0,
      "first_score" smallint,
      "latest_score" smallint,
      "checked_month" date,
      CONSTRAINT "PK_field_impact_facts" PRIMARY KEY ("organisation_id")
    )`);
    await q.query(`CREATE INDEX "IDX_field_impact_facts_owner" ON "field_impact_facts" ("owner_id")`);
    await q.query(`CREATE TABLE "field_impact_deltas" (
      "owner_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "sector" character varying(24) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "women_led" boolean NOT NULL,
      "trained" boolean NOT NULL,
      "month" date NOT NULL,
      "organisations" integer NOT NULL,
      "visits" integer NOT NULL,
      "milestones" integer NOT NULL,
      "checked" integer NOT NULL,
      "gain" smallint,
      "milestone" character varying(40)
    )`);
    const key = `"territory_id" uuid NOT NULL,
      "sector" character varying(24) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "women_led" boolean NOT NULL,
      "trained" boolean NOT NULL,
      "month" date NOT NULL`;
    const keyColumns = `"territory_id", "sector", "kind", "women_led", "trained", "month"`;
    await q.query(`CREATE TABLE "field_impact_counts" (
      ${key},
      "organisations" integer NOT NULL DEFAULT 0,
      "visits" integer NOT NULL DEFAULT 0,
      "milestones" integer NOT NULL DEFAULT 0,
      "checked" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_field_impact_counts" PRIMARY KEY (${keyColumns})
    )`);
    await q.query(`CREATE TABLE "field_impact_gains" (
      ${key},
      "gain" smallint NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_field_impact_gains" PRIMARY KEY (${keyColumns}, "gain")
    )`);
    await q.query(`CREATE TABLE "field_impact_milestones" (
      ${key},
      "milestone" character varying(40) NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_field_impact_milestones" PRIMARY KEY (${keyColumns}, "milestone")
    )`);
    await q.query(`CREATE TABLE "field_impact_coaches" (
      "coach_id" uuid NOT NULL,
      "trained" boolean NOT NULL,
      "organisations" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_field_impact_coaches" PRIMARY KEY ("coach_id", "trained")
    )`);
    await q.query(`CREATE TABLE "field_impact_folded" (
      "id" smallint NOT NULL DEFAULT 1,
      "folded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_impact_folded" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_field_impact_folded_one" CHECK ("id" = 1)
    )`);
    await q.query(`INSERT INTO "field_impact_folded" ("id") VALUES (1)`);

    const keyView = `"territory_id", "sector", "kind", "women_led", "trained", "month"`;
    await q.query(`CREATE VIEW "field_impact_month_counts" AS
      SELECT ${keyView}, "organisations", "visits", "milestones", "checked" FROM "field_impact_counts"`);
    await q.query(`CREATE VIEW "field_impact_gain_counts" AS
      SELECT ${keyView}, "gain", "n" FROM "field_impact_gains"`);
    await q.query(`CREATE VIEW "field_impact_milestone_counts" AS
      SELECT ${keyView}, "milestone", "n" FROM "field_impact_milestones"`);
    await q.query(`CREATE VIEW "field_impact_as_of" AS SELECT "folded_at" FROM "field_impact_folded"`);
    for (const [view, what] of [
      [
        'field_impact_month_counts',
        'organisations registered, visits, milestones and organisations checked twice',
      ],
      ['field_impact_gain_counts', 'organisations checked twice by whole-point gain of their overall score'],
      ['field_impact_milestone_counts', 'milestones reached by kind'],
    ])
      await q.query(
        `COMMENT ON VIEW "${view}" IS 'The fieldwork domain''s read surface for other domains: ${what}, per territory, sector, kind, women-led, trained owner and month (-infinity: all months).'`,
      );
    await q.query(
      `COMMENT ON VIEW "field_impact_as_of" IS 'The fieldwork domain''s read surface for other domains: when the impact counts were last folded.'`,
    );

    await q.query(`CREATE VIEW "coach_course_completions" AS
      SELECT "user_id", "cohort_id", "completed_at" FROM "enrolments"
       WHERE "status" = 'active' AND "completed_at" IS NOT NULL`);
    await q.query(
      `COMMENT ON VIEW "coach_course_completions" IS 'The cohorts domain''s read surface for other domains: the courses a coach has completed (active enrolments with a completion).'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "coach_course_completions"`);
    await q.query(`DROP VIEW "field_impact_as_of"`);
    await q.query(`DROP VIEW "field_impact_milestone_counts"`);
    await q.query(`DROP VIEW "field_impact_gain_counts"`);
    await q.query(`DROP VIEW "field_impact_month_counts"`);
    await q.query(`DROP TABLE "field_impact_folded"`);
    await q.query(`DROP TABLE "field_impact_coaches"`);
    await q.query(`DROP TABLE "field_impact_milestones"`);
    await q.query(`DROP TABLE "field_impact_gains"`);
    await q.query(`DROP TABLE "field_impact_counts"`);
    await q.query(`DROP TABLE "field_impact_deltas"`);
    await q.query(`DROP TABLE "field_impact_facts"`);
  }
}
