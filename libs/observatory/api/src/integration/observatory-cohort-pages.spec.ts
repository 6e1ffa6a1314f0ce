import { randomUUID } from 'node:crypto';
import { demoCourse, seedSyntheticPopulation } from '@tc/demo/api';
import { EXACT, rollupDifferences } from '../testing';
import { bootApp, createTestApp, type TestApp } from '@tc/shared/testing';

const COLUMNS = ['enrolled', 'started', 'completed', 'certified', 'withdrawn'] as const;
type Column = (typeof COLUMNS)[number];
type Counts = Record<Column, number>;
/** A window covering all time: the answer read over every cohort's monthly rows, judged row by row. */
const ALL_TIME = 'from=2000-01&to=2100-12';
const PAGES: [number, number][] = [
  [0, 50],
  [0, 1],
  [0, 7],
  [7, 7],
  [3, 500],
];

/**
 * The all-time cohort table a page at a time (suppression judged from the per-territory summary of
 * small cells, the complementary cell found by one query) against the same table over a window covering
 * all time, which reads every cohort: rows, total, suppressedCells and page equal, for several
 * territories, courses, pages and k — k changed by restarting the app, as a new OBSERVATORY_K would.
 */
describe('the observatory cohort table a page at a time (real database)', () => {
  let t: TestApp;
  let observer: string;
  let admin: string;
  let adminId: string;
  const course: Record<'demo' | 'other', string> = { demo: '', other: '' };
  const territory: Record<string, string> = {};

  const get = (token: string, query: string) =>
    t.request('GET', `/api/v1/observatory/completion?${query}`, { token });
  /** The rollups against a recount of their sources, once the app has folded the pending deltas. */
  const recount = async () => {
    await t.fold();
    return rollupDifferences(t.dataSource);
  };

  /**
   * A cohort with exactly these all-time counts, written straight into the source tables in one
   * transaction (the database's triggers count it, as for real traffic).
   */
  async function craft(code: string, name: string, courseId: string, n: Counts): Promise<string> {
    return t.dataSource.transaction(async (m) => {
      const [cohort] = (await m.query(
        `INSERT INTO cohorts (name, course_id, course_version, territory_id, status, starts_on, ends_on, created_by)
         VALUES ($1, $2, 1, $3, 'running', '2026-01-05', '2026-12-31', $4) RETURNING id`,
        [name, courseId, territory[code], adminId],
      )) as { id: string }[];
      const id = (cohort as { id: string }).id;
      const tag = randomUUID().slice(0, 8);
      // People 0 … enrolled − 1 stay, the next `withdrawn` withdraw; the first ones get furthest.
      const email = `'pages-' || $1 || '-' || i || '@pages.test'`;
      await m.query(
        `INSERT INTO users (email, display_name, territory_id)
         SELECT ${email}, 'Personne ' || i, $2 FROM generate_series(0, $3::int - 1) i`,
        [tag, territory[code], n.enrolled + n.withdrawn],
      );
      await m.query(
        `INSERT INTO enrolments (cohort_id, user_id, status, source, enrolled_at, withdrawn_at)
         SELECT $4, u.id, CASE WHEN i >= $2 THEN 'withdrawn' ELSE 'active' END, 'csv',
                timestamptz '2026-01-10 09:00Z' + i * interval '1 hour',
                CASE WHEN i >= $2 THEN timestamptz '2026-01-20 09:00Z' END
           FROM generate_series(0, $3::int - 1) i JOIN users u ON u.email = ${email}`,
        [tag, n.enrolled, n.enrolled + n.withdrawn, id],
      );
      const ranked = `SELECT e.id, row_number() OVER (ORDER BY e.enrolled_at) - 1 AS i
                        FROM enrolments e WHERE e.cohort_id = $1 AND e.status = 'active'`;
      await m.query(
        `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, last_activity_at)
         SELECT r.id, $2, timestamptz '2026-02-01 09:00Z' + r.i * interval '1 day', now()
           FROM (${ranked}) r WHERE r.i < $3`,
        [id, demoCourse().modules[0]?.lessons[0]?.key, n.started],
      );
      await m.query(
        `UPDATE enrolments e SET completed_at = timestamptz '2026-03-01 09:00Z' + r.i * interval '3 days'
           FROM (${ranked}) r WHERE e.id = r.id AND r.i < $2`,
        [id, n.completed],
      );
      await m.query(
        `INSERT INTO certificates (code, enrolment_id, issued_at, holder_name, course_title, course_version, territory_name)
         SELECT translate(upper(substr(md5('pages:' || r.id::text), 1, 12)), '0123456789ABCDEF', 'ABCDEFGHJKMNPQRS'),
                r.id, timestamptz '2026-03-15 09:00Z', 'Coach', '{}', 1, '{}'
           FROM (${ranked}) r WHERE r.i < $2`,
        [id, n.certified],
      );
      return id;
    });
  }

  /** Whole columns of a territory's cohort table, as the database holds them (to tell what a case covers). */
  async function columnsOf(code: string, courseId: string | null): Promise<Counts[]> {
    return (await t.dataSource.query(
      `SELECT f.enrolled, f.started, f.completed, f.certified, f.withdrawn
         FROM obs_cohort_funnel_all f JOIN cohorts c ON c.id = f.cohort_id JOIN territories t ON t.id = c.territory_id
        WHERE t.path LIKE (SELECT path FROM territories WHERE id = $1) || '%' AND ($2::uuid IS NULL OR c.course_id = $2)`,
      [territory[code], courseId],
    )) as Counts[];
  }

  /**
   * Every page asked of every territory and course: the all-time answer equals the windowed one.
   * Returns what the tables covered: a column with exactly one small cell beside a shown total (so a
   * complementary cell), and a hidden total.
   */
  async function compareAll(
    k: number,
    codes: string[],
  ): Promise<{ complementary: number; hiddenTotals: number }> {
    const token = (await t.signIn('observer@example.org')).accessToken;
    const covered = { complementary: 0, hiddenTotals: 0 };
    for (const code of codes)
      for (const courseId of [null, course.demo, course.other]) {
        const base = `territoryId=${territory[code]}&groupBy=cohort${courseId ? `&courseId=${courseId}` : ''}`;
        const whole = await get(token, `${base}&${ALL_TIME}&limit=500`);
        if (whole.status === 422) {
          // No cohort of this course there: both paths refuse it alike.
          expect((await get(token, `${base}&limit=50`)).status).toBe(422);
          continue;
        }
        expect(whole.status).toBe(200);
        expect(whole.body.k).toBe(k);
        const n = whole.body.page.total as number;
        for (const [offset, limit] of [
          ...PAGES,
          [Math.max(0, n - 3), 5] as [number, number],
          [n, 5] as [number, number],
        ]) {
          const paging = `&offset=${offset}&limit=${limit}`;
          const [fast, reference] = await Promise.all([
            get(token, `${base}${paging}`),
            get(token, `${base}&${ALL_TIME}${paging}`),
          ]);
          const what = `${code} course=${courseId ?? 'all'} k=${k} offset=${offset} limit=${limit}`;
          expect([what, fast.status]).toEqual([what, 200]);
          const answer = (r: typeof fast) => [
            what,
            r.body.rows,
            r.body.total,
            r.body.suppressedCells,
            r.body.page,
          ];
          expect(answer(fast)).toEqual(answer(reference));
          expect(fast.body.rows).toEqual(whole.body.rows.slice(offset, offset + limit));
          expect(fast.body.page).toEqual({ offset, limit, total: n });
        }
        const cells = await columnsOf(code, courseId);
        expect(cells).toHaveLength(n);
        for (const c of COLUMNS) {
          const total = cells.reduce((s, r) => s + r[c], 0);
          const small = cells.filter((r) => r[c] > 0 && r[c] < k).length;
          if (small === 1 && !(total > 0 && total < k)) covered.complementary++;
          if (whole.body.total[c] === null) covered.hiddenTotals++;
        }
      }
    return covered;
  }

  const CODES = ['MA', 'MA-02', 'MA-OUJ', 'MA-SPA', 'MA-SPB'];

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    observer = (await t.signIn('observer@example.org')).accessToken;
    adminId = ((await t.request('GET', '/api/v1/me', { token: admin })).body as { id: string }).id;
    for (const r of (await t.dataSource.query(`SELECT id, code FROM territories WHERE code IS NOT NULL`)) as {
      id: string;
      code: string;
    }[])
      territory[r.code] = r.id;
    course.demo = (
      (await t.request('GET', '/api/v1/courses', { token: admin })).body as { id: string; slug: string }[]
    ).find((c) => c.slug === demoCourse().slug)?.id as string;

    // A second course, published, so tables add up over courses.
    const other = await t.request('POST', '/api/v1/courses', {
      token: admin,
      body: { slug: 'pages-other', title: { fr: 'Autre cours' }, defaultLocale: 'fr', locales: ['fr'] },
    });
    expect(other.status).toBe(201);
    course.other = other.body.id as string;
    const withModule = await t.request('POST', `/api/v1/courses/${course.other}/modules`, {
      token: admin,
      body: { title: { fr: 'Module' } },
    });
    await t.request(
      'POST',
      `/api/v1/courses/${course.other}/modules/${withModule.body.modules[0].id}/lessons`,
      {
        token: admin,
        body: { kind: 'text', title: { fr: 'Leçon' }, body: { fr: 'Texte' } },
      },
    );
    const published = await t.request('POST', `/api/v1/courses/${course.other}/publish`, { token: admin });
    expect([published.status, published.body.errors]).toEqual([201, undefined]);

    // Many cohorts over Morocco's regions and provinces (Oujda-Angad among them), of both courses;
    // seeded before the communes below, which hold only the cohorts written for them.
    await seedSyntheticPopulation(t.dataSource, {
      coaches: 500,
      cohorts: 45,
      events: 4_000,
      courseSlug: demoCourse().slug,
      months: 10,
      tag: 'pages',
    });
    await seedSyntheticPopulation(t.dataSource, {
      coaches: 120,
      cohorts: 14,
      events: 600,
      courseSlug: 'pages-other',
      months: 6,
      tag: 'pages2',
    });
    // Two communes of Oujda-Angad holding only the cohorts below.
    for (const code of ['MA-SPA', 'MA-SPB']) {
      const res = await t.request('POST', '/api/v1/territories', {
        token: admin,
        body: {
          parentId: territory['MA-OUJ'],
          level: 'commune',
          code,
          name: { fr: `Commune ${code}`, ar: `جماعة ${code}`, en: `Commune ${code}` },
        },
      });
      expect(res.status).toBe(201);
      territory[code] = res.body.id as string;
    }
    // k = 5: one small cell in enrolled, started and completed, the cell hidden beside it a tie of two
    // cohorts of the same name (the first by id goes) carrying both enrolled and completed; k = 11: a
    // small withdrawn total; k = 2: one small cell in completed, certified and withdrawn (that last one
    // beside a row nobody is enrolled in).
    await craft('MA-SPA', 'Commune A — petite', course.demo, counts(3, 3, 1, 1, 0));
    await craft('MA-SPA', 'Commune A — égalité', course.demo, counts(9, 8, 6, 5, 1));
    await craft('MA-SPA', 'Commune A — égalité', course.demo, counts(9, 9, 6, 6, 0));
    await craft('MA-SPA', 'Commune A — grande', course.demo, counts(30, 25, 12, 2, 5));
    await craft('MA-SPA', 'Commune A — vide', course.demo, counts(0, 0, 0, 0, 2));
    await craft('MA-SPA', 'Commune A — autre cours', course.other, counts(4, 4, 4, 4, 0));
    // For every k: one small cell beside a large one in four columns; a withdrawn total of 1, hidden.
    await craft('MA-SPB', 'Commune B — seule', course.demo, counts(1, 1, 1, 1, 1));
    await craft('MA-SPB', 'Commune B — grande', course.demo, counts(40, 35, 20, 15, 0));
    // Counted in the observatory once folded (the app's folder does it every 2 seconds).
    await t.fold();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('k = 5 (the default): every page equals the table read over every cohort', async () => {
    expect(await t.dataSource.query('SELECT k FROM obs_settings')).toEqual([{ k: 5 }]);
    expect(await recount()).toEqual(EXACT);
    const covered = await compareAll(5, CODES);
    expect(covered.complementary).toBeGreaterThan(0);
    expect(covered.hiddenTotals).toBeGreaterThan(0);
    // The tie: of the two cohorts of the same name with 9 enrolled and 6 completed, the first by id
    // has both hidden beside the small ones (and so its rate and median); the other shows them.
    const table = await get(
      observer,
      `territoryId=${territory['MA-SPA']}&groupBy=cohort&courseId=${course.demo}`,
    );
    const ties = (
      table.body.rows as { label: { fr: string }; enrolled: number | null; completed: number | null }[]
    )
      .filter((r) => r.label.fr === 'Commune A — égalité')
      .map((r) => [r.enrolled, r.completed]);
    expect(ties).toEqual([
      [null, null],
      [9, 6],
    ]);
  });

  for (const k of [2, 11]) {
    it(`k = ${k} after a restart with OBSERVATORY_K=${k}: the summary is rebuilt with it, and every page still equals the whole table`, async () => {
      t = await t.reopen({ OBSERVATORY_K: String(k) });
      expect(await t.dataSource.query('SELECT k FROM obs_settings')).toEqual([{ k }]);
      expect(await recount()).toEqual(EXACT);
      const covered = await compareAll(k, CODES);
      expect(covered.complementary).toBeGreaterThan(0);
      expect(covered.hiddenTotals).toBeGreaterThan(0);
    });
  }

  it('stays exact as counts change and a commune moves to another province', async () => {
    t = await t.reopen({ OBSERVATORY_K: '5' });
    admin = (await t.signIn('admin@example.org')).accessToken;
    // A cell crosses into the small range and out of it; a cohort appears; a withdrawal and a completion.
    const grown = await craft('MA-SPB', 'Commune B — nouvelle', course.demo, counts(6, 6, 2, 2, 0));
    await t.dataSource.query(
      `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now()
        WHERE id = (SELECT id FROM enrolments WHERE cohort_id = $1 AND status = 'active' ORDER BY enrolled_at LIMIT 1)`,
      [grown],
    );
    await t.dataSource.query(
      `UPDATE enrolments SET completed_at = now()
        WHERE id IN (SELECT id FROM enrolments WHERE cohort_id = $1 AND completed_at IS NULL AND status = 'active' LIMIT 3)`,
      [grown],
    );
    expect(await recount()).toEqual(EXACT);
    await compareAll(5, ['MA-OUJ', 'MA-SPB']);
    const moved = await t.request('PATCH', `/api/v1/territories/${territory['MA-SPA']}`, {
      token: admin,
      body: { parentId: territory['MA-BER'] },
    });
    expect(moved.status).toBe(200);
    expect(await recount()).toEqual(EXACT);
    await compareAll(5, ['MA-02', 'MA-OUJ', 'MA-BER', 'MA-SPA']);
  });

  it('two replicas starting together with another k: one rebuilds the summary, and an app still on the old k reads every cohort', async () => {
    // PGlite serves one process: replicas are a PostgreSQL matter.
    if (t.kind !== 'postgres') return;
    const replicas = await Promise.all(
      [1, 2].map(() => bootApp({ ...t.env, OBSERVATORY_K: '7', DEMO_SEED: 'false' })),
    );
    try {
      expect(await t.dataSource.query('SELECT k FROM obs_settings')).toEqual([{ k: 7 }]);
      expect(await recount()).toEqual(EXACT);
      // This app (k = 5) finds a summary judged with 7: it answers from every cohort, still with k = 5.
      await compareAll(5, ['MA-OUJ', 'MA-SPA']);
    } finally {
      for (const r of replicas) await r.close();
    }
  });
});

function counts(
  enrolled: number,
  started: number,
  completed: number,
  certified: number,
  withdrawn: number,
): Counts {
  return { enrolled, started, completed, certified, withdrawn };
}
