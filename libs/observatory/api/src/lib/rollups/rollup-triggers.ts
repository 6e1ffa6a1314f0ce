/**
 * The observatory's write side as the database holds it now. Triggers on the source tables
 * (enrolments, lesson_progress, certificates, users, cohorts, self_assessments) keep the per-enrolment
 * projection `obs_enrolment_facts` (and `obs_assessment_pairs`) exact in the writing transaction, and
 * append the signed contributions of every change to delta tables (`obs_fact_deltas`,
 * `obs_lesson_stat_deltas`, `obs_self_assessment_deltas`) instead of updating the shared rollup rows:
 * a coach's transaction writes only rows of its own, so a thousand coaches of one territory do not
 * queue on a few rows. `obs_fold_rollups`, run by the app's folder every 2 seconds, applies them to the
 * rollups (funnels, completion-day histograms, lesson stats, self-assessment sums) and deletes them;
 * the per-cohort all-time rows and the cohort column summary follow from the folded rows through their
 * own triggers. Every change is "minus the old contribution, plus the new one", so once the pending
 * deltas are folded the rollups equal a recount from the source tables (`rollupDifferences` in
 * `../testing/recount.ts`).
 *
 * The migrations in apps/api/src/migrations created them (CreateObservatoryRollups,
 * CreateCohortAllTimeRollups, CreateCohortColumnSummary, AppendCountDeltas) and stay as they ran. This
 * file states the latest definition of each, as PostgreSQL prints it (`pg_get_functiondef` /
 * `\sf name`, `pg_get_triggerdef`; trailing spaces dropped, trigger clauses on their own lines): the
 * source of truth for the next migration that changes one of them. That migration copies the
 * statement here into its own text, changes it there (`CREATE OR REPLACE FUNCTION …`, or `DROP TRIGGER
 * …` then `CREATE TRIGGER …`), and the same commit updates the constant here. It never imports these
 * constants: a migration must keep running what it ran when it was written.
 *
 * apps/api/src/integration/observatory-rollups.spec.ts proves this file true on a migrated database
 * (every `obs_*` function and `TRG_obs_*` trigger, no more and no fewer, whitespace aside).
 * `cohort_progress_counters` (CreateProgressCounters) has no trigger: the cohorts library's learner
 * records service appends its moves to `cohort_progress_counter_deltas` and folds them
 * (`LearnerRecords.foldCounterDeltas`, in the same fold transaction), so it is not here.
 */

export const ROLLUP_FUNCTIONS = {
  // ---------------------------------------------------------------- helpers (CreateObservatoryRollups)
  // The month (UTC) a stage happened in: every rollup counts by it.
  obs_month: `CREATE OR REPLACE FUNCTION public.obs_month(at timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT date_trunc('month', at AT TIME ZONE 'UTC')::date $function$`,
  // Whole days (UTC dates) from one time to another, never negative.
  obs_days: `CREATE OR REPLACE FUNCTION public.obs_days(since timestamp with time zone, until timestamp with time zone)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT GREATEST(0, (until AT TIME ZONE 'UTC')::date - (since AT TIME ZONE 'UTC')::date) $function$`,
  // Days to completion, to the day up to 30, to the week up to 181, to the month beyond (the bucket's
  // first day): a histogram of a few dozen buckets keeps medians cheap at any number of coaches.
  obs_days_bucket: `CREATE OR REPLACE FUNCTION public.obs_days_bucket(days integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT CASE WHEN days <= 30 THEN days
                  WHEN days < 182 THEN 31 + 7 * ((days - 31) / 7)
                  ELSE LEAST(722, 182 + 30 * ((days - 182) / 30)) END $function$`,
  // The gender category of a coach ('unknown' when withheld).
  obs_gender: `CREATE OR REPLACE FUNCTION public.obs_gender(gender character varying)
 RETURNS character varying
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT COALESCE(gender, 'unknown') $function$`,
  // The age band of a coach at a time (their enrolment), 'unknown' without a year of birth.
  obs_age_band: `CREATE OR REPLACE FUNCTION public.obs_age_band(birth_year integer, at timestamp with time zone)
 RETURNS character varying
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT CASE
        WHEN birth_year IS NULL THEN 'unknown'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 18 THEN 'under18'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 25 THEN '18-24'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 35 THEN '25-34'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 45 THEN '35-44'
        ELSE '45+' END $function$`,
  // ---------------------------------------------------------------- the fold (AppendCountDeltas)
  // Every pending delta applied to its rollup and deleted, in the caller's transaction (the app's
  // folder: one at a time, at REPEATABLE READ, every 2 s). Signed enrolment facts → the funnel and
  // completion-day counts (by segment, month, all time and cohort); lesson-stat and self-assessment
  // deltas → their rollups. Groups that sum to zero are not written. Answers the delta rows applied.
  obs_fold_rollups: `CREATE OR REPLACE FUNCTION public.obs_fold_rollups()
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
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
      END $function$`,
  // ---------------------------------------------------------------- recording contributions
  // A signed set of lesson summary rows (with their enrolment's territory and course) → lesson-stat
  // deltas, summed per rollup row.
  obs_record_lessons: `CREATE OR REPLACE FUNCTION public.obs_record_lessons(d obs_lesson_delta[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
      END $function$`,
  // ---------------------------------------------------------------- facts → deltas
  // obs_enrolment_facts changed: the old rows with sign -1, the new with +1, into obs_fact_deltas; a
  // withdrawal or a reactivation also takes the coach's lessons out of (or back into) the lesson counts.
  obs_facts_changed: `CREATE OR REPLACE FUNCTION public.obs_facts_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
      END $function$`,
  // ---------------------------------------------------------------- sources → facts
  // enrolments → obs_enrolment_facts (a new enrolment's row; status, dates).
  obs_enrolments_changed: `CREATE OR REPLACE FUNCTION public.obs_enrolments_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO obs_enrolment_facts (enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active,
                                           enrolled_at, completed_at)
          SELECT n.id, n.cohort_id, c.territory_id, c.course_id, obs_gender(u.gender), obs_age_band(u.birth_year, n.enrolled_at),
                 n.status = 'active', n.enrolled_at, n.completed_at
            FROM obs_new n JOIN cohorts c ON c.id = n.cohort_id JOIN users u ON u.id = n.user_id
           ORDER BY n.id;
        ELSE
          UPDATE obs_enrolment_facts f
             SET active = n.status = 'active', enrolled_at = n.enrolled_at, completed_at = n.completed_at
            FROM obs_new n
           WHERE f.enrolment_id = n.id
             AND (f.active <> (n.status = 'active') OR f.enrolled_at <> n.enrolled_at
                  OR f.completed_at IS DISTINCT FROM n.completed_at);
        END IF;
        RETURN NULL;
      END $function$`,
  // lesson_progress → the enrolment's start (its earliest lesson opened) and the lesson-stat deltas.
  obs_lessons_changed: `CREATE OR REPLACE FUNCTION public.obs_lessons_changed()
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
      END $function$`,
  // certificates → certified: a certificate that is not revoked, dated when it was issued.
  obs_certificates_changed: `CREATE OR REPLACE FUNCTION public.obs_certificates_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        UPDATE obs_enrolment_facts f SET certified_at = CASE WHEN n.revoked_at IS NULL THEN n.issued_at END
          FROM obs_new n
         WHERE f.enrolment_id = n.enrolment_id
           AND f.certified_at IS DISTINCT FROM (CASE WHEN n.revoked_at IS NULL THEN n.issued_at END);
        RETURN NULL;
      END $function$`,
  // users: a coach changing or withholding their gender or year of birth moves their counts between
  // categories.
  obs_user_demographics_changed: `CREATE OR REPLACE FUNCTION public.obs_user_demographics_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        UPDATE obs_enrolment_facts f
           SET gender = obs_gender(NEW.gender), age_band = obs_age_band(NEW.birth_year, f.enrolled_at)
          FROM enrolments e
         WHERE e.user_id = NEW.id AND f.enrolment_id = e.id;
        RETURN NULL;
      END $function$`,
  // cohorts: a cohort's territory and course are fixed (statistics are counted by them).
  obs_cohort_fixed: `CREATE OR REPLACE FUNCTION public.obs_cohort_fixed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION 'a cohort''s territory and course are fixed (statistics are counted by them)';
      END $function$`,
  // self_assessments: a pair (the start and the end rating of one competence by one enrolment) counts
  // once, in the month of the later rating; obs_assessment_pairs remembers what is counted, so any
  // statement shape is "minus what was, plus what is" (the counts as obs_self_assessment_deltas).
  obs_refresh_pairs: `CREATE OR REPLACE FUNCTION public.obs_refresh_pairs(enrolments uuid[], competences character varying[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
      END $function$`,
  // self_assessments → the (enrolment, competence) pairs a statement touched, refreshed.
  obs_self_assessments_changed: `CREATE OR REPLACE FUNCTION public.obs_self_assessments_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE e uuid[]; c varchar[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(enrolment_id), array_agg(competence_code) INTO e, c
            FROM (SELECT DISTINCT enrolment_id, competence_code FROM obs_new) k;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(enrolment_id), array_agg(competence_code) INTO e, c
            FROM (SELECT DISTINCT enrolment_id, competence_code FROM obs_old) k;
        ELSE
          SELECT array_agg(enrolment_id), array_agg(competence_code) INTO e, c
            FROM (SELECT enrolment_id, competence_code FROM obs_new UNION SELECT enrolment_id, competence_code FROM obs_old) k;
        END IF;
        IF e IS NOT NULL THEN PERFORM obs_refresh_pairs(e, c); END IF;
        RETURN NULL;
      END $function$`,
  // ---------------------------------------------------------------- per cohort, all time (CreateCohortAllTimeRollups)
  // obs_cohort_funnel → obs_cohort_funnel_all (plus the new rows, minus the old). Each branch names only
  // the transition tables its trigger declares (PL/pgSQL plans a statement when it first runs).
  obs_cohort_funnel_changed: `CREATE OR REPLACE FUNCTION public.obs_cohort_funnel_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
        INSERT INTO obs_cohort_funnel_all AS o (cohort_id, enrolled, started, completed, certified, withdrawn)
        SELECT cohort_id, sum(enrolled), sum(started), sum(completed), sum(certified), sum(withdrawn)
          FROM (SELECT cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new) d GROUP BY 1 ORDER BY 1
        ON CONFLICT (cohort_id) DO UPDATE SET
          enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
          completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
          withdrawn = o.withdrawn + EXCLUDED.withdrawn;
        ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO obs_cohort_funnel_all AS o (cohort_id, enrolled, started, completed, certified, withdrawn)
        SELECT cohort_id, sum(enrolled), sum(started), sum(completed), sum(certified), sum(withdrawn)
          FROM (SELECT cohort_id, -enrolled, -started, -completed, -certified, -withdrawn FROM obs_old) d GROUP BY 1 ORDER BY 1
        ON CONFLICT (cohort_id) DO UPDATE SET
          enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
          completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
          withdrawn = o.withdrawn + EXCLUDED.withdrawn;
        ELSE
        INSERT INTO obs_cohort_funnel_all AS o (cohort_id, enrolled, started, completed, certified, withdrawn)
        SELECT cohort_id, sum(enrolled), sum(started), sum(completed), sum(certified), sum(withdrawn)
          FROM (SELECT cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new UNION ALL SELECT cohort_id, -enrolled, -started, -completed, -certified, -withdrawn FROM obs_old) d GROUP BY 1 ORDER BY 1
        ON CONFLICT (cohort_id) DO UPDATE SET
          enrolled = o.enrolled + EXCLUDED.enrolled, started = o.started + EXCLUDED.started,
          completed = o.completed + EXCLUDED.completed, certified = o.certified + EXCLUDED.certified,
          withdrawn = o.withdrawn + EXCLUDED.withdrawn;
        END IF;
        RETURN NULL;
      END $function$`,
  // obs_cohort_completion_days → obs_cohort_completion_days_all, the same way.
  obs_cohort_days_changed: `CREATE OR REPLACE FUNCTION public.obs_cohort_days_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
        INSERT INTO obs_cohort_completion_days_all AS o (cohort_id, days, n)
        SELECT cohort_id, days, sum(n) FROM (SELECT cohort_id, days, n FROM obs_new) d GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (cohort_id, days) DO UPDATE SET n = o.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO obs_cohort_completion_days_all AS o (cohort_id, days, n)
        SELECT cohort_id, days, sum(n) FROM (SELECT cohort_id, days, -n FROM obs_old) d GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (cohort_id, days) DO UPDATE SET n = o.n + EXCLUDED.n;
        ELSE
        INSERT INTO obs_cohort_completion_days_all AS o (cohort_id, days, n)
        SELECT cohort_id, days, sum(n) FROM (SELECT cohort_id, days, n FROM obs_new UNION ALL SELECT cohort_id, days, -n FROM obs_old) d GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (cohort_id, days) DO UPDATE SET n = o.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END $function$`,
  // ---------------------------------------------------------------- column summary (CreateCohortColumnSummary)
  // obs_cohort_funnel_all → obs_cohort_column_summary: per territory and course, the cohorts and small
  // cells (judged with the k of obs_settings, read in each statement's snapshot).
  obs_cohort_column_summary_changed: `CREATE OR REPLACE FUNCTION public.obs_cohort_column_summary_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        k integer := (SELECT s.k FROM obs_settings s);
      BEGIN
        IF TG_OP = 'INSERT' THEN
        INSERT INTO obs_cohort_column_summary AS o (territory_id, course_id, cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden)
        SELECT * FROM (
      SELECT c.territory_id, c.course_id, sum(d.sign) AS cohorts,
             sum(d.sign * (d.enrolled BETWEEN 1 AND k - 1)::int) AS small_enrolled,
             sum(d.sign * (d.started BETWEEN 1 AND k - 1)::int) AS small_started,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS small_completed,
             sum(d.sign * (d.certified BETWEEN 1 AND k - 1)::int) AS small_certified,
             sum(d.sign * (d.withdrawn BETWEEN 1 AND k - 1)::int) AS small_withdrawn,
             sum(d.sign * (d.enrolled > 0 AND (d.enrolled < k OR d.completed BETWEEN 1 AND k - 1))::int) AS rate_hidden,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS median_hidden
        FROM (SELECT 1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new) d JOIN cohorts c ON c.id = d.cohort_id
       GROUP BY 1, 2) s
         WHERE (cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden) <> (0, 0, 0, 0, 0, 0, 0, 0)
         ORDER BY 1, 2
        ON CONFLICT (territory_id, course_id) DO UPDATE SET
          cohorts = o.cohorts + EXCLUDED.cohorts, small_enrolled = o.small_enrolled + EXCLUDED.small_enrolled, small_started = o.small_started + EXCLUDED.small_started, small_completed = o.small_completed + EXCLUDED.small_completed, small_certified = o.small_certified + EXCLUDED.small_certified, small_withdrawn = o.small_withdrawn + EXCLUDED.small_withdrawn, rate_hidden = o.rate_hidden + EXCLUDED.rate_hidden, median_hidden = o.median_hidden + EXCLUDED.median_hidden;
        ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO obs_cohort_column_summary AS o (territory_id, course_id, cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden)
        SELECT * FROM (
      SELECT c.territory_id, c.course_id, sum(d.sign) AS cohorts,
             sum(d.sign * (d.enrolled BETWEEN 1 AND k - 1)::int) AS small_enrolled,
             sum(d.sign * (d.started BETWEEN 1 AND k - 1)::int) AS small_started,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS small_completed,
             sum(d.sign * (d.certified BETWEEN 1 AND k - 1)::int) AS small_certified,
             sum(d.sign * (d.withdrawn BETWEEN 1 AND k - 1)::int) AS small_withdrawn,
             sum(d.sign * (d.enrolled > 0 AND (d.enrolled < k OR d.completed BETWEEN 1 AND k - 1))::int) AS rate_hidden,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS median_hidden
        FROM (SELECT -1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_old) d JOIN cohorts c ON c.id = d.cohort_id
       GROUP BY 1, 2) s
         WHERE (cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden) <> (0, 0, 0, 0, 0, 0, 0, 0)
         ORDER BY 1, 2
        ON CONFLICT (territory_id, course_id) DO UPDATE SET
          cohorts = o.cohorts + EXCLUDED.cohorts, small_enrolled = o.small_enrolled + EXCLUDED.small_enrolled, small_started = o.small_started + EXCLUDED.small_started, small_completed = o.small_completed + EXCLUDED.small_completed, small_certified = o.small_certified + EXCLUDED.small_certified, small_withdrawn = o.small_withdrawn + EXCLUDED.small_withdrawn, rate_hidden = o.rate_hidden + EXCLUDED.rate_hidden, median_hidden = o.median_hidden + EXCLUDED.median_hidden;
        ELSE
        INSERT INTO obs_cohort_column_summary AS o (territory_id, course_id, cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden)
        SELECT * FROM (
      SELECT c.territory_id, c.course_id, sum(d.sign) AS cohorts,
             sum(d.sign * (d.enrolled BETWEEN 1 AND k - 1)::int) AS small_enrolled,
             sum(d.sign * (d.started BETWEEN 1 AND k - 1)::int) AS small_started,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS small_completed,
             sum(d.sign * (d.certified BETWEEN 1 AND k - 1)::int) AS small_certified,
             sum(d.sign * (d.withdrawn BETWEEN 1 AND k - 1)::int) AS small_withdrawn,
             sum(d.sign * (d.enrolled > 0 AND (d.enrolled < k OR d.completed BETWEEN 1 AND k - 1))::int) AS rate_hidden,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS median_hidden
        FROM (SELECT 1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_new UNION ALL SELECT -1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_old) d JOIN cohorts c ON c.id = d.cohort_id
       GROUP BY 1, 2) s
         WHERE (cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden) <> (0, 0, 0, 0, 0, 0, 0, 0)
         ORDER BY 1, 2
        ON CONFLICT (territory_id, course_id) DO UPDATE SET
          cohorts = o.cohorts + EXCLUDED.cohorts, small_enrolled = o.small_enrolled + EXCLUDED.small_enrolled, small_started = o.small_started + EXCLUDED.small_started, small_completed = o.small_completed + EXCLUDED.small_completed, small_certified = o.small_certified + EXCLUDED.small_certified, small_withdrawn = o.small_withdrawn + EXCLUDED.small_withdrawn, rate_hidden = o.rate_hidden + EXCLUDED.rate_hidden, median_hidden = o.median_hidden + EXCLUDED.median_hidden;
        END IF;
        RETURN NULL;
      END $function$`,
  // The whole summary from the all-time table with the k of obs_settings: what the app runs (in the
  // transaction that sets a new k) when its OBSERVATORY_K differs.
  obs_cohort_column_summary_rebuild: `CREATE OR REPLACE FUNCTION public.obs_cohort_column_summary_rebuild()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      DECLARE
        k integer := (SELECT s.k FROM obs_settings s);
      BEGIN
        DELETE FROM obs_cohort_column_summary;
        INSERT INTO obs_cohort_column_summary (territory_id, course_id, cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden, median_hidden)
      SELECT c.territory_id, c.course_id, sum(d.sign) AS cohorts,
             sum(d.sign * (d.enrolled BETWEEN 1 AND k - 1)::int) AS small_enrolled,
             sum(d.sign * (d.started BETWEEN 1 AND k - 1)::int) AS small_started,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS small_completed,
             sum(d.sign * (d.certified BETWEEN 1 AND k - 1)::int) AS small_certified,
             sum(d.sign * (d.withdrawn BETWEEN 1 AND k - 1)::int) AS small_withdrawn,
             sum(d.sign * (d.enrolled > 0 AND (d.enrolled < k OR d.completed BETWEEN 1 AND k - 1))::int) AS rate_hidden,
             sum(d.sign * (d.completed BETWEEN 1 AND k - 1)::int) AS median_hidden
        FROM (SELECT 1 AS sign, cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_cohort_funnel_all) d JOIN cohorts c ON c.id = d.cohort_id
       GROUP BY 1, 2;
      END $function$`,
} as const;

export const ROLLUP_TRIGGERS = {
  // facts → rollups
  TRG_obs_facts_insert: `CREATE TRIGGER "TRG_obs_facts_insert" AFTER INSERT ON public.obs_enrolment_facts
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_facts_changed()`,
  TRG_obs_facts_update: `CREATE TRIGGER "TRG_obs_facts_update" AFTER UPDATE ON public.obs_enrolment_facts
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_facts_changed()`,
  TRG_obs_facts_delete: `CREATE TRIGGER "TRG_obs_facts_delete" AFTER DELETE ON public.obs_enrolment_facts
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_facts_changed()`,
  // sources → facts
  TRG_obs_enrolments_insert: `CREATE TRIGGER "TRG_obs_enrolments_insert" AFTER INSERT ON public.enrolments
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_enrolments_changed()`,
  TRG_obs_enrolments_update: `CREATE TRIGGER "TRG_obs_enrolments_update" AFTER UPDATE ON public.enrolments
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_enrolments_changed()`,
  TRG_obs_lessons_insert: `CREATE TRIGGER "TRG_obs_lessons_insert" AFTER INSERT ON public.lesson_progress
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_lessons_changed()`,
  TRG_obs_lessons_update: `CREATE TRIGGER "TRG_obs_lessons_update" AFTER UPDATE ON public.lesson_progress
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_lessons_changed()`,
  TRG_obs_lessons_delete: `CREATE TRIGGER "TRG_obs_lessons_delete" AFTER DELETE ON public.lesson_progress
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_lessons_changed()`,
  TRG_obs_certificates_insert: `CREATE TRIGGER "TRG_obs_certificates_insert" AFTER INSERT ON public.certificates
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_certificates_changed()`,
  TRG_obs_certificates_update: `CREATE TRIGGER "TRG_obs_certificates_update" AFTER UPDATE ON public.certificates
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_certificates_changed()`,
  TRG_obs_user_demographics: `CREATE TRIGGER "TRG_obs_user_demographics" AFTER UPDATE OF gender, birth_year ON public.users
  FOR EACH ROW
  WHEN ((((old.gender)::text IS DISTINCT FROM (new.gender)::text) OR (old.birth_year IS DISTINCT FROM new.birth_year)))
  EXECUTE FUNCTION obs_user_demographics_changed()`,
  TRG_obs_cohort_fixed: `CREATE TRIGGER "TRG_obs_cohort_fixed" BEFORE UPDATE OF territory_id, course_id ON public.cohorts
  FOR EACH ROW
  WHEN (((old.territory_id IS DISTINCT FROM new.territory_id) OR (old.course_id IS DISTINCT FROM new.course_id)))
  EXECUTE FUNCTION obs_cohort_fixed()`,
  TRG_obs_self_assessments_insert: `CREATE TRIGGER "TRG_obs_self_assessments_insert" AFTER INSERT ON public.self_assessments
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_self_assessments_changed()`,
  TRG_obs_self_assessments_update: `CREATE TRIGGER "TRG_obs_self_assessments_update" AFTER UPDATE ON public.self_assessments
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_self_assessments_changed()`,
  TRG_obs_self_assessments_delete: `CREATE TRIGGER "TRG_obs_self_assessments_delete" AFTER DELETE ON public.self_assessments
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_self_assessments_changed()`,
  // per cohort, all time
  TRG_obs_cohort_funnel_all_insert: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_insert" AFTER INSERT ON public.obs_cohort_funnel
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_funnel_changed()`,
  TRG_obs_cohort_funnel_all_update: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_update" AFTER UPDATE ON public.obs_cohort_funnel
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_funnel_changed()`,
  TRG_obs_cohort_funnel_all_delete: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_delete" AFTER DELETE ON public.obs_cohort_funnel
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_funnel_changed()`,
  TRG_obs_cohort_completion_days_all_insert: `CREATE TRIGGER "TRG_obs_cohort_completion_days_all_insert" AFTER INSERT ON public.obs_cohort_completion_days
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_days_changed()`,
  TRG_obs_cohort_completion_days_all_update: `CREATE TRIGGER "TRG_obs_cohort_completion_days_all_update" AFTER UPDATE ON public.obs_cohort_completion_days
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_days_changed()`,
  TRG_obs_cohort_completion_days_all_delete: `CREATE TRIGGER "TRG_obs_cohort_completion_days_all_delete" AFTER DELETE ON public.obs_cohort_completion_days
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_days_changed()`,
  // column summary
  TRG_obs_cohort_funnel_all_summary_insert: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_insert" AFTER INSERT ON public.obs_cohort_funnel_all
  REFERENCING NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_column_summary_changed()`,
  TRG_obs_cohort_funnel_all_summary_update: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_update" AFTER UPDATE ON public.obs_cohort_funnel_all
  REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_column_summary_changed()`,
  TRG_obs_cohort_funnel_all_summary_delete: `CREATE TRIGGER "TRG_obs_cohort_funnel_all_summary_delete" AFTER DELETE ON public.obs_cohort_funnel_all
  REFERENCING OLD TABLE AS obs_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION obs_cohort_column_summary_changed()`,
} as const;
