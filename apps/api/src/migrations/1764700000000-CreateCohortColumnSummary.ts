import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What small-cell suppression of the "cohorts of a territory, all time" table needs to know about the
 * whole column, kept per territory and course so that a page of that table reads a page of cohorts,
 * not all of them (a territory may hold thousands):
 *
 * - `obs_settings`: one row, the k the counts below were judged with (the app sets it on start to its
 *   OBSERVATORY_K and rebuilds the summary when it changes; see `obs_cohort_column_summary_rebuild`).
 * - `obs_cohort_column_summary`: per territory the cohorts are attached to (the territory itself, not
 *   its ancestors: territories move, paths change, and a subtree is summed with `path LIKE prefix%` like
 *   every other rollup) and course: the number of cohorts with a row in `obs_cohort_funnel_all`, the
 *   number of small cells (1 … k − 1) of each column, of rows whose completion rate primary suppression
 *   hides (enrolled > 0 and enrolled or completed small) and of rows whose median it hides (completed
 *   small).
 *
 * Kept exact by statement-level triggers with transition tables on `obs_cohort_funnel_all` (minus the
 * old rows' contribution, plus the new), in the same transaction as the counts; a summary row is
 * written only when a cohort appears or a cell crosses the small range, not on every event. Cohorts
 * never change territory or course.
 */
export class CreateCohortColumnSummary1764700000000 implements MigrationInterface {
  name = 'CreateCohortColumnSummary1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "obs_settings" (
      "id" boolean NOT NULL DEFAULT true,
      "k" integer NOT NULL,
      CONSTRAINT "PK_obs_settings" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_obs_settings_one_row" CHECK ("id"),
      CONSTRAINT "CHK_obs_settings_k" CHECK ("k" BETWEEN 2 AND 100)
    )`);
    await q.query(`INSERT INTO "obs_settings" ("k") VALUES (5)`);
    await q.query(`CREATE TABLE "obs_cohort_column_summary" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "cohorts" integer NOT NULL DEFAULT 0,
      "small_enrolled" integer NOT NULL DEFAULT 0,
      "small_started" integer NOT NULL DEFAULT 0,
      "small_completed" integer NOT NULL DEFAULT 0,
      "small_certified" integer NOT NULL DEFAULT 0,
      "small_withdrawn" integer NOT NULL DEFAULT 0,
      "rate_hidden" integer NOT NULL DEFAULT 0,
      "median_hidden" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_cohort_column_summary" PRIMARY KEY ("territory_id", "course_id")
    )`);

    // `rows` yields (sign, cohort_id, enrolled, …); `k` is in scope.
    const contributions = (rows: string) => `
      SELECT c.territory_id, c.course_id, sum(d.sign) AS cohorts,
             sum(d.sign * (d.enrolled BETWEEN 1 AND k - 1)::int) AS small_enrolled,
             sum(d.sign * (d.started BETWEEN 1 AND k - 1)::int) AS small_started,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS small_completed,
             sum(d.sign * (d.certified BETWEEN 1 AND k - 1)::int) AS small_certified,
             sum(d.sign * (d.withdrawn BETWEEN 1 AND k - 1)::int) AS small_withdrawn,
             sum(d.sign * (d.enrolled > 0 AND (d.enrolled < k OR d.completed BETWEEN 1 AND k - 1))::int) AS rate_hidden,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS median_hidden
        FROM (${rows}) d JOIN cohorts c ON c.id = d.cohort_id
       GROUP BY 1, 2`;
    const COLUMNS =
      'cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden';
    const apply = (rows: string) => `
        INSERT INTO obs_cohort_column_summary AS o (territory_id, course_id, ${COLUMNS})
        SELECT * FROM (${contributions(rows)}) s
         WHERE (${COLUMNS}) <> (0, 0, 0, 0, 0, 0, 0, 0)
         ORDER BY 1, 2
        ON CONFLICT (territory_id, course_id) DO UPDATE SET
          ${COLUMNS.split(', ')
            .map((c) => `${c} = o.${c} + EXCLUDED.${c}`)
            .join(', ')};`;
    const plus =
      'SELECT 1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new';
    const minus =
      'SELECT -1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_old';
    // Each branch names only the transition tables its trigger declares (see CreateCohortAllTimeRollups).
    // k is read in each statement's snapshot: a rebuild for a new k locks obs_cohort_funnel_all, so a
    // change counted here is either in the rebuild or judged with the new k after it.
    await q.query(`CREATE FUNCTION "obs_cohort_column_summary_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        k integer := (SELECT s.k FROM obs_settings s);
      BEGIN
        IF TG_OP = 'INSERT' THEN ${apply(plus)}
        ELSIF TG_OP = 'DELETE' THEN ${apply(minus)}
        ELSE ${apply(`${plus} UNION ALL ${minus}`)}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_insert" AFTER INSERT ON "obs_cohort_funnel_all"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_cohort_column_summary_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_update" AFTER UPDATE ON "obs_cohort_funnel_all"
      REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_cohort_column_summary_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_delete" AFTER DELETE ON "obs_cohort_funnel_all"
      REFERENCING OLD TABLE AS obs_old FOR EACH STATEMENT EXECUTE FUNCTION "obs_cohort_column_summary_changed"()`);

    // The whole summary from the all-time table, with the k of obs_settings: the back-fill below, and
    // what the app runs (in the transaction that sets a new k) when its OBSERVATORY_K differs.
    await q.query(`CREATE FUNCTION "obs_cohort_column_summary_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        k integer := (SELECT s.k FROM obs_settings s);
      BEGIN
        DELETE FROM obs_cohort_column_summary;
        INSERT INTO obs_cohort_column_summary (territory_id, course_id, ${COLUMNS})
        ${contributions('SELECT 1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_cohort_funnel_all')};
      END $$`);
    await q.query(`SELECT obs_cohort_column_summary_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER "TRG_obs_cohort_funnel_all_summary_${op}" ON "obs_cohort_funnel_all"`);
    await q.query(`DROP FUNCTION "obs_cohort_column_summary_rebuild"()`);
    await q.query(`DROP FUNCTION "obs_cohort_column_summary_changed"()`);
    await q.query(`DROP TABLE "obs_cohort_column_summary"`);
    await q.query(`DROP TABLE "obs_settings"`);
  }
}
