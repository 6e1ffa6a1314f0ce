import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The observatory's rollups, kept exact by the database in the same transaction as the writes they
 * count (statement-level triggers with transition tables: one set-based upsert per statement, not one
 * per row). Nothing on a request path ever groups raw events.
 *
 * - `obs_enrolment_facts`: one row per enrolment, the projection the counts are made of (cohort,
 *   territory, course, gender and age-band categories, active or withdrawn, when it was enrolled,
 *   first opened a lesson, completed, was certified). Not exposed; holds no names or e-mails.
 * - `obs_funnel` / `obs_cohort_funnel`: stage counts by the month each stage happened, per
 *   (cohort territory, course, gender, age band) and per cohort; `obs_funnel_monthly` without the
 *   demographic split and `obs_funnel_all` without months, for the common questions. Territory roll-ups up the tree are
 *   sums over a subtree's rows at read time (a few rows per territory, whatever the number of coaches),
 *   so moving a territory in the tree needs no rewrite.
 * - `obs_completion_days` (+ `_all`) / `obs_cohort_completion_days`: histograms of days from the first lesson
 *   opened to completion (to the day up to 30, then by week, then by month), for medians.
 * - `obs_lesson_stats`: per lesson, coaches who opened, completed (a quiz: passed), attempted a quiz.
 * - `obs_self_assessment`: per competence, coaches who rated themselves at the start and at the end,
 *   with the sums of both levels (mean before → after).
 *
 * Every change is applied as "minus the old contribution, plus the new one", so replays (which change
 * nothing), withdrawals, reactivations, profile changes and late events with earlier times all keep
 * the counts equal to a recount from the source tables (the integration specs check exactly that).
 * A cohort's territory and course are fixed (a trigger refuses changes); enrolments are withdrawn,
 * never deleted.
 */
export class CreateObservatoryRollups1764430000000 implements MigrationInterface {
  name = 'CreateObservatoryRollups1764430000000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- helpers
    await q.query(`CREATE FUNCTION "obs_month"(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
      SELECT date_trunc('month', at AT TIME ZONE 'UTC')::date $$`);
    await q.query(`CREATE FUNCTION "obs_days"(since timestamptz, until timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT GREATEST(0, (until AT TIME ZONE 'UTC')::date - (since AT TIME ZONE 'UTC')::date) $$`);
    // Days to completion, to the day up to 30, to the week up to 181, to the month beyond (the bucket's
    // first day): a histogram of a few dozen buckets keeps medians cheap at any number of coaches.
    await q.query(`CREATE FUNCTION "obs_days_bucket"(days integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN days <= 30 THEN days
                  WHEN days < 182 THEN 31 + 7 * ((days - 31) / 7)
                  ELSE LEAST(722, 182 + 30 * ((days - 182) / 30)) END $$`);
    await q.query(`CREATE FUNCTION "obs_gender"(gender varchar) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$
      SELECT COALESCE(gender, 'unknown') $$`);
    await q.query(`CREATE FUNCTION "obs_age_band"(birth_year integer, at timestamptz) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN birth_year IS NULL THEN 'unknown'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 18 THEN 'under18'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 25 THEN '18-24'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 35 THEN '25-34'
        WHEN extract(year FROM at AT TIME ZONE 'UTC')::int - birth_year < 45 THEN '35-44'
        ELSE '45+' END $$`);

    // ---------------------------------------------------------------- tables
    await q.query(`CREATE TABLE "obs_enrolment_facts" (
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
      "certified_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_obs_enrolment_facts" PRIMARY KEY ("enrolment_id"),
      CONSTRAINT "FK_obs_enrolment_facts_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE "obs_funnel" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "month" date NOT NULL,
      "gender" character varying(8) NOT NULL,
      "age_band" character varying(8) NOT NULL,
      "enrolled" integer NOT NULL DEFAULT 0,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "certified" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_funnel" PRIMARY KEY ("territory_id", "course_id", "month", "gender", "age_band")
    )`);
    // The same counts without the demographic split (monthly trend, windows), and without months
    // (no window: the common question), so most questions read a few hundred rows at any scale.
    await q.query(`CREATE TABLE "obs_funnel_monthly" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "month" date NOT NULL,
      "enrolled" integer NOT NULL DEFAULT 0,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "certified" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_funnel_monthly" PRIMARY KEY ("territory_id", "course_id", "month")
    )`);
    await q.query(`CREATE TABLE "obs_funnel_all" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "gender" character varying(8) NOT NULL,
      "age_band" character varying(8) NOT NULL,
      "enrolled" integer NOT NULL DEFAULT 0,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "certified" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_funnel_all" PRIMARY KEY ("territory_id", "course_id", "gender", "age_band")
    )`);
    await q.query(`CREATE TABLE "obs_cohort_funnel" (
      "cohort_id" uuid NOT NULL,
      "month" date NOT NULL,
      "enrolled" integer NOT NULL DEFAULT 0,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "certified" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_cohort_funnel" PRIMARY KEY ("cohort_id", "month")
    )`);
    await q.query(`CREATE TABLE "obs_completion_days" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "month" date NOT NULL,
      "days" integer NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_completion_days" PRIMARY KEY ("territory_id", "course_id", "month", "days")
    )`);
    await q.query(`CREATE TABLE "obs_completion_days_all" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "days" integer NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_completion_days_all" PRIMARY KEY ("territory_id", "course_id", "days")
    )`);
    await q.query(`CREATE TABLE "obs_cohort_completion_days" (
      "cohort_id" uuid NOT NULL,
      "month" date NOT NULL,
      "days" integer NOT NULL,
      "n" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_cohort_completion_days" PRIMARY KEY ("cohort_id", "month", "days")
    )`);
    await q.query(`CREATE TABLE "obs_lesson_stats" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "lesson_key" character varying(64) NOT NULL,
      "month" date NOT NULL,
      "started" integer NOT NULL DEFAULT 0,
      "completed" integer NOT NULL DEFAULT 0,
      "attempted" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_lesson_stats" PRIMARY KEY ("territory_id", "course_id", "lesson_key", "month")
    )`);
    await q.query(`CREATE TABLE "obs_self_assessment" (
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "competence_code" character varying(4) NOT NULL,
      "month" date NOT NULL,
      "assessed" integer NOT NULL DEFAULT 0,
      "sum_before" integer NOT NULL DEFAULT 0,
      "sum_after" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_obs_self_assessment" PRIMARY KEY ("territory_id", "course_id", "competence_code", "month")
    )`);

    // ---------------------------------------------------------------- applying contributions
    // A signed set of enrolment facts → funnel and completion-day counts.
    await q.query(`CREATE FUNCTION "obs_apply_facts"(f obs_enrolment_facts[], s integer) RETURNS void LANGUAGE plpgsql AS $$
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
      END $$`);

    // A signed set of lesson summary rows (with their enrolment's territory and course) → lesson stats.
    await q.query(`CREATE TYPE "obs_lesson_delta" AS (
      territory_id uuid, course_id uuid, lesson_key varchar, started_at timestamptz, completed_at timestamptz,
      attempted boolean, sign integer)`);
    await q.query(`CREATE FUNCTION "obs_apply_lessons"(d obs_lesson_delta[]) RETURNS void LANGUAGE plpgsql AS $$
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
      END $$`);

    // ---------------------------------------------------------------- facts → rollups
    await q.query(`CREATE FUNCTION "obs_facts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_facts_insert" AFTER INSERT ON "obs_enrolment_facts"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_facts_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_facts_update" AFTER UPDATE ON "obs_enrolment_facts"
      REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_facts_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_facts_delete" AFTER DELETE ON "obs_enrolment_facts"
      REFERENCING OLD TABLE AS obs_old FOR EACH STATEMENT EXECUTE FUNCTION "obs_facts_changed"()`);

    // ---------------------------------------------------------------- sources → facts
    await q.query(`CREATE FUNCTION "obs_enrolments_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_enrolments_insert" AFTER INSERT ON "enrolments"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_enrolments_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_enrolments_update" AFTER UPDATE ON "enrolments"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_enrolments_changed"()`);

    await q.query(`CREATE FUNCTION "obs_lessons_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_lessons_insert" AFTER INSERT ON "lesson_progress"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_lessons_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_lessons_update" AFTER UPDATE ON "lesson_progress"
      REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_lessons_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_lessons_delete" AFTER DELETE ON "lesson_progress"
      REFERENCING OLD TABLE AS obs_old FOR EACH STATEMENT EXECUTE FUNCTION "obs_lessons_changed"()`);

    // Certified = a certificate that is not revoked, dated when it was issued.
    await q.query(`CREATE FUNCTION "obs_certificates_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE obs_enrolment_facts f SET certified_at = CASE WHEN n.revoked_at IS NULL THEN n.issued_at END
          FROM obs_new n
         WHERE f.enrolment_id = n.enrolment_id
           AND f.certified_at IS DISTINCT FROM (CASE WHEN n.revoked_at IS NULL THEN n.issued_at END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_certificates_insert" AFTER INSERT ON "certificates"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_certificates_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_certificates_update" AFTER UPDATE ON "certificates"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_certificates_changed"()`);

    // A coach changing or withholding their gender or year of birth moves their counts between categories.
    await q.query(`CREATE FUNCTION "obs_user_demographics_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE obs_enrolment_facts f
           SET gender = obs_gender(NEW.gender), age_band = obs_age_band(NEW.birth_year, f.enrolled_at)
          FROM enrolments e
         WHERE e.user_id = NEW.id AND f.enrolment_id = e.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_user_demographics" AFTER UPDATE OF "gender", "birth_year" ON "users"
      FOR EACH ROW WHEN (OLD.gender IS DISTINCT FROM NEW.gender OR OLD.birth_year IS DISTINCT FROM NEW.birth_year)
      EXECUTE FUNCTION "obs_user_demographics_changed"()`);

    await q.query(`CREATE FUNCTION "obs_cohort_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a cohort''s territory and course are fixed (statistics are counted by them)';
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_cohort_fixed" BEFORE UPDATE OF "territory_id", "course_id" ON "cohorts"
      FOR EACH ROW WHEN (OLD.territory_id IS DISTINCT FROM NEW.territory_id OR OLD.course_id IS DISTINCT FROM NEW.course_id)
      EXECUTE FUNCTION "obs_cohort_fixed"()`);

    // Self-assessment: a pair (the start and the end rating of one competence by one enrolment) counts
    // once, in the month of the later rating. `obs_assessment_pairs` remembers what is counted, so any
    // statement shape (a phase replaced, both phases at once, a cascade) is "minus what was, plus what is".
    await q.query(`CREATE TABLE "obs_assessment_pairs" (
      "enrolment_id" uuid NOT NULL,
      "competence_code" character varying(4) NOT NULL,
      "territory_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "month" date NOT NULL,
      "level_before" integer NOT NULL,
      "level_after" integer NOT NULL,
      CONSTRAINT "PK_obs_assessment_pairs" PRIMARY KEY ("enrolment_id", "competence_code"),
      CONSTRAINT "FK_obs_assessment_pairs_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE FUNCTION "obs_refresh_pairs"(enrolments uuid[], competences varchar[]) RETURNS void LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`CREATE FUNCTION "obs_self_assessments_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_obs_self_assessments_insert" AFTER INSERT ON "self_assessments"
      REFERENCING NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_self_assessments_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_self_assessments_update" AFTER UPDATE ON "self_assessments"
      REFERENCING OLD TABLE AS obs_old NEW TABLE AS obs_new FOR EACH STATEMENT EXECUTE FUNCTION "obs_self_assessments_changed"()`);
    await q.query(`CREATE TRIGGER "TRG_obs_self_assessments_delete" AFTER DELETE ON "self_assessments"
      REFERENCING OLD TABLE AS obs_old FOR EACH STATEMENT EXECUTE FUNCTION "obs_self_assessments_changed"()`);

    // ---------------------------------------------------------------- what existed before
    await q.query(`INSERT INTO obs_enrolment_facts (enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active,
                                                    enrolled_at, started_at, completed_at, certified_at)
      SELECT e.id, e.cohort_id, c.territory_id, c.course_id, obs_gender(u.gender), obs_age_band(u.birth_year, e.enrolled_at),
             e.status = 'active', e.enrolled_at,
             (SELECT min(p.started_at) FROM lesson_progress p WHERE p.enrolment_id = e.id),
             e.completed_at,
             (SELECT cert.issued_at FROM certificates cert WHERE cert.enrolment_id = e.id AND cert.revoked_at IS NULL)
        FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN users u ON u.id = e.user_id
       ORDER BY e.id`);
    await q.query(`SELECT obs_apply_lessons(ARRAY(
      SELECT ROW(f.territory_id, f.course_id, p.lesson_key, p.started_at, p.completed_at, p.attempts > 0, 1)::obs_lesson_delta
        FROM lesson_progress p JOIN obs_enrolment_facts f ON f.enrolment_id = p.enrolment_id WHERE f.active))`);
    await q.query(`SELECT obs_refresh_pairs(array_agg(enrolment_id), array_agg(competence_code))
      FROM (SELECT DISTINCT enrolment_id, competence_code FROM self_assessments) k HAVING count(*) > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    const triggers: [string, string][] = [
      ['TRG_obs_self_assessments_delete', 'self_assessments'],
      ['TRG_obs_self_assessments_update', 'self_assessments'],
      ['TRG_obs_self_assessments_insert', 'self_assessments'],
      ['TRG_obs_cohort_fixed', 'cohorts'],
      ['TRG_obs_user_demographics', 'users'],
      ['TRG_obs_certificates_update', 'certificates'],
      ['TRG_obs_certificates_insert', 'certificates'],
      ['TRG_obs_lessons_delete', 'lesson_progress'],
      ['TRG_obs_lessons_update', 'lesson_progress'],
      ['TRG_obs_lessons_insert', 'lesson_progress'],
      ['TRG_obs_enrolments_update', 'enrolments'],
      ['TRG_obs_enrolments_insert', 'enrolments'],
      ['TRG_obs_facts_delete', 'obs_enrolment_facts'],
      ['TRG_obs_facts_update', 'obs_enrolment_facts'],
      ['TRG_obs_facts_insert', 'obs_enrolment_facts'],
    ];
    for (const [trigger, table] of triggers) await q.query(`DROP TRIGGER "${trigger}" ON "${table}"`);
    for (const fn of [
      '"obs_self_assessments_changed"()',
      '"obs_refresh_pairs"(uuid[], varchar[])',
      '"obs_cohort_fixed"()',
      '"obs_user_demographics_changed"()',
      '"obs_certificates_changed"()',
      '"obs_lessons_changed"()',
      '"obs_enrolments_changed"()',
      '"obs_facts_changed"()',
      '"obs_apply_lessons"(obs_lesson_delta[])',
      '"obs_apply_facts"(obs_enrolment_facts[], integer)',
      '"obs_age_band"(integer, timestamptz)',
      '"obs_gender"(varchar)',
      '"obs_days_bucket"(integer)',
      '"obs_days"(timestamptz, timestamptz)',
      '"obs_month"(timestamptz)',
    ])
      await q.query(`DROP FUNCTION ${fn}`);
    await q.query(`DROP TYPE "obs_lesson_delta"`);
    for (const table of [
      'obs_assessment_pairs',
      'obs_self_assessment',
      'obs_lesson_stats',
      'obs_cohort_completion_days',
      'obs_completion_days_all',
      'obs_completion_days',
      'obs_cohort_funnel',
      'obs_funnel_all',
      'obs_funnel_monthly',
      'obs_funnel',
      'obs_enrolment_facts',
    ])
      await q.query(`DROP TABLE "${table}"`);
  }
}
