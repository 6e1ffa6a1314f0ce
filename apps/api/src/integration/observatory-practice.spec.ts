import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { SubmissionsService } from '@tc/practice/api';
import { AddPracticeMonths1765440000000 } from '../migrations/1765440000000-AddPracticeMonths';
import { PRACTICE_LESSON, REVISE, taskCohort, uploadPhoto } from '../testing/practice-world';
import { createTestApp, type TestApp, type TestResponse } from '../testing/test-app';
import { principalOf } from '../testing/principals';

const PASS = {
  decision: 'pass',
  scores: [{ criterionKey: 'vitrine', levelKey: 'lisible' }],
  comment: 'Bravo.',
};

/**
 * The observatory's field practice: rounds handed in → reviewed → passed per territory (rolled up the
 * tree) and per cohort, and the median days from hand-in to review from the cohorts' histograms, which
 * the review appends in its transaction and the app's folder applies. Small cells are suppressed (with
 * a second cell beside a shown total); no round, coach or trainer is ever named. The months and the
 * course filter the figures as they filter completion (each stage in the month it happened), and the
 * same figures leave as CSV and XLSX.
 */
describe('the observatory: field practice (real database)', () => {
  let t: TestApp;
  const tokens: Record<'coach' | 'trainer' | 'admin' | 'observer', string> = {
    coach: '',
    trainer: '',
    admin: '',
    observer: '',
  };
  let province: string;
  let commune: string;
  let cohortA: string;
  let cohortB: string;
  const named: string[] = [];

  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const as = (who: keyof typeof tokens, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
  const practice = async (token: string, query: string) => {
    await t.fold();
    return t.request('GET', `/api/v1/observatory/practice?${query}`, { token });
  };

  /** Uploads a photo and hands in a round of the task; answers the round's id. */
  async function handIn(enrolmentId: string, seed: number): Promise<string> {
    const fileId = await uploadPhoto(t, tokens.coach, enrolmentId, PRACTICE_LESSON, seed);
    const id = ok(
      await as('coach', 'POST', `/api/v1/enrolments/${enrolmentId}/tasks/${PRACTICE_LESSON}/submissions`, {
        id: randomUUID(),
        text: 'Notre vitrine numérique en ligne.',
        fileIds: [fileId],
      }),
      'hand in',
    ).body.id as string;
    named.push(id, fileId, enrolmentId);
    return id;
  }

  /** Reviews a round as if it had been handed in `days` whole days (and an hour) ago. */
  async function review(id: string, days: number, decision: typeof REVISE | typeof PASS): Promise<void> {
    await t.dataSource.query(
      `UPDATE practice_submissions SET handed_in_at = now() - make_interval(days => $2::int, hours => 1) WHERE id = $1`,
      [id, days],
    );
    ok(await as('trainer', 'POST', `/api/v1/practice/submissions/${id}/review`, decision), 'review');
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['coach', 'trainer', 'admin', 'observer'] as const)
      tokens[who] = (await t.signIn(`${who}@example.org`)).accessToken;
    const [course] = (await t.dataSource.query(`SELECT id FROM courses LIMIT 1`)) as { id: string }[];
    const [berkane] = (await t.dataSource.query(
      `SELECT t.id FROM territories t JOIN territories p ON p.id = t.parent_id
        WHERE p.code = 'MA-02' ORDER BY t.code LIMIT 1`,
    )) as { id: string }[];
    province = berkane!.id;
    commune = ok(
      await as('admin', 'POST', '/api/v1/territories', {
        parentId: province,
        level: 'commune',
        name: { fr: `Commune pratique ${randomUUID().slice(0, 6)}` },
      }),
      'commune',
    ).body.id as string;
    const a = await taskCohort(
      t,
      { coach: tokens.coach, trainer: tokens.trainer },
      { courseId: course!.id, territoryId: commune },
    );
    cohortA = a.cohortId;
    // A second cohort of the same version, in the same commune.
    const [version] = (await t.dataSource.query(`SELECT course_version FROM cohorts WHERE id = $1`, [
      cohortA,
    ])) as { course_version: number }[];
    cohortB = ok(
      await as('trainer', 'POST', '/api/v1/cohorts', {
        name: `Pratique B ${randomUUID().slice(0, 6)}`,
        courseId: course!.id,
        courseVersion: version!.course_version,
        territoryId: commune,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      }),
      'cohort B',
    ).body.id as string;
    ok(
      await as('trainer', 'POST', `/api/v1/cohorts/${cohortB}/enrolments`, { emails: ['coach@example.org'] }),
      'enrol B',
    );
    const enrolments = ok(await as('coach', 'GET', '/api/v1/me/enrolments'), 'enrolments').body as {
      enrolmentId: string;
      cohortId: string;
    }[];
    const enrolmentB = enrolments.find((e) => e.cohortId === cohortB)?.enrolmentId as string;

    // Cohort A: six rounds, five returned and the last passed, after 0, 1, 2, 3, 10 and 40 days.
    let seed = 1;
    const waits = [0, 1, 2, 3, 10, 40];
    for (const [i, days] of waits.entries())
      await review(await handIn(a.enrolmentId, seed++), days, i === waits.length - 1 ? PASS : REVISE);
    // Cohort B: two rounds returned after 5 days, a third waiting, a fourth withdrawn.
    for (let i = 0; i < 2; i++) await review(await handIn(enrolmentB, seed++), 5, REVISE);
    await handIn(enrolmentB, seed++);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('keeps one histogram row per cohort and day, whole days, more than 30 filed as 31', async () => {
    await t.fold();
    const rows = (await t.dataSource.query(
      `SELECT cohort_id, days, n FROM practice_cohort_review_days WHERE cohort_id = ANY($1::uuid[]) ORDER BY 1, 2`,
      [[cohortA, cohortB]],
    )) as { cohort_id: string; days: number; n: number }[];
    const of = (id: string) =>
      rows.filter((r) => r.cohort_id === id).map((r) => [Number(r.days), Number(r.n)]);
    expect(of(cohortA)).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [10, 1],
      [31, 1],
    ]);
    expect(of(cohortB)).toEqual([[5, 2]]);
  });

  it('rolls the funnel and the median up to the territory above, the small cell hidden', async () => {
    const res = await practice(tokens.observer, `territoryId=${province}`);
    expect(res.status).toBe(200);
    const row = res.body.territories.find((r: { key: string }) => r.key === commune);
    // 9 handed in (6 + 3), 8 reviewed, 1 passed (below k = 5: hidden). Days 0 1 2 3 5 5 10 31 → (3 + 5) / 2.
    expect(row).toEqual({
      key: commune,
      label: expect.objectContaining({ fr: expect.stringMatching(/^Commune pratique/) }),
      drillable: false,
      handedIn: 9,
      reviewed: 8,
      passed: null,
      medianDaysToReview: 4,
    });
    expect(res.body.k).toBe(5);
  });

  it('shows per cohort with complementary suppression, and the total with its median', async () => {
    const res = await practice(tokens.observer, `territoryId=${commune}`);
    expect(res.status).toBe(200);
    expect(res.body.territories).toEqual([
      expect.objectContaining({ key: `direct:${commune}`, handedIn: 9, reviewed: 8, medianDaysToReview: 4 }),
    ]);
    expect(res.body.total).toEqual({
      key: 'total',
      label: null,
      handedIn: 9,
      reviewed: 8,
      passed: null,
      medianDaysToReview: 4,
    });
    const byKey = new Map(res.body.cohorts.map((r: { key: string }) => [r.key, r]));
    // B's 3 handed in and 2 reviewed are small; beside the shown totals (9, 8), A's 6 and 6 are hidden
    // too, else B's would be 9 − 6 and 8 − 6. A's median goes with its reviews.
    expect(byKey.get(cohortB)).toMatchObject({
      handedIn: null,
      reviewed: null,
      passed: 0,
      medianDaysToReview: null,
    });
    expect(byKey.get(cohortA)).toMatchObject({
      handedIn: null,
      reviewed: null,
      passed: null,
      medianDaysToReview: null,
    });
    expect(res.body.cohortPage).toEqual({ offset: 0, limit: 50, total: 2 });
    expect(res.body.suppressedCells).toBeGreaterThanOrEqual(7);
  });

  it('pages the cohorts, suppression judged over all of them', async () => {
    const all = await practice(tokens.observer, `territoryId=${commune}`);
    const page = await practice(tokens.observer, `territoryId=${commune}&offset=1&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.cohorts).toEqual([all.body.cohorts[1]]);
    expect(page.body.cohortPage).toEqual({ offset: 1, limit: 1, total: 2 });
    expect(page.body.total).toEqual(all.body.total);
  });

  it('lets an observer of another region see nothing of this one', async () => {
    const [region] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-04'`)) as {
      id: string;
    }[];
    const invite = ok(
      await as('admin', 'POST', '/api/v1/users/invitations', {
        email: `observer.rabat.${randomUUID().slice(0, 6)}@alga.example`,
        displayName: 'Observatrice Rabat',
        role: 'observer',
        territoryId: region!.id,
      }),
      'invite',
    );
    const token = ok(
      await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: (invite.body.link.url as string).split('/').pop(), password: 'observer-rabat-pass' },
      }),
      'accept',
    ).body.accessToken as string;
    for (const territoryId of [commune, province]) {
      const res = await practice(token, `territoryId=${territoryId}`);
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([
        { field: 'territoryId', message: 'Outside your territories', code: 'outside-scope' },
      ]);
    }
    const home = await practice(token, '');
    expect(home.status).toBe(200);
    expect(home.body.territory.id).toBe(region!.id);
    expect(JSON.stringify(home.body)).not.toContain(cohortA);
    expect(JSON.stringify(home.body)).not.toContain(commune);
  });

  it('names no round, file, enrolment, coach, trainer, text or comment', async () => {
    const people = (await t.dataSource.query(
      `SELECT id, email, display_name FROM users WHERE email IN ('coach@example.org', 'trainer@example.org')`,
    )) as { id: string; email: string; display_name: string }[];
    for (const query of [`territoryId=${province}`, `territoryId=${commune}`]) {
      const text = JSON.stringify((await practice(tokens.admin, query)).body);
      for (const secret of [
        ...named,
        ...people.flatMap((p) => [p.id, p.email, p.display_name]),
        'Notre vitrine',
        'À reprendre',
        'Bravo.',
      ])
        expect(text).not.toContain(secret);
    }
  });

  /**
   * A second commune with a cohort of another course, whose rounds were handed in and reviewed in
   * January to March 2026 (the service's clock set, as the app's would read it then):
   *   r1–r5 handed in in January, r1–r4 returned in January after 1, 2, 3 and 4 days, r5 in February
   *   after 5; r6 handed in and returned in February after 10 days; r7 handed in in February and
   *   withdrawn on 1 March; r8 handed in in March and passed after 2 days.
   * So January: 5 handed in, 4 reviewed; February: 1 handed in (r7 taken back from its month), 2
   * reviewed; March: 1 handed in, 1 reviewed, 1 passed.
   */
  describe('within months and for a course', () => {
    let communeM: string;
    let cohortC: string;
    let courseX: string;
    let courseY: string;

    const at = (day: string) => new Date(`${day}T10:00:00Z`);

    beforeAll(async () => {
      [{ course_id: courseX }] = (await t.dataSource.query(`SELECT course_id FROM cohorts WHERE id = $1`, [
        cohortA,
      ])) as { course_id: string }[];
      // Another course: a copy of the first, under another slug and title, with its version 1.
      courseY = randomUUID();
      await t.dataSource.query(
        `INSERT INTO courses
         SELECT (jsonb_populate_record(c, jsonb_build_object('id', $2::uuid, 'slug', 'pratique-mois-' || left($2::text, 8),
                 'title', '{"fr": "Cours du mois"}'::jsonb))).* FROM courses c WHERE c.id = $1`,
        [courseX, courseY],
      );
      await t.dataSource.query(
        `INSERT INTO course_versions (course_id, number, content, content_hash, published_at, published_by)
         SELECT $2, 1, jsonb_set(content, '{title}', '{"fr": "Cours du mois"}'::jsonb), content_hash, published_at,
                published_by FROM course_versions
          WHERE course_id = $1 ORDER BY number LIMIT 1`,
        [courseX, courseY],
      );
      communeM = ok(
        await as('admin', 'POST', '/api/v1/territories', {
          parentId: province,
          level: 'commune',
          name: { fr: `Commune mois ${randomUUID().slice(0, 6)}` },
        }),
        'commune M',
      ).body.id as string;
      const c = await taskCohort(
        t,
        { coach: tokens.coach, trainer: tokens.trainer },
        { courseId: courseY, territoryId: communeM },
      );
      cohortC = c.cohortId;
      const submissions = t.app.get(SubmissionsService);
      const coach = await principalOf(t, 'coach@example.org');
      const trainer = await principalOf(t, 'trainer@example.org');
      let seed = 100;
      const handInAt = async (day: string) => {
        const fileId = await uploadPhoto(t, tokens.coach, c.enrolmentId, PRACTICE_LESSON, seed++);
        const id = randomUUID();
        await submissions.handIn(
          coach,
          c.enrolmentId,
          PRACTICE_LESSON,
          { id, text: 'Notre vitrine numérique en ligne.', fileIds: [fileId] },
          at(day),
        );
        named.push(id, fileId, c.enrolmentId);
        return id;
      };
      const rounds: [string, string, 'revise' | 'pass'][] = [
        ['2026-01-05', '2026-01-06', 'revise'],
        ['2026-01-10', '2026-01-12', 'revise'],
        ['2026-01-15', '2026-01-18', 'revise'],
        ['2026-01-20', '2026-01-24', 'revise'],
        ['2026-01-28', '2026-02-02', 'revise'],
        ['2026-02-05', '2026-02-15', 'revise'],
      ];
      for (const [handedIn, reviewed] of rounds)
        await submissions.review(trainer, await handInAt(handedIn), REVISE as never, at(reviewed));
      const r7 = await handInAt('2026-02-20');
      await submissions.withdraw(coach, c.enrolmentId, PRACTICE_LESSON, r7, at('2026-03-01'));
      await submissions.review(trainer, await handInAt('2026-03-03'), PASS as never, at('2026-03-05'));
      await t.fold();
    }, 240_000);

    const direct = (report: { territories: { key: string }[] }, id: string) =>
      report.territories.find((r) => r.key === id || r.key === `direct:${id}`);

    it('counts each stage in the month it happened, a withdrawal in its hand-in month', async () => {
      const rows = (await t.dataSource.query(
        `SELECT to_char(month, 'YYYY-MM') AS month, handed_in, reviewed, passed FROM practice_cohort_counts
          WHERE cohort_id = $1 ORDER BY month`,
        [cohortC],
      )) as { month: string; handed_in: number; reviewed: number; passed: number }[];
      expect(rows.map((r) => [r.month, r.handed_in, r.reviewed, r.passed])).toEqual([
        ['2026-01', 5, 4, 0],
        ['2026-02', 1, 2, 0],
        ['2026-03', 1, 1, 1],
      ]);
      const days = (await t.dataSource.query(
        `SELECT to_char(month, 'YYYY-MM') AS month, days, n FROM practice_cohort_review_days
          WHERE cohort_id = $1 ORDER BY month, days`,
        [cohortC],
      )) as { month: string; days: number; n: number }[];
      expect(days.map((d) => [d.month, Number(d.days), Number(d.n)])).toEqual([
        ['2026-01', 1, 1],
        ['2026-01', 2, 1],
        ['2026-01', 3, 1],
        ['2026-01', 4, 1],
        ['2026-02', 5, 1],
        ['2026-02', 10, 1],
        ['2026-03', 2, 1],
      ]);
    });

    it('changes the figures with the months, the median from the window’s reviews only', async () => {
      const all = await practice(tokens.observer, `territoryId=${communeM}`);
      expect(all.status).toBe(200);
      // 7 handed in, 7 reviewed, 1 passed (hidden); days 1 2 2 3 4 5 10 → 3.
      expect(all.body.total).toMatchObject({ handedIn: 7, reviewed: 7, passed: null, medianDaysToReview: 3 });
      expect(all.body.filters).toEqual({ territoryId: communeM, from: null, to: null, courseId: null });

      const janFeb = await practice(tokens.observer, `territoryId=${communeM}&from=2026-01&to=2026-02`);
      // 6 handed in (r7's withdrawal taken back in February), 6 reviewed, none passed; days 1 2 3 4 5 10.
      expect(janFeb.body.total).toMatchObject({
        handedIn: 6,
        reviewed: 6,
        passed: 0,
        medianDaysToReview: 3.5,
      });
      expect(janFeb.body.filters).toEqual({
        territoryId: communeM,
        from: '2026-01',
        to: '2026-02',
        courseId: null,
      });
      expect(janFeb.body.cohorts).toEqual([
        expect.objectContaining({
          key: cohortC,
          handedIn: 6,
          reviewed: 6,
          passed: 0,
          medianDaysToReview: 3.5,
        }),
      ]);

      // Nothing of the first commune (all of it handed in and reviewed this month) falls in 2026's first months.
      const province2026 = await practice(tokens.observer, `territoryId=${province}&from=2026-01&to=2026-03`);
      expect(direct(province2026.body, commune)).toMatchObject({ handedIn: 0, reviewed: 0, passed: 0 });
      expect(direct(province2026.body, communeM)).toMatchObject({ handedIn: 7, reviewed: 7 });

      const reversed = await practice(tokens.observer, `territoryId=${communeM}&from=2026-03&to=2026-01`);
      expect(reversed.status).toBe(422);
      expect(reversed.body.errors).toEqual([
        expect.objectContaining({ field: 'to', code: 'months-reversed' }),
      ]);
    });

    it('keeps suppressing small cells within a window', async () => {
      const jan = await practice(tokens.observer, `territoryId=${communeM}&from=2026-01&to=2026-01`);
      expect(jan.status).toBe(200);
      // 5 handed in shown; 4 reviewed below k, and the median of those 4 reviews with them.
      expect(jan.body.total).toMatchObject({
        handedIn: 5,
        reviewed: null,
        passed: 0,
        medianDaysToReview: null,
      });
      expect(jan.body.cohorts).toEqual([
        expect.objectContaining({ key: cohortC, handedIn: 5, reviewed: null, medianDaysToReview: null }),
      ]);
      const march = await practice(tokens.observer, `territoryId=${communeM}&from=2026-03`);
      expect(march.body.total).toMatchObject({
        handedIn: null,
        reviewed: null,
        passed: null,
        medianDaysToReview: null,
      });
      expect(march.body.suppressedCells).toBeGreaterThan(0);
      // At the province, M's 2 hand-ins from February on are small; the first commune's 9 (this month)
      // go with them, else M's would be the total less 9.
      const feb = await practice(tokens.observer, `territoryId=${province}&from=2026-02`);
      expect(direct(feb.body, communeM)).toMatchObject({ handedIn: null, reviewed: null, passed: null });
      expect(direct(feb.body, commune)).toMatchObject({ handedIn: null, reviewed: null, passed: null });
      expect(feb.body.total).toMatchObject({ handedIn: 11, reviewed: 11, passed: null });
    });

    it('follows the course: its cohorts only, and no course without cohorts here', async () => {
      const y = await practice(tokens.observer, `territoryId=${province}&courseId=${courseY}`);
      expect(y.status).toBe(200);
      expect(y.body.course).toEqual({ id: courseY, title: { fr: 'Cours du mois' } });
      expect(direct(y.body, commune)).toMatchObject({ handedIn: 0, reviewed: 0 });
      expect(direct(y.body, communeM)).toMatchObject({ handedIn: 7, reviewed: 7 });
      expect(y.body.cohorts.map((r: { key: string }) => r.key)).toEqual([cohortC]);
      const x = await practice(tokens.observer, `territoryId=${province}&courseId=${courseX}`);
      expect(direct(x.body, commune)).toMatchObject({ handedIn: 9, reviewed: 8 });
      expect(direct(x.body, communeM)).toMatchObject({ handedIn: 0, reviewed: 0 });
      expect(x.body.cohorts.map((r: { key: string }) => r.key)).not.toContain(cohortC);
      const both = await practice(
        tokens.observer,
        `territoryId=${province}&courseId=${courseY}&from=2026-02&to=2026-02`,
      );
      // February of course Y: 1 handed in, 2 reviewed (both small).
      expect(direct(both.body, communeM)).toMatchObject({ handedIn: null, reviewed: null });
      const elsewhere = await practice(tokens.observer, `territoryId=${commune}&courseId=${courseY}`);
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.errors).toEqual([
        expect.objectContaining({ field: 'courseId', code: 'course-not-in-territory' }),
      ]);
    });

    it('exports the filtered figures, suppressed, as CSV and XLSX, naming nobody', async () => {
      const csv = await practice(
        tokens.observer,
        `territoryId=${communeM}&from=2026-01&to=2026-01&format=csv&lang=en`,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="practice-[\w-]+\.csv"/);
      const lines = csv.raw
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/);
      expect(lines[0]).toBe('Observatory — field practice');
      expect(lines).toContain('From (month): 2026-01');
      expect(lines).toContain('Table,Name,Handed in,Reviewed,Passed,Median days to review');
      const cohortLine = lines.find((l) => l.startsWith('Cohort,'));
      expect(cohortLine).toMatch(/^Cohort,Pratique [^,]+,5,< 5,0,$/);
      expect(lines).toContain(',Total,5,< 5,0,');
      for (const l of lines) expect(l).not.toMatch(/^"?[=+\-@]/);

      const xlsx = await practice(
        tokens.observer,
        `territoryId=${province}&courseId=${courseY}&format=xlsx&lang=ar`,
      );
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('المرصد');
      expect(sheet.views[0]?.rightToLeft).toBe(true);
      const cells: string[][] = [];
      sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(cells[0]?.[0]).toBe('المرصد — الممارسة الميدانية');
      expect(cells.some((r) => r.includes('مسلَّمة') && r.includes('الأيام الوسيطة قبل المراجعة'))).toBe(true);
      expect(cells.some((r) => r[0]?.startsWith('الدورة: Cours du mois'))).toBe(true);
      // The commune's row: 7 handed in and reviewed, the 1 passed hidden, median 3 days.
      const m = cells.find((r) => r[0] === 'المجال الترابي' && r[1]?.startsWith('Commune mois'));
      expect(m?.slice(2)).toEqual(['7', '7', '< 5', '3']);

      const people = (await t.dataSource.query(
        `SELECT id, email, display_name FROM users WHERE email IN ('coach@example.org', 'trainer@example.org')`,
      )) as { id: string; email: string; display_name: string }[];
      const files = [csv.raw.toString('utf8'), cells.flat().join('\n')];
      for (const text of files)
        for (const secret of [
          ...named,
          ...people.flatMap((p) => [p.id, p.email, p.display_name]),
          'Notre vitrine',
          'À reprendre',
          'Bravo.',
        ])
          expect(text).not.toContain(secret);
    });

    it('rebuilds the same months from the rounds and reviews when migrated', async () => {
      const before = await t.dataSource.query(
        `SELECT cohort_id, month, handed_in, reviewed, passed FROM practice_cohort_counts WHERE cohort_id = $1 ORDER BY month`,
        [cohortC],
      );
      const beforeDays = await t.dataSource.query(
        `SELECT cohort_id, month, days, n FROM practice_cohort_review_days WHERE cohort_id = $1 ORDER BY month, days`,
        [cohortC],
      );
      // A and B's rounds were moved back after their hand-in: only their all-time sums must hold.
      const sums = () =>
        t.dataSource.query(
          `SELECT cohort_id, sum(handed_in)::int AS h, sum(reviewed)::int AS r, sum(passed)::int AS p
             FROM practice_cohort_counts WHERE cohort_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
          [[cohortA, cohortB, cohortC]],
        );
      const sumsBefore = await sums();
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const migration = new AddPracticeMonths1765440000000();
        await migration.down(runner);
        await migration.up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(
        await t.dataSource.query(
          `SELECT cohort_id, month, handed_in, reviewed, passed FROM practice_cohort_counts WHERE cohort_id = $1 ORDER BY month`,
          [cohortC],
        ),
      ).toEqual(before);
      expect(
        await t.dataSource.query(
          `SELECT cohort_id, month, days, n FROM practice_cohort_review_days WHERE cohort_id = $1 ORDER BY month, days`,
          [cohortC],
        ),
      ).toEqual(beforeDays);
      expect(await sums()).toEqual(sumsBefore);
    });
  });
});
