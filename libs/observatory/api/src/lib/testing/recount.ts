import type { DataSource, EntityManager } from 'typeorm';

/**
 * The observatory's rollups recounted from scratch from the source tables (enrolments, users,
 * cohorts, lesson summaries, certificates, self-assessments) — what the triggers must always equal.
 * Returns, per rollup table, the rows that differ (empty when exact).
 */
export async function rollupDifferences(db: DataSource | EntityManager): Promise<Record<string, unknown[]>> {
  const facts = `SELECT e.id AS enrolment_id, e.cohort_id, c.territory_id, c.course_id, obs_gender(u.gender) AS gender,
      obs_age_band(u.birth_year, e.enrolled_at) AS age_band, e.status = 'active' AS active, e.enrolled_at,
      (SELECT min(p.started_at) FROM lesson_progress p WHERE p.enrolment_id = e.id) AS started_at, e.completed_at,
      (SELECT cert.issued_at FROM certificates cert WHERE cert.enrolment_id = e.id AND cert.revoked_at IS NULL) AS certified_at
    FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN users u ON u.id = e.user_id`;
  const stages = (keys: string) => `
      SELECT ${keys}, obs_month(enrolled_at) AS month, active::int AS enrolled, 0 AS started, 0 AS completed, 0 AS certified, (NOT active)::int AS withdrawn FROM f
      UNION ALL SELECT ${keys}, obs_month(started_at), 0, 1, 0, 0, 0 FROM f WHERE active AND started_at IS NOT NULL
      UNION ALL SELECT ${keys}, obs_month(completed_at), 0, 0, 1, 0, 0 FROM f WHERE active AND completed_at IS NOT NULL
      UNION ALL SELECT ${keys}, obs_month(certified_at), 0, 0, 0, 1, 0 FROM f WHERE active AND certified_at IS NOT NULL`;
  const sums =
    'sum(enrolled)::int AS enrolled, sum(started)::int AS started, sum(completed)::int AS completed, sum(certified)::int AS certified, sum(withdrawn)::int AS withdrawn';
  const checks: Record<string, { expected: string; actual: string }> = {
    obs_enrolment_facts: {
      expected: facts,
      actual:
        'SELECT enrolment_id, cohort_id, territory_id, course_id, gender, age_band, active, enrolled_at, started_at, completed_at, certified_at FROM obs_enrolment_facts',
    },
    obs_funnel: {
      expected: `WITH f AS (${facts}) SELECT territory_id, course_id, month, gender, age_band, ${sums}
        FROM (${stages('territory_id, course_id, gender, age_band')}) s GROUP BY 1, 2, 3, 4, 5`,
      actual: `SELECT territory_id, course_id, month, gender, age_band, enrolled, started, completed, certified, withdrawn FROM obs_funnel
        WHERE (enrolled, started, completed, certified, withdrawn) <> (0, 0, 0, 0, 0)`,
    },
    obs_funnel_monthly: {
      expected: `WITH f AS (${facts}) SELECT territory_id, course_id, month, ${sums}
        FROM (${stages('territory_id, course_id')}) s GROUP BY 1, 2, 3`,
      actual: `SELECT territory_id, course_id, month, enrolled, started, completed, certified, withdrawn FROM obs_funnel_monthly
        WHERE (enrolled, started, completed, certified, withdrawn) <> (0, 0, 0, 0, 0)`,
    },
    obs_funnel_all: {
      expected: `WITH f AS (${facts}) SELECT territory_id, course_id, gender, age_band, ${sums}
        FROM (${stages('territory_id, course_id, gender, age_band')}) s GROUP BY 1, 2, 3, 4`,
      actual: `SELECT territory_id, course_id, gender, age_band, enrolled, started, completed, certified, withdrawn FROM obs_funnel_all
        WHERE (enrolled, started, completed, certified, withdrawn) <> (0, 0, 0, 0, 0)`,
    },
    obs_cohort_funnel: {
      expected: `WITH f AS (${facts}) SELECT cohort_id, month, ${sums} FROM (${stages('cohort_id')}) s GROUP BY 1, 2`,
      actual: `SELECT cohort_id, month, enrolled, started, completed, certified, withdrawn FROM obs_cohort_funnel
        WHERE (enrolled, started, completed, certified, withdrawn) <> (0, 0, 0, 0, 0)`,
    },
    obs_cohort_funnel_all: {
      expected: `WITH f AS (${facts}) SELECT cohort_id, ${sums} FROM (${stages('cohort_id')}) s GROUP BY 1`,
      actual: `SELECT cohort_id, enrolled, started, completed, certified, withdrawn FROM obs_cohort_funnel_all
        WHERE (enrolled, started, completed, certified, withdrawn) <> (0, 0, 0, 0, 0)`,
    },
    // Judged with the k of obs_settings over the all-time cohort rows (checked against the facts above).
    obs_cohort_column_summary: {
      expected: `SELECT c.territory_id, c.course_id, count(*)::int AS cohorts,
          count(*) FILTER (WHERE f.enrolled BETWEEN 1 AND s.k - 1)::int AS small_enrolled,
          count(*) FILTER (WHERE f.started BETWEEN 1 AND s.k - 1)::int AS small_started,
          count(*) FILTER (WHERE f.completed BETWEEN 1 AND s.k - 1)::int AS small_completed,
          count(*) FILTER (WHERE f.certified BETWEEN 1 AND s.k - 1)::int AS small_certified,
          count(*) FILTER (WHERE f.withdrawn BETWEEN 1 AND s.k - 1)::int AS small_withdrawn,
          count(*) FILTER (WHERE f.enrolled > 0 AND (f.enrolled < s.k OR f.completed BETWEEN 1 AND s.k - 1))::int AS rate_hidden,
          count(*) FILTER (WHERE f.completed BETWEEN 1 AND s.k - 1)::int AS median_hidden
        FROM obs_cohort_funnel_all f JOIN cohorts c ON c.id = f.cohort_id CROSS JOIN obs_settings s GROUP BY 1, 2`,
      actual: `SELECT territory_id, course_id, cohorts, small_enrolled, small_started, small_completed, small_certified,
          small_withdrawn, rate_hidden, median_hidden FROM obs_cohort_column_summary
        WHERE (cohorts, small_enrolled, small_started, small_completed, small_certified, small_withdrawn, rate_hidden,
          median_hidden) <> (0, 0, 0, 0, 0, 0, 0, 0)`,
    },
    obs_completion_days: {
      expected: `WITH f AS (${facts}) SELECT territory_id, course_id, obs_month(completed_at) AS month,
          obs_days_bucket(obs_days(COALESCE(started_at, enrolled_at), completed_at)) AS days, count(*)::int AS n
        FROM f WHERE active AND completed_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
      actual: 'SELECT territory_id, course_id, month, days, n FROM obs_completion_days WHERE n <> 0',
    },
    obs_completion_days_all: {
      expected: `WITH f AS (${facts}) SELECT territory_id, course_id,
          obs_days_bucket(obs_days(COALESCE(started_at, enrolled_at), completed_at)) AS days, count(*)::int AS n
        FROM f WHERE active AND completed_at IS NOT NULL GROUP BY 1, 2, 3`,
      actual: 'SELECT territory_id, course_id, days, n FROM obs_completion_days_all WHERE n <> 0',
    },
    obs_cohort_completion_days: {
      expected: `WITH f AS (${facts}) SELECT cohort_id, obs_month(completed_at) AS month,
          obs_days_bucket(obs_days(COALESCE(started_at, enrolled_at), completed_at)) AS days, count(*)::int AS n
        FROM f WHERE active AND completed_at IS NOT NULL GROUP BY 1, 2, 3`,
      actual: 'SELECT cohort_id, month, days, n FROM obs_cohort_completion_days WHERE n <> 0',
    },
    obs_cohort_completion_days_all: {
      expected: `WITH f AS (${facts}) SELECT cohort_id,
          obs_days_bucket(obs_days(COALESCE(started_at, enrolled_at), completed_at)) AS days, count(*)::int AS n
        FROM f WHERE active AND completed_at IS NOT NULL GROUP BY 1, 2`,
      actual: 'SELECT cohort_id, days, n FROM obs_cohort_completion_days_all WHERE n <> 0',
    },
    obs_lesson_stats: {
      expected: `WITH f AS (${facts}), l AS (
          SELECT f.territory_id, f.course_id, p.lesson_key, obs_month(p.started_at) AS month, 1 AS started, 0 AS completed, (p.attempts > 0)::int AS attempted
            FROM lesson_progress p JOIN f ON f.enrolment_id = p.enrolment_id WHERE f.active AND p.started_at IS NOT NULL
          UNION ALL SELECT f.territory_id, f.course_id, p.lesson_key, obs_month(p.completed_at), 0, 1, 0
            FROM lesson_progress p JOIN f ON f.enrolment_id = p.enrolment_id WHERE f.active AND p.completed_at IS NOT NULL)
        SELECT territory_id, course_id, lesson_key, month, sum(started)::int AS started, sum(completed)::int AS completed,
               sum(attempted)::int AS attempted FROM l GROUP BY 1, 2, 3, 4`,
      actual: `SELECT territory_id, course_id, lesson_key, month, started, completed, attempted FROM obs_lesson_stats
        WHERE (started, completed, attempted) <> (0, 0, 0)`,
    },
    obs_self_assessment: {
      expected: `SELECT c.territory_id, c.course_id, b.competence_code, obs_month(GREATEST(b.assessed_at, a.assessed_at)) AS month,
          count(*)::int AS assessed, sum(b.level)::int AS sum_before, sum(a.level)::int AS sum_after
        FROM self_assessments b
        JOIN self_assessments a ON a.enrolment_id = b.enrolment_id AND a.competence_code = b.competence_code AND a.phase = 'end'
        JOIN enrolments e ON e.id = b.enrolment_id JOIN cohorts c ON c.id = e.cohort_id
        WHERE b.phase = 'start' GROUP BY 1, 2, 3, 4`,
      actual: `SELECT territory_id, course_id, competence_code, month, assessed, sum_before, sum_after FROM obs_self_assessment
        WHERE (assessed, sum_before, sum_after) <> (0, 0, 0)`,
    },
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, { expected, actual }] of Object.entries(checks)) {
    // Rows in one and not the other, both ways.
    out[table] = (await db.query(
      `SELECT 'missing' AS side, * FROM ((${expected}) EXCEPT ALL (${actual})) x
       UNION ALL SELECT 'unexpected', * FROM ((${actual}) EXCEPT ALL (${expected})) y`,
    )) as unknown[];
  }
  return out;
}

/** Every rollup table with no differing row. */
export const EXACT = {
  obs_enrolment_facts: [],
  obs_funnel: [],
  obs_funnel_monthly: [],
  obs_funnel_all: [],
  obs_cohort_funnel: [],
  obs_cohort_funnel_all: [],
  obs_cohort_column_summary: [],
  obs_completion_days: [],
  obs_completion_days_all: [],
  obs_cohort_completion_days: [],
  obs_cohort_completion_days_all: [],
  obs_lesson_stats: [],
  obs_self_assessment: [],
};
