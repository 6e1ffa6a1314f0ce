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
 * - Rollups, keyed by (month, territory, sector, kind, women-led, trained): `field_impact_counts`
 *   (organisations registered, visits, milestones, organisations checked twice or more and the histogram
 *   of their whole-point gains, latest − first overall score, for exact medians: `{"gain": organisations}`,
 *   added by `field_impact_merge`) and `field_impact_milestones` (by milestone kind). Each stage counts in
 *   the month it happened: registration, visit, milestone reached, latest check. Two shortcuts keep every
 *   answer to a few hundred rows per period at any number of organisations: each contribution is filed
 *   under its month (`grain` m), its quarter (q, the quarter's first day), its year (y, 1 January) and
 *   all months (a, `-infinity`), so that a window reads whole years and quarters where it can and an
 *   answer without one reads one row per key; and under each of the eight patterns of its sector, kind
 *   and women-led flag or `*` (every value), so that a table by one of them, under any filter of the
 *   others, reads its own rows instead of summing the cross-product.
 * - `field_impact_coaches`: how many organisations each owner has under each trained flag, folded from the
 *   registrations' deltas; the fold compares it with `coach_course_completions` and re-contributes a
 *   coach's organisations when their completion state changed.
 * - `field_impact_folded`: when a fold last moved the rollups (one row; a fold that applies nothing writes
 *   nothing).
 * - Read surfaces: `field_impact_month_counts`, `field_impact_milestone_counts`
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
    // Keyed by period first: an answer reads a few periods (or the all-months rows) of one pattern.
    const key = `"grain" character(1) NOT NULL,
      "month" date NOT NULL,
      "territory_id" uuid NOT NULL,
      "sector" character varying(24) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "women_led" character varying(5) NOT NULL,
      "trained" boolean NOT NULL`;
    const keyColumns = `"grain", "month", "territory_id", "sector", "kind", "women_led", "trained"`;
    // Adds two gain histograms ({"gain": organisations}), leaving out the gains that fall to zero.
    await q.query(`CREATE FUNCTION "field_impact_merge"(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT COALESCE(jsonb_object_agg(g, n) FILTER (WHERE n <> 0), '{}'::jsonb)
        FROM (SELECT g, sum(n::int) AS n FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) x(g, n)
               GROUP BY g) y $$`);
    await q.query(`CREATE TABLE "field_impact_counts" (
      ${key},
      "organisations" integer NOT NULL DEFAULT 0,
      "visits" integer NOT NULL DEFAULT 0,
      "milestones" integer NOT NULL DEFAULT 0,
      "checked" integer NOT NULL DEFAULT 0,
      "gains" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "PK_field_impact_counts" PRIMARY KEY (${keyColumns})
    )`);
    // What the observatory asks: one pattern (or one pattern per value of a dimension) over a month range.
    await q.query(
      `CREATE INDEX "IDX_field_impact_counts_pattern" ON "field_impact_counts" ("sector", "kind", "women_led", "grain", "month")`,
    );
    await q.query(`CREATE TABLE "field_impact_milestones" (
      ${key},
      "milestone" character varying(40) NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_field_impact_milestones" PRIMARY KEY (${keyColumns}, "milestone")
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_impact_milestones_pattern" ON "field_impact_milestones" ("sector", "kind", "women_led", "grain", "month")`,
    );
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

    await q.query(`CREATE VIEW "field_impact_month_counts" AS
      SELECT ${keyColumns}, "organisations", "visits", "milestones", "checked", "gains" FROM "field_impact_counts"`);
    await q.query(`CREATE VIEW "field_impact_milestone_counts" AS
      SELECT ${keyColumns}, "milestone", "n" FROM "field_impact_milestones"`);
    await q.query(`CREATE VIEW "field_impact_as_of" AS SELECT "folded_at" FROM "field_impact_folded"`);
    for (const [view, what] of [
      [
        'field_impact_month_counts',
        'organisations registered, visits, milestones, organisations checked twice and their gains ({"gain": organisations})',
      ],
      ['field_impact_milestone_counts', 'milestones reached by kind'],
    ])
      await q.query(
        `COMMENT ON VIEW "${view}" IS 'The fieldwork domain''s read surface for other domains: ${what}, per period (grain m: month, q: quarter, y: year, each keyed by its first day; a: all months, -infinity), territory, sector, kind, women-led (true, false) and trained owner; * in sector, kind or women_led: every value.'`,
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
    await q.query(`DROP VIEW "field_impact_month_counts"`);
    await q.query(`DROP TABLE "field_impact_folded"`);
    await q.query(`DROP TABLE "field_impact_coaches"`);
    await q.query(`DROP TABLE "field_impact_milestones"`);
    await q.query(`DROP TABLE "field_impact_counts"`);
    await q.query(`DROP FUNCTION "field_impact_merge"(jsonb, jsonb)`);
    await q.query(`DROP TABLE "field_impact_deltas"`);
    await q.query(`DROP TABLE "field_impact_facts"`);
  }
}
