import { randomUUID } from 'node:crypto';
import { PRACTICE_LESSON, REVISE, taskCohort, uploadPhoto } from '../testing/practice-world';
import { createTestApp, type TestApp, type TestResponse } from '../testing/test-app';

const PASS = {
  decision: 'pass',
  scores: [{ criterionKey: 'vitrine', levelKey: 'lisible' }],
  comment: 'Bravo.',
};

/**
 * The observatory's field practice: rounds handed in → reviewed → passed per territory (rolled up the
 * tree) and per cohort, and the median days from hand-in to review from the cohorts' histograms, which
 * the review appends in its transaction and the app's folder applies. Small cells are suppressed (with
 * a second cell beside a shown total); no round, coach or trainer is ever named.
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
});
