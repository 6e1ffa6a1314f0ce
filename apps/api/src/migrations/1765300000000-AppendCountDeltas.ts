import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No transaction of a coach updates a row that other coaches update too. Until now every progress
 * event moved, in its own transaction, the observatory's rollups (keyed by cohort and month, or by
 * territory) and the cohort's progress counters: a thousand coaches of one territory posting at the
 * same moment queued on those few rows. Now each transaction appends its signed contributions to
 * delta tables (no key, no index, no foreign key: an insert locks nothing another coach needs), and
 * the API's folder applies them to the shared rows every few seconds, one folder at a time, in one
 * transaction that deletes what it applied (`obs_fold_rollups`, and the cohorts library's fold of
 * `cohort_progress_counter_deltas`).
 *
 * - `obs_fact_deltas`: the enrolment facts rows, minus the old and plus the new, as the triggers saw
 *   them change (the facts row itself is the enrolment's own and stays exact in the transaction).
 * - `obs_lesson_stat_deltas`, `obs_self_assessment_deltas`: the lesson and self-assessment counts a
 *   statement changed, summed per rollup row, in the shape of their rollup table.
 * - `cohort_progress_counter_deltas`: the counters' moves, in the shape of `cohort_progress_counters`.
 *
 * A delta row is folded exactly once: the fold deletes the rows it reads (a row committed after its
 * snapshot waits for the next fold), and a fold that fails or is killed rolls back whole, its deltas
 * still there. The rollups then equal a recount from the source tables once the pending deltas are
 * folded (`rollupDifferences`).
 */
export class AppendCountDeltas1765300000000 implements MigrationInterface {
  name = 'AppendCountDeltas1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "obs_fact_deltas" (
      "sign" smallint NOT NULL,
      "enrolment_id" uuid NOT NULL,
      "cohort_id" uuid NOT NULL,
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "gender" character varying(8) NOT NULL,
      "age_band" character varying(8) NOT NULL,
      "active" boolean NOT NULL,
      "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "certified_at" TIMESTAMP WITH TIME ZONE
    )`);
    await q.query(`CREATE TABLE "obs_lesson_stat_deltas" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "month" date NOT NULL,
      "started" integer NOT NULL,
      "completed" integer NOT NULL,
      "attempted" integer NOT NULL
    )`);
    await q.query(`CREATE TABLE "obs_self_assessment_deltas" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "competence_code" character varying(4) NOT NULL,
      "month" date NOT NULL,
      "assessed" integer NOT NULL,
      "sum_before" integer NOT NULL,
      "sum_after" integer NOT NULL
    )`);
    await q.query(`CREATE TABLE "cohort_progress_counter_deltas" (
      "cohort_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "started" integer NOT NULL,
      "completed" integer NOT NULL
    )`);

    // Facts → deltas: minus the old rows, plus the new; a withdrawal or a reactivation also takes the
    // coach's lessons out of (or back into) the lesson counts.
    await q.query(`CREATE OR REPLACE FUNCTION "obs_facts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO obs_fact_deltas (sign, enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active,
                                       enrolled_at, started_at, completed_at, certified_at)
          SELECT 1, n.enrolment_id, n.cohort_id, n.territory_id, n.course_id, n.gender, n.age_band, n.active,
                 n.enrolled_at, n.started_at, n.completed_at, n.certified_at FROM obs_new n;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO obs_fact_deltas (sign, enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active,
                                       enrolled_at, started_at, completed_at, certified_at)
          SELECT -1, o.enrolment_id, o.cohort_id, o.territory_id, o.course_id, o.gender, o.age_band, o.active,
                 o.enrolled_at, o.started_at, o.completed_at, o.certified_at FROM obs_old o;
        ELSE
          INSERT INTO obs_fact_deltas (sign, enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active,
                                       enrolled_at, started_at, completed_at, certified_at)
          SELECT -1, o.enrolment_id, o.cohort_id, o.territory_id, o.course_id, o.gender, o.age_band, o.active,
                 o.enrolled_at, o.started_at, o.completed_at, o.certified_at
            FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id WHERE o IS DISTINCT FROM n
          UNION ALL
          SELECT 1, n.enrolment_id, n.cohort_id, n.territory_id, n.course_id, n.gender, n.age_band, n.active,
                 n.enrolled_at, n.started_at, n.completed_at, n.certified_at
            FROM obs_new n JOIN obs_old o ON o.enrolment_id = n.enrolment_id WHERE o IS DISTINCT FROM n;
          -- Withdrawn or reactivated: the coach's lessons leave or rejoin the lesson counts.
          PERFORM obs_record_lessons(ARRAY(
            SELECT ROW(n.territory_id, n.course_id, p.lesson_key, p.started_at, p.completed_at, p.attempts > 0,
                       CASE WHEN n.active THEN 1 ELSE -1 END)::obs_lesson_delta
              FROM obs_new n JOIN obs_old o ON o.enrolment_id = n.enrolment_id
              JOIN lesson_progress p ON p.enrolment_id = n.enrolment_id
             WHERE o.active <> n.active));
        END IF;
        RETURN NULL;
      END $$`);

    // A signed set of lesson summary rows → lesson-stat deltas, summed per rollup row.
    await q.query(`CREATE FUNCTION "obs_record_lessons"(d obs_lesson_delta[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF cardinality(d) = 0 THEN RETURN; END IF;
        INSERT INTO obs_lesson_stat_deltas (territory_id, course_id, lesson_key, month, started, completed, attempted)
        SELECT territory_id, course_id, lesson_key, month, sum(st), sum(c), sum(a)
          FROM (
            SELECT x.territory_id, x.course_id, x.lesson_key, obs_month(x.started_at) AS month, x.sign AS st, 0 AS c,
                   CASE WHEN x.attempted THEN x.sign ELSE 0 END AS a
              FROM unnest(d) x WHERE x.started_at IS NOT NULL
            UNION ALL SELECT x.territory_id, x.course_id, x.lesson_key, obs_month(x.completed_at), 0, x.sign, 0
              FROM unnest(d) x WHERE x.completed_at IS NOT NULL
          ) y
         GROUP BY 1, 2, 3, 4 HAVING sum(st) <> 0 OR sum(c) <> 0 OR sum(a) <> 0;
      END $$`);

    // lesson_progress → the enrolment's start (its earliest lesson opened) and the lesson-stat deltas.
    await q.query(`CREATE OR REPLACE FUNCTION "obs_lessons_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'DELETE' THEN
          -- The enrolment's start: its earliest lesson opened.
          UPDATE obs_enrolment_facts f SET started_at = x.s
            FROM (SELECT enrolment_id, min(started_at) AS s FROM obs_new WHERE started_at IS NOT NULL GROUP BY 1) x
           WHERE f.enrolment_id = x.enrolment_id AND (f.started_at IS NULL OR f.started_at > x.s);
        END IF;
        IF TG_OP = 'INSERT' THEN
          PERFORM obs_record_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, n.lesson_key, n.started_at, n.completed_at, n.attempts > 0, 1)::obs_lesson_delta
              FROM obs_new n JOIN obs_enrolment_facts f ON f.enrolment_id = n.enrolment_id WHERE f.active));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM obs_record_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, o.lesson_key, o.started_at, o.completed_at, o.attempts > 0, -1)::obs_lesson_delta
              FROM obs_old o JOIN obs_enrolment_facts f ON f.enrolment_id = o.enrolment_id WHERE f.active));
        ELSE
          PERFORM obs_record_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, x.lesson_key, x.started_at, x.completed_at, x.attempted, x.sign)::obs_lesson_delta
              FROM (
                SELECT o.enrolment_id, o.lesson_key, o.started_at, o.completed_at, o.attempts > 0 AS attempted, -1 AS sign
                  FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id AND n.lesson_key = o.lesson_key
                 WHERE o.started_at IS DISTINCT FROM n.started_at OR o.completed_at IS DISTINCT FROM n.completed_at
                    OR (o.attempts > 0) <> (n.attempts > 0)
                UNION ALL
                SELECT n.enrolment_id, n.lesson_key, n.started_at, n.completed_at, n.attempts > 0, 1
                  FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id AND n.lesson_key = o.lesson_key
                 WHERE o.started_at IS DISTINCT FROM n.started_at OR o.completed_at IS DISTINCT FROM n.completed_at
                    OR (o.attempts > 0) <> (n.attempts > 0)
              ) x JOIN obs_enrolment_facts f ON f.enrolment_id = x.enrolment_id WHERE f.active));
        END IF;
        RETURN NULL;
      END $$`);

    // Self-assessment pairs: the pairs themselves are the enrolment's own rows; their counts go to deltas.
    await q.query(`CREATE OR REPLACE FUNCTION "obs_refresh_pairs"(enrolments uuid[], competences varchar[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        WITH gone AS (
          DELETE FROM obs_assessment_pairs p USING unnest(enrolments, competences) AS k(enrolment_id, competence_code)
           WHERE p.enrolment_id = k.enrolment_id AND p.competence_code = k.competence_code
          RETURNING p.*)
        INSERT INTO obs_self_assessment_deltas (territory_id, course_id, competence_code, month, assessed, sum_before, sum_after)
        SELECT territory_id, course_id, competence_code, month, -count(*), -sum(level_before), -sum(level_after)
          FROM gone GROUP BY 1, 2, 3, 4;
        WITH added AS (
          INSERT INTO obs_assessment_pairs (enrolment_id, competence_code, territory_id, course_id, month, level_before, level_after)
          SELECT DISTINCT ON (k.enrolment_id, k.competence_code) k.enrolment_id, k.competence_code, f.territory_id, f.course_id,
                 obs_month(GREATEST(b.assessed_at, a.assessed_at)), b.level, a.level
            FROM unnest(enrolments, competences) AS k(enrolment_id, competence_code)
            JOIN obs_enrolment_facts f ON f.enrolment_id = k.enrolment_id
            JOIN self_assessments b ON b.enrolment_id = k.enrolment_id AND b.phase = 'start' AND b.competence_code = k.competence_code
            JOIN self_assessments a ON a.enrolment_id = k.enrolment_id AND a.phase = 'end' AND a.competence_code = k.competence_code
          RETURNING *)
        INSERT INTO obs_self_assessment_deltas (territory_id, course_id, competence_code, month, assessed, sum_before, sum_after)
        SELECT territory_id, course_id, competence_code, month, count(*), sum(level_before), sum(level_after)
          FROM added GROUP BY 1, 2, 3, 4;
      END $$`);

    await q.query(`DROP FUNCTION "obs_apply_lessons"(obs_lesson_delta[])`);
    await q.query(`DROP FUNCTION "obs_apply_facts"(obs_enrolment_facts[], integer)`);

    // The fold: every pending delta applied to its rollup (the per-cohort all-time rows and the column
    // summary follow through their triggers) and deleted, in the caller's transaction; answers how many
    // delta rows it applied. The caller runs one fold at a time, at REPEATABLE READ, so that the rows
    // of every table are those of one snapshot. Groups that sum to zero (a coach's enrolment month,
    // minus the old facts row and plus the new one) are not written.
    await q.query(`CREATE FUNCTION "obs_fold_rollups"() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        facts integer; lessons integer; assessments integer;
      BEGIN
        WITH taken AS (DELETE FROM obs_fact_deltas RETURNING *),
        d AS (
          SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.enrolled_at) AS month, x.gender, x.age_band,
                 x.sign * x.active::int AS e, 0 AS st, 0 AS c, 0 AS ce, x.sign * (NOT x.active)::int AS w FROM taken x
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.started_at), x.gender, x.age_band, 0, x.sign, 0, 0, 0
            FROM taken x WHERE x.active AND x.started_at IS NOT NULL
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.completed_at), x.gender, x.age_band, 0, 0, x.sign, 0, 0
            FROM taken x WHERE x.active AND x.completed_at IS NOT NULL
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.certified_at), x.gender, x.age_band, 0, 0, 0, x.sign, 0
            FROM taken x WHERE x.active AND x.certified_at IS NOT NULL
        ), by_segment AS (
          INSERT INTO obs_funnel AS o (territory_id, course_id, month, gender, age_band, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, month, gender, age_band, sum(e), sum(st), sum(c), sum(ce), sum(w)
            FROM d GROUP BY 1, 2, 3, 4, 5 HAVING (sum(e), sum(st), sum(c), sum(ce), sum(w)) <> (0, 0, 0, 0, 0) ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (territory_id, course_id, month, gender, age_band) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), by_month AS (
          INSERT INTO obs_funnel_monthly AS o (territory_id, course_id, month, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, month, sum(e), sum(st), sum(c), sum(ce), sum(w)
            FROM d GROUP BY 1, 2, 3 HAVING (sum(e), sum(st), sum(c), sum(ce), sum(w)) <> (0, 0, 0, 0, 0) ORDER BY 1, 2, 3
          ON CONFLICT (territory_id, course_id, month) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), all_time AS (
          INSERT INTO obs_funnel_all AS o (territory_id, course_id, gender, age_band, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, gender, age_band, sum(e), sum(st), sum(c), sum(ce), sum(w)
            FROM d GROUP BY 1, 2, 3, 4 HAVING (sum(e), sum(st), sum(c), sum(ce), sum(w)) <> (0, 0, 0, 0, 0) ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, gender, age_band) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), by_cohort AS (
          INSERT INTO obs_cohort_funnel AS o (cohort_id, month, enrolled, started, completed, certified, withdrawn)
          SELECT cohort_id, month, sum(e), sum(st), sum(c), sum(ce), sum(w)
            FROM d GROUP BY 1, 2 HAVING (sum(e), sum(st), sum(c), sum(ce), sum(w)) <> (0, 0, 0, 0, 0) ORDER BY 1, 2
          ON CONFLICT (cohort_id, month) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), days AS (
          SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.completed_at) AS month,
                 obs_days_bucket(obs_days(COALESCE(x.started_at, x.enrolled_at), x.completed_at)) AS days, x.sign
            FROM taken x WHERE x.active AND x.completed_at IS NOT NULL
        ), days_by_month AS (
          INSERT INTO obs_completion_days AS o (territory_id, course_id, month, days, n)
          SELECT territory_id, course_id, month, days, sum(sign) FROM days GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, month, days) DO UPDATE SET n = o.n + EXCLUDED.n
        ), days_all AS (
          INSERT INTO obs_completion_days_all AS o (territory_id, course_id, days, n)
          SELECT territory_id, course_id, days, sum(sign) FROM days GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (territory_id, course_id, days) DO UPDATE SET n = o.n + EXCLUDED.n
        ), days_by_cohort AS (
          INSERT INTO obs_cohort_completion_days AS o (cohort_id, month, days, n)
          SELECT cohort_id, month, days, sum(sign) FROM days GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (cohort_id, month, days) DO UPDATE SET n = o.n + EXCLUDED.n
        )
        SELECT count(*) INTO facts FROM taken;

        WITH taken AS (DELETE FROM obs_lesson_stat_deltas RETURNING *), applied AS (
          INSERT INTO obs_lesson_stats AS o (territory_id, course_id, lesson_key, month, started, completed, attempted)
          SELECT territory_id, course_id, lesson_key, month, sum(started), sum(completed), sum(attempted)
            FROM taken GROUP BY 1, 2, 3, 4 HAVING (sum(started), sum(completed), sum(attempted)) <> (0, 0, 0) ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, lesson_key, month) DO UPDATE SET
            started = o.started + EXCLUDED.started, completed = o.completed + EXCLUDED.completed,
            attempted = o.attempted + EXCLUDED.attempted
        )
        SELECT count(*) INTO lessons FROM taken;

        WITH taken AS (DELETE FROM obs_self_assessment_deltas RETURNING *), applied AS (
          INSERT INTO obs_self_assessment AS o (territory_id, course_id, competence_code, month, assessed, sum_before, sum_after)
          SELECT territory_id, course_id, competence_code, month, sum(assessed), sum(sum_before), sum(sum_after)
            FROM taken GROUP BY 1, 2, 3, 4 HAVING (sum(assessed), sum(sum_before), sum(sum_after)) <> (0, 0, 0) ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, competence_code, month) DO UPDATE SET
            assessed = o.assessed + EXCLUDED.assessed, sum_before = o.sum_before + EXCLUDED.sum_before,
            sum_after = o.sum_after + EXCLUDED.sum_after
        )
        SELECT count(*) INTO assessments FROM taken;

        RETURN facts + lessons + assessments;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // What is pending is applied first, so the counts stay whole under the previous triggers.
    await q.query('SELECT obs_fold_rollups()');
    await q.query(`WITH taken AS (DELETE FROM cohort_progress_counter_deltas RETURNING *)
      INSERT INTO cohort_progress_counters AS o (cohort_id, lesson_key, started, completed)
      SELECT t.cohort_id, t.lesson_key, sum(t.started), sum(t.completed) FROM taken t
       WHERE EXISTS (SELECT 1 FROM cohorts c WHERE c.id = t.cohort_id) GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (cohort_id, lesson_key) DO UPDATE SET
        started = o.started + EXCLUDED.started, completed = o.completed + EXCLUDED.completed`);
    // The definitions as they were before this migration (as PostgreSQL printed them).
    await q.query(`CREATE OR REPLACE FUNCTION public.obs_apply_facts(f obs_enrolment_facts[], s integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF cardinality(f) = 0 THEN RETURN; END IF;
        WITH d AS (
          SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.enrolled_at) AS month, x.gender, x.age_band,
                 x.active::int AS e, 0 AS st, 0 AS c, 0 AS ce, (NOT x.active)::int AS w FROM unnest(f) x
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.started_at), x.gender, x.age_band, 0, 1, 0, 0, 0
            FROM unnest(f) x WHERE x.active AND x.started_at IS NOT NULL
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.completed_at), x.gender, x.age_band, 0, 0, 1, 0, 0
            FROM unnest(f) x WHERE x.active AND x.completed_at IS NOT NULL
          UNION ALL SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.certified_at), x.gender, x.age_band, 0, 0, 0, 1, 0
            FROM unnest(f) x WHERE x.active AND x.certified_at IS NOT NULL
        ), by_segment AS (
          INSERT INTO obs_funnel AS o (territory_id, course_id, month, gender, age_band, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, month, gender, age_band, s * sum(e), s * sum(st), s * sum(c), s * sum(ce), s * sum(w)
            FROM d GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (territory_id, course_id, month, gender, age_band) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), by_month AS (
          INSERT INTO obs_funnel_monthly AS o (territory_id, course_id, month, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, month, s * sum(e), s * sum(st), s * sum(c), s * sum(ce), s * sum(w)
            FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (territory_id, course_id, month) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        ), all_time AS (
          INSERT INTO obs_funnel_all AS o (territory_id, course_id, gender, age_band, enrolled, started, completed, certified, withdrawn)
          SELECT territory_id, course_id, gender, age_band, s * sum(e), s * sum(st), s * sum(c), s * sum(ce), s * sum(w)
            FROM d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, gender, age_band) DO UPDATE SET
            enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
            completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
            withdrawn = o.withdrawn + EXCLUDED.withdrawn
        )
        INSERT INTO obs_cohort_funnel AS o (cohort_id, month, enrolled, started, completed, certified, withdrawn)
        SELECT cohort_id, month, s * sum(e), s * sum(st), s * sum(c), s * sum(ce), s * sum(w)
          FROM d GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (cohort_id, month) DO UPDATE SET
          enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
          completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
          withdrawn = o.withdrawn + EXCLUDED.withdrawn;
        WITH d AS (
          SELECT x.cohort_id, x.territory_id, x.course_id, obs_month(x.completed_at) AS month,
                 obs_days_bucket(obs_days(COALESCE(x.started_at, x.enrolled_at), x.completed_at)) AS days
            FROM unnest(f) x WHERE x.active AND x.completed_at IS NOT NULL
        ), by_month AS (
          INSERT INTO obs_completion_days AS o (territory_id, course_id, month, days, n)
          SELECT territory_id, course_id, month, days, s * count(*) FROM d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (territory_id, course_id, month, days) DO UPDATE SET n = o.n + EXCLUDED.n
        ), all_time AS (
          INSERT INTO obs_completion_days_all AS o (territory_id, course_id, days, n)
          SELECT territory_id, course_id, days, s * count(*) FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (territory_id, course_id, days) DO UPDATE SET n = o.n + EXCLUDED.n
        )
        INSERT INTO obs_cohort_completion_days AS o (cohort_id, month, days, n)
        SELECT cohort_id, month, days, s * count(*) FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (cohort_id, month, days) DO UPDATE SET n = o.n + EXCLUDED.n;
      END $function$`);
    await q.query(`CREATE OR REPLACE FUNCTION public.obs_apply_lessons(d obs_lesson_delta[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF cardinality(d) = 0 THEN RETURN; END IF;
        INSERT INTO obs_lesson_stats AS o (territory_id, course_id, lesson_key, month, started, completed, attempted)
        SELECT territory_id, course_id, lesson_key, month, sum(st), sum(c), sum(a)
          FROM (
            SELECT x.territory_id, x.course_id, x.lesson_key, obs_month(x.started_at) AS month, x.sign AS st, 0 AS c,
                   CASE WHEN x.attempted THEN x.sign ELSE 0 END AS a
              FROM unnest(d) x WHERE x.started_at IS NOT NULL
            UNION ALL SELECT x.territory_id, x.course_id, x.lesson_key, obs_month(x.completed_at), 0, x.sign, 0
              FROM unnest(d) x WHERE x.completed_at IS NOT NULL
          ) y
         GROUP BY 1, 2, 3, 4 HAVING sum(st) <> 0 OR sum(c) <> 0 OR sum(a) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (territory_id, course_id, lesson_key, month) DO UPDATE SET
          started = o.started + EXCLUDED.started, completed = o.completed + EXCLUDED.completed,
          attempted = o.attempted + EXCLUDED.attempted;
      END $function$`);
    await q.query(`CREATE OR REPLACE FUNCTION public.obs_facts_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM obs_apply_facts(ARRAY(SELECT ROW(n.*)::obs_enrolment_facts FROM obs_new n), 1);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM obs_apply_facts(ARRAY(SELECT ROW(o.*)::obs_enrolment_facts FROM obs_old o), -1);
        ELSE
          PERFORM obs_apply_facts(ARRAY(
            SELECT ROW(o.*)::obs_enrolment_facts FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id WHERE o IS DISTINCT FROM n), -1);
          PERFORM obs_apply_facts(ARRAY(
            SELECT ROW(n.*)::obs_enrolment_facts FROM obs_new n JOIN obs_old o ON o.enrolment_id = n.enrolment_id WHERE o IS DISTINCT FROM n), 1);
          -- Withdrawn or reactivated: the coach's lessons leave or rejoin the lesson counts.
          PERFORM obs_apply_lessons(ARRAY(
            SELECT ROW(n.territory_id, n.course_id, p.lesson_key, p.started_at, p.completed_at, p.attempts > 0,
                       CASE WHEN n.active THEN 1 ELSE -1 END)::obs_lesson_delta
              FROM obs_new n JOIN obs_old o ON o.enrolment_id = n.enrolment_id
              JOIN lesson_progress p ON p.enrolment_id = n.enrolment_id
             WHERE o.active <> n.active));
        END IF;
        RETURN NULL;
      END $function$`);
    await q.query(`CREATE OR REPLACE FUNCTION public.obs_lessons_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP <> 'DELETE' THEN
          -- The enrolment's start: its earliest lesson opened.
          UPDATE obs_enrolment_facts f SET started_at = x.s
            FROM (SELECT enrolment_id, min(started_at) AS s FROM obs_new WHERE started_at IS NOT NULL GROUP BY 1) x
           WHERE f.enrolment_id = x.enrolment_id AND (f.started_at IS NULL OR f.started_at > x.s);
        END IF;
        IF TG_OP = 'INSERT' THEN
          PERFORM obs_apply_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, n.lesson_key, n.started_at, n.completed_at, n.attempts > 0, 1)::obs_lesson_delta
              FROM obs_new n JOIN obs_enrolment_facts f ON f.enrolment_id = n.enrolment_id WHERE f.active));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM obs_apply_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, o.lesson_key, o.started_at, o.completed_at, o.attempts > 0, -1)::obs_lesson_delta
              FROM obs_old o JOIN obs_enrolment_facts f ON f.enrolment_id = o.enrolment_id WHERE f.active));
        ELSE
          PERFORM obs_apply_lessons(ARRAY(
            SELECT ROW(f.territory_id, f.course_id, x.lesson_key, x.started_at, x.completed_at, x.attempted, x.sign)::obs_lesson_delta
              FROM (
                SELECT o.enrolment_id, o.lesson_key, o.started_at, o.completed_at, o.attempts > 0 AS attempted, -1 AS sign
                  FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id AND n.lesson_key = o.lesson_key
                 WHERE o.started_at IS DISTINCT FROM n.started_at OR o.completed_at IS DISTINCT FROM n.completed_at
                    OR (o.attempts > 0) <> (n.attempts > 0)
                UNION ALL
                SELECT n.enrolment_id, n.lesson_key, n.started_at, n.completed_at, n.attempts > 0, 1
                  FROM obs_old o JOIN obs_new n ON n.enrolment_id = o.enrolment_id AND n.lesson_key = o.lesson_key
                 WHERE o.started_at IS DISTINCT FROM n.started_at OR o.completed_at IS DISTINCT FROM n.completed_at
                    OR (o.attempts > 0) <> (n.attempts > 0)
              ) x JOIN obs_enrolment_facts f ON f.enrolment_id = x.enrolment_id WHERE f.active));
        END IF;
        RETURN NULL;
      END $function$`);
    await q.query(`CREATE OR REPLACE FUNCTION public.obs_refresh_pairs(enrolments uuid[], competences character varying[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      BEGIN
        WITH gone AS (
          DELETE FROM obs_assessment_pairs p USING unnest(enrolments, competences) AS k(enrolment_id, competence_code)
           WHERE p.enrolment_id = k.enrolment_id AND p.competence_code = k.competence_code
          RETURNING p.*)
        INSERT INTO obs_self_assessment AS o (territory_id, course_id, competence_code, month, assessed, sum_before, sum_after)
        SELECT territory_id, course_id, competence_code, month, -count(*), -sum(level_before), -sum(level_after)
          FROM gone GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (territory_id, course_id, competence_code, month) DO UPDATE SET
          assessed = o.assessed + EXCLUDED.assessed, sum_before = o.sum_before + EXCLUDED.sum_before,
          sum_after = o.sum_after + EXCLUDED.sum_after;
        WITH added AS (
          INSERT INTO obs_assessment_pairs (enrolment_id, competence_code, territory_id, course_id, month, level_before, level_after)
          SELECT DISTINCT ON (k.enrolment_id, k.competence_code) k.enrolment_id, k.competence_code, f.territory_id, f.course_id,
                 obs_month(GREATEST(b.assessed_at, a.assessed_at)), b.level, a.level
            FROM unnest(enrolments, competences) AS k(enrolment_id, competence_code)
            JOIN obs_enrolment_facts f ON f.enrolment_id = k.enrolment_id
            JOIN self_assessments b ON b.enrolment_id = k.enrolment_id AND b.phase = 'start' AND b.competence_code = k.competence_code
            JOIN self_assessments a ON a.enrolment_id = k.enrolment_id AND a.phase = 'end' AND a.competence_code = k.competence_code
          RETURNING *)
        INSERT INTO obs_self_assessment AS o (territory_id, course_id, competence_code, month, assessed, sum_before, sum_after)
        SELECT territory_id, course_id, competence_code, month, count(*), sum(level_before), sum(level_after)
          FROM added GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (territory_id, course_id, competence_code, month) DO UPDATE SET
          assessed = o.assessed + EXCLUDED.assessed, sum_before = o.sum_before + EXCLUDED.sum_before,
          sum_after = o.sum_after + EXCLUDED.sum_after;
      END $function$`);
    await q.query(`DROP FUNCTION "obs_fold_rollups"()`);
    await q.query(`DROP FUNCTION "obs_record_lessons"(obs_lesson_delta[])`);
    for (const table of [
      'cohort_progress_counter_deltas',
      'obs_self_assessment_deltas',
      'obs_lesson_stat_deltas',
      'obs_fact_deltas',
    ])
      await q.query(`DROP TABLE "${table}"`);
  }
}
