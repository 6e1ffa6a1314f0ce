import type { DataSource, EntityManager } from 'typeorm';
import type { CourseContent } from '@tc/shared/contracts';

/**
 * A synthetic population of coaches for the observatory: the demo (a few hundred coaches, so its
 * tables are not all "< 5") and the benchmark (100,000 coaches, 10,000,000 events). Written set-based in
 * SQL straight into the source tables — users, cohorts, enrolments, lesson summaries, raw events,
 * practical tasks' passed rounds, certificates, self-assessments — so the database's own triggers build the rollups exactly as they
 * do for real traffic. Deterministic: the same options give the same people and the same progress.
 *
 * Synthetic coaches have addresses at `synthetic.invalid` and no password: nobody can sign in as them.
 */
export interface PopulationOptions {
  coaches: number;
  cohorts: number;
  /** Raw progress events in all: one per lesson opened and completed, the rest lessons re-opened. */
  events: number;
  /** The course the cohorts follow (its latest published version). */
  courseSlug: string;
  /** Cohorts start over this many months up to today. */
  months: number;
  /** Tells populations apart (e-mail addresses, cohort names, randomness). */
  tag: string;
}

export interface PopulationSummary {
  coaches: number;
  cohorts: number;
  lessonRows: number;
  events: number;
  completed: number;
}

export const SYNTHETIC_DOMAIN = 'synthetic.invalid';

/** A uniform number in [0, 1) drawn from the row's number and a salt. */
function rnd(expr: string, salt: string): string {
  return `((('x' || substr(md5('${salt}:' || (${expr})::text), 1, 7))::bit(28)::int)::float8 / 268435456.0)`;
}

export async function seedSyntheticPopulation(
  dataSource: DataSource,
  options: PopulationOptions,
): Promise<PopulationSummary | null> {
  const domain = `${options.tag}.${SYNTHETIC_DOMAIN}`;
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM users WHERE email LIKE $1 LIMIT 1', [
    `%@${domain}`,
  ]);
  if (exists.length) return null;
  return dataSource.transaction((m) => populate(m, options, domain));
}

async function populate(m: EntityManager, o: PopulationOptions, domain: string): Promise<PopulationSummary> {
  const t = o.tag.replace(/[^a-z0-9]/gi, '');
  const [course] = (await m.query(
    `SELECT c.id, v.number, v.content FROM courses c JOIN course_versions v ON v.course_id = c.id
      WHERE c.slug = $1 ORDER BY v.number DESC LIMIT 1`,
    [o.courseSlug],
  )) as { id: string; number: number; content: CourseContent }[];
  if (!course) throw new Error(`No published course ${o.courseSlug}`);
  const lessons = course.content.modules.flatMap((mod) => mod.lessons);
  const keys = lessons.map((l) => l.key);
  const quiz = lessons.map((l) => l.kind === 'quiz');
  const L = lessons.length;
  const competences = course.content.competences;
  const [admin] = (await m.query(
    `SELECT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'admin' ORDER BY u.created_at LIMIT 1`,
  )) as { id: string }[];
  // Morocco's regions and provinces: cohorts are spread over them, a province twice as likely as a region.
  const places = (await m.query(
    `SELECT t.id, t.name_fr FROM territories t JOIN territories ma ON ma.code = 'MA' AND t.path LIKE ma.path || '_%'
      ORDER BY t.depth DESC, t.code`,
  )) as { id: string; name_fr: string }[];
  if (!admin || !places.length) throw new Error('Seed the accounts and territories first');

  await m.query(`CREATE TEMP TABLE syn_places (n int PRIMARY KEY, id uuid, name text) ON COMMIT DROP`);
  await m.query(
    `INSERT INTO syn_places SELECT i - 1, id, name FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(id, name, i)`,
    [places.map((p) => p.id), places.map((p) => p.name_fr)],
  );

  // Cohorts: starting over the last `months` months, four months long.
  // (Sizes are integers of ours, written into the statements: CREATE TABLE AS takes no parameters.)
  const [cohorts, coaches, months] = [o.cohorts, o.coaches, o.months].map((n) => Math.max(1, Math.floor(n)));
  await m.query(`CREATE TEMP TABLE syn_cohorts ON COMMIT DROP AS
    SELECT j AS n, gen_random_uuid() AS id, p.id AS territory_id, p.name AS place,
           (current_date - (${rnd('j', `${t}c`)} * ${months} * 30)::int) AS starts_on
      FROM generate_series(0, ${cohorts} - 1) j
      JOIN syn_places p ON p.n = (floor(${rnd('j', `${t}p`)} * ${places.length}))::int`);
  await m.query(
    `INSERT INTO cohorts (id, name, course_id, course_version, territory_id, status, starts_on, ends_on, created_by)
     SELECT id, 'Cohorte ' || place || ' #' || (n + 1), $1, $2, territory_id,
            CASE WHEN starts_on + 120 < current_date THEN 'closed' ELSE 'running' END, starts_on, starts_on + 120, $3
       FROM syn_cohorts ORDER BY n`,
    [course.id, course.number, admin.id],
  );

  // Coaches: self-declared gender and year of birth, some withheld.
  await m.query(`CREATE TEMP TABLE syn_coaches ON COMMIT DROP AS
    SELECT i AS n, gen_random_uuid() AS id, c.id AS cohort_id, c.territory_id, c.starts_on,
           ${rnd('i', `${t}g`)} AS g, ${rnd('i', `${t}a`)} AS a, ${rnd('i', `${t}r`)} AS r, ${rnd('i', `${t}w`)} AS w
      FROM generate_series(0, ${coaches} - 1) i JOIN syn_cohorts c ON c.n = i % ${cohorts}`);
  await m.query(
    `INSERT INTO users (id, email, display_name, preferred_language, territory_id, gender, birth_year, demographics_withheld)
     SELECT id, 'coach-' || lpad(n::text, 7, '0') || '@${domain}', 'Coach synthétique ' || (n + 1),
            (ARRAY['fr', 'ar', 'en'])[1 + floor(${rnd('n', `${t}l`)} * 3)::int], territory_id,
            CASE WHEN g < 0.46 THEN 'female' WHEN g < 0.90 THEN 'male' WHEN g < 0.92 THEN 'other' END,
            CASE WHEN a < 0.08 THEN NULL
                 ELSE extract(year FROM starts_on)::int - (CASE WHEN a < 0.10 THEN 16 WHEN a < 0.42 THEN 18 + floor(a * 100)::int % 7
                      WHEN a < 0.75 THEN 25 + floor(a * 1000)::int % 10 WHEN a < 0.92 THEN 35 + floor(a * 1000)::int % 10
                      ELSE 45 + floor(a * 1000)::int % 20 END) END,
            g >= 0.98 AND a < 0.08
       FROM syn_coaches ORDER BY n`,
  );
  await m.query(
    `INSERT INTO role_assignments (user_id, role, territory_id) SELECT id, 'coach', territory_id FROM syn_coaches ORDER BY n`,
  );

  // Enrolments: within two weeks of the start, never in the future; 4% withdrawn. How far each coach
  // got: 12% never start, 40% stop part-way, the rest finish — bounded by the days since enrolment.
  await m.query(`CREATE TEMP TABLE syn_enrolments ON COMMIT DROP AS
    SELECT n, gen_random_uuid() AS id, cohort_id, id AS user_id, w < 0.04 AS withdrawn, enrolled_at,
           LEAST(reach, GREATEST(0, floor(extract(epoch FROM now() - enrolled_at) / 86400 / 5)::int)) AS reach
      FROM (SELECT c.*, LEAST(now() - interval '1 hour', c.starts_on + (${rnd('n', `${t}e`)} * 14) * interval '1 day') AS enrolled_at,
                   CASE WHEN r < 0.12 THEN 0 WHEN r < 0.52 THEN 1 + floor(${rnd('n', `${t}s`)} * (${L} - 1))::int ELSE ${L} END AS reach
              FROM syn_coaches c) x`);
  await m.query(
    `INSERT INTO enrolments (id, cohort_id, user_id, status, source, enrolled_at, withdrawn_at)
     SELECT id, cohort_id, user_id, CASE WHEN withdrawn THEN 'withdrawn' ELSE 'active' END, 'csv', enrolled_at,
            CASE WHEN withdrawn THEN enrolled_at + interval '3 days' END
       FROM syn_enrolments ORDER BY n`,
  );

  // Lessons in order, one every `step` days; the last reached one only opened unless all were done.
  await m.query(
    `CREATE TEMP TABLE syn_course (l int PRIMARY KEY, lesson_key varchar, quiz boolean) ON COMMIT DROP`,
  );
  await m.query(
    `INSERT INTO syn_course SELECT i - 1, k, q FROM unnest($1::varchar[], $2::boolean[]) WITH ORDINALITY AS x(k, q, i)`,
    [keys, quiz],
  );
  await m.query(`CREATE TEMP TABLE syn_lessons ON COMMIT DROP AS
    SELECT e.id AS enrolment_id, e.n, g.l, c.lesson_key, c.quiz,
           e.enrolled_at + (g.l * LEAST(1.0 + 4 * ${rnd('e.n', `${t}d`)}, GREATEST(0.05, extract(epoch FROM now() - e.enrolled_at) / 86400 / (${L} + 1)))
                           + ${rnd('e.n * 100 + g.l', `${t}h`)}) * interval '1 day' AS started_at,
           (g.l < e.reach - 1 OR e.reach = ${L}) AS done
      FROM syn_enrolments e CROSS JOIN LATERAL generate_series(0, e.reach - 1) AS g(l) JOIN syn_course c ON c.l = g.l`);
  await m.query(
    `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent)
     SELECT enrolment_id, lesson_key, started_at, CASE WHEN done THEN started_at + interval '40 minutes' END,
            started_at + interval '40 minutes', CASE WHEN quiz THEN 1 + (${rnd('n * 100 + l', `${t}q`)} < 0.3)::int ELSE 0 END,
            CASE WHEN quiz THEN CASE WHEN done THEN 70 + floor(${rnd('n * 100 + l', `${t}b`)} * 31)::int ELSE 40 END END
       FROM syn_lessons ORDER BY enrolment_id, lesson_key`,
  );
  // A practical task is done only once a trainer passed it: each done task has its round, handed in
  // when the coach opened it and passed (each criterion's highest level) when the lesson was completed,
  // with the cohort's practice counts and review waits appended as a review appends them (each stage in
  // the month it happened).
  const tasks = course.content.modules.flatMap((mod) =>
    mod.lessons.flatMap((l) =>
      l.kind === 'task' && l.task ? [{ module: mod.key, key: l.key, task: l.task }] : [],
    ),
  );
  if (tasks.length) {
    const top = (levels: { key: string; points: number }[]) =>
      [...levels].sort((a, b) => b.points - a.points)[0];
    await m.query(
      `CREATE TEMP TABLE syn_tasks (lesson_key varchar PRIMARY KEY, module_key varchar, scores jsonb, points int) ON COMMIT DROP`,
    );
    await m.query(
      `INSERT INTO syn_tasks SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::jsonb[], $4::int[])`,
      [
        tasks.map((x) => x.key),
        tasks.map((x) => x.module),
        tasks.map((x) =>
          JSON.stringify(x.task.criteria.map((c) => ({ criterionKey: c.key, levelKey: top(c.levels)?.key }))),
        ),
        tasks.map((x) => x.task.criteria.reduce((sum, c) => sum + (top(c.levels)?.points ?? 0), 0)),
      ],
    );
    await m.query(`CREATE TEMP TABLE syn_rounds ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, l.enrolment_id, l.lesson_key, e.user_id, e.cohort_id, c.territory_id,
             k.module_key, k.scores, k.points, l.started_at + interval '10 minutes' AS handed_in_at,
             l.started_at + interval '40 minutes' AS decided_at
        FROM syn_lessons l JOIN syn_tasks k ON k.lesson_key = l.lesson_key
        JOIN syn_enrolments e ON e.id = l.enrolment_id JOIN syn_cohorts c ON c.id = e.cohort_id
       WHERE l.done`);
    await m.query(
      `INSERT INTO practice_submissions (id, enrolment_id, lesson_key, coach_id, cohort_id, module_key, round, status, text, handed_in_at)
       SELECT id, enrolment_id, lesson_key, user_id, cohort_id, module_key, 1, 'passed', 'Synthetic: handed in for the demo', handed_in_at
         FROM syn_rounds ORDER BY id`,
    );
    await m.query(
      `INSERT INTO practice_reviews (submission_id, reviewer_id, decision, scores, points, comment, decided_at)
       SELECT id, $1, 'pass', scores, points, 'Synthetic: passed for the demo', decided_at FROM syn_rounds ORDER BY id`,
      [admin.id],
    );
    await m.query(
      `INSERT INTO practice_count_deltas (cohort_id, territory_id, month, handed_in, reviewed, passed)
       SELECT cohort_id, territory_id, date_trunc('month', handed_in_at AT TIME ZONE 'UTC')::date, count(*), 0, 0
         FROM syn_rounds GROUP BY 1, 2, 3
       UNION ALL
       SELECT cohort_id, territory_id, date_trunc('month', decided_at AT TIME ZONE 'UTC')::date, 0, count(*), count(*)
         FROM syn_rounds GROUP BY 1, 2, 3`,
    );
    await m.query(
      `INSERT INTO practice_review_day_deltas (cohort_id, territory_id, month, days, n)
       SELECT cohort_id, territory_id, date_trunc('month', decided_at AT TIME ZONE 'UTC')::date, 0, count(*)
         FROM syn_rounds GROUP BY 1, 2, 3`,
    );
  }
  await m.query(
    `UPDATE enrolments e SET completed_at = x.at
       FROM (SELECT enrolment_id, max(started_at) + interval '40 minutes' AS at FROM syn_lessons GROUP BY 1 HAVING bool_and(done) AND count(*) = $1) x
      WHERE e.id = x.enrolment_id AND e.status = 'active'`,
    [L],
  );
  const done = (await m.query(
    `SELECT e.id FROM enrolments e JOIN syn_enrolments s ON s.id = e.id WHERE e.completed_at IS NOT NULL`,
  )) as unknown[];
  await m.query(
    `INSERT INTO certificates (code, enrolment_id, issued_at, revoked_at, revocation_reason,
                               holder_name, course_title, course_version, territory_name)
     SELECT translate(upper(substr(md5('${t}:cert:' || e.id::text), 1, 12)), '0123456789ABCDEF', 'ABCDEFGHJKMNPQRS'),
            e.id, e.completed_at,
            CASE WHEN ${rnd('s.n', `${t}v`)} < 0.02 THEN e.completed_at + interval '10 days' END,
            CASE WHEN ${rnd('s.n', `${t}v`)} < 0.02 THEN 'Synthetic: revoked for the demo' END,
            u.display_name,
            (SELECT jsonb_object_agg(l, COALESCE(NULLIF(v.content->'title'->>l, ''), v.content->'title'->>(v.content->>'defaultLocale'), ''))
               FROM unnest(ARRAY['fr', 'ar', 'en']) AS l),
            c.course_version, jsonb_build_object('fr', tr.name_fr, 'ar', tr.name_ar, 'en', tr.name_en)
       FROM enrolments e JOIN syn_enrolments s ON s.id = e.id JOIN users u ON u.id = e.user_id
       JOIN cohorts c ON c.id = e.cohort_id JOIN territories tr ON tr.id = c.territory_id
       JOIN course_versions v ON v.course_id = c.course_id AND v.number = c.course_version
      WHERE e.completed_at IS NOT NULL ORDER BY e.id`,
  );

  // Self-assessment: at the start on every competence of the course, at the end a level or two higher.
  if (competences.length) {
    await m.query(
      `INSERT INTO self_assessments (enrolment_id, phase, competence_code, level, assessed_at)
       SELECT s.id, 'start', c, 1 + floor(${rnd('s.n::text || c', `${t}k`)} * 4)::int, s.enrolled_at + interval '1 hour'
         FROM syn_enrolments s CROSS JOIN unnest($1::varchar[]) c WHERE s.reach > 0 AND ${rnd('s.n', `${t}x`)} < 0.8`,
      [competences],
    );
    await m.query(
      `INSERT INTO self_assessments (enrolment_id, phase, competence_code, level, assessed_at)
       SELECT b.enrolment_id, 'end', b.competence_code,
              LEAST(8, b.level + floor(${rnd('s.n::text || b.competence_code', `${t}y`)} * 3)::int), e.completed_at
         FROM self_assessments b JOIN syn_enrolments s ON s.id = b.enrolment_id JOIN enrolments e ON e.id = b.enrolment_id
        WHERE b.phase = 'start' AND e.completed_at IS NOT NULL`,
    );
  }

  // Raw events: one per lesson opened and completed, then lessons re-opened up to the total asked.
  await m.query(
    `INSERT INTO progress_events (id, enrolment_id, lesson_key, type, occurred_at)
     SELECT gen_random_uuid(), enrolment_id, lesson_key, 'started', started_at FROM syn_lessons
     UNION ALL
     SELECT gen_random_uuid(), enrolment_id, lesson_key, 'completed', started_at + interval '40 minutes' FROM syn_lessons WHERE done AND NOT quiz`,
  );
  const [{ lessonRows, base }] = (await m.query(
    `SELECT count(*)::int AS "lessonRows", (count(*) + count(*) FILTER (WHERE done AND NOT quiz))::int AS base FROM syn_lessons`,
  )) as [{ lessonRows: number; base: number }];
  const extra = Math.max(0, o.events - base);
  if (extra > 0 && lessonRows > 0) {
    // Spread over the lessons reached: the k-th re-opening goes to lesson row k mod rows, a little later.
    await m.query(
      `CREATE TEMP TABLE syn_lesson_n ON COMMIT DROP AS SELECT row_number() OVER () - 1 AS r, * FROM syn_lessons`,
    );
    await m.query(`CREATE INDEX ON syn_lesson_n (r)`);
    await m.query(
      `INSERT INTO progress_events (id, enrolment_id, lesson_key, type, occurred_at)
       SELECT gen_random_uuid(), s.enrolment_id, s.lesson_key, 'started',
              LEAST(now() - interval '1 minute', s.started_at + (1 + k / $2) * interval '2 hours')
         FROM generate_series(0, $1 - 1) k JOIN syn_lesson_n s ON s.r = k % $2`,
      [extra, lessonRows],
    );
  }
  return {
    coaches: o.coaches,
    cohorts: o.cohorts,
    lessonRows,
    events: base + extra,
    completed: done.length,
  };
}
