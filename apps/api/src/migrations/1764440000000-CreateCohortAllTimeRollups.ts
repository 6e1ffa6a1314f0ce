import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-cohort rollups without months, for the common question "every cohort of this territory, all
 * time": `obs_cohort_funnel_all` (one row per cohort) and `obs_cohort_completion_days_all` (one
 * histogram per cohort). Answering it from the monthly tables meant summing cohorts × months rows (and
 * a window over every cohort's histogram) on each request, which grew with the data.
 *
 * They are kept from the monthly per-cohort tables by statement-level triggers with transition tables
 * (plus the new rows, minus the old ones), so the function that applies enrolment facts stays as it
 * was and the new tables are exact whenever the monthly ones are (the recount spec checks both).
 */
export class CreateCohortAllTimeRollups1764440000000 implements MigrationInterface {
  name = 'CreateCohortAllTimeRollups1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "obs_cohort_funnel_all" (
      "cohort_id" uuid NOT NULL,
      "enrolled" integer NOT NULL DEFAULT 0,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "certified" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_cohort_funnel_all" PRIMARY KEY ("cohort_id")
    )`);
    await q.query(`CREATE TABLE "obs_cohort_completion_days_all" (
      "cohort_id" uuid NOT NULL,
      "days" integer NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_cohort_completion_days_all" PRIMARY KEY ("cohort_id", "days")
    )`);

    // Each branch names only the transition tables its trigger declares (PL/pgSQL plans a statement
    // when it first runs, so the other branches' names are never resolved).
    const funnel = (rows: string) => `
        INSERT INTO obs_cohort_funnel_all AS o (cohort_id, enrolled, started, completed, certified, withdrawn)
        SELECT cohort_id, sum(enrolled), sum(started), sum(completed), sum(certified), sum(withdrawn)
          FROM (${rows}) d GROUP BY 1 ORDER BY 1
        ON CONFLICT (cohort_id) DO UPDATE SET
          enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
          completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
          withdrawn = o.withdrawn + EXCLUDED.withdrawn;`;
    const plus = 'SELECT cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new';
    const minus = 'SELECT cohort_id, -enrolled, -started, -completed, -certified, -withdrawn FROM obs_old';
    await q.query(`CREATE FUNCTION "obs_cohort_funnel_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${funnel(plus)}
        ELSIF TG_OP = 'DELETE' THEN ${funnel(minus)}
        ELSE ${funnel(`${plus} UNION ALL ${minus}`)}
        END IF;
        RETURN NULL;
      END $$`);
    const days = (rows: string) => `
        INSERT INTO obs_cohort_completion_days_all AS o (cohort_id, days, n)
        SELECT cohort_id, days, sum(n) FROM (${rows}) d GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (cohort_id, days) DO UPDATE SET n = o.n + EXCLUDED.n;`;
    await q.query(`CREATE FUNCTION "obs_cohort_days_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${days('SELECT cohort_id, days, n FROM obs_new')}
        ELSIF TG_OP = 'DELETE' THEN ${days('SELECT cohort_id, days, -n FROM obs_old')}
        ELSE ${days('SELECT cohort_id, days, n FROM obs_new UNION ALL SELECT cohort_id, days, -n FROM obs_old')}
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, fn] of TRIGGERS) {
      await q.query(`CREATE TRIGGER "TRG_${table}_all_insert" AFTER INSERT ON "${table}"
        REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
      await q.query(`CREATE TRIGGER "TRG_${table}_all_update" AFTER UPDATE ON "${table}"
        REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
      await q.query(`CREATE TRIGGER "TRG_${table}_all_delete" AFTER DELETE ON "${table}"
        REFERENCING OLD TABLE AS obs_old FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    }

    // What the monthly tables already hold.
    await q.query(`INSERT INTO obs_cohort_funnel_all (cohort_id, enrolled, started, completed, certified, withdrawn)
      SELECT cohort_id, sum(enrolled), sum(started), sum(completed), sum(certified), sum(withdrawn)
        FROM obs_cohort_funnel GROUP BY 1`);
    await q.query(`INSERT INTO obs_cohort_completion_days_all (cohort_id, days, n)
      SELECT cohort_id, days, sum(n) FROM obs_cohort_completion_days GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERS)
      for (const op of ['insert', 'update', 'delete'])
        await q.query(`DROP TRIGGER "TRG_${table}_all_${op}" ON "${table}"`);
    await q.query(`DROP FUNCTION "obs_cohort_days_changed"()`);
    await q.query(`DROP FUNCTION "obs_cohort_funnel_changed"()`);
    await q.query(`DROP TABLE "obs_cohort_completion_days_all"`);
    await q.query(`DROP TABLE "obs_cohort_funnel_all"`);
  }
}

const TRIGGERS = [
  ['obs_cohort_funnel', 'obs_cohort_funnel_changed'],
  ['obs_cohort_completion_days', 'obs_cohort_days_changed'],
] as const;
