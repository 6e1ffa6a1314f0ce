import { createTestApp, type TestApp } from '@tc/shared/testing';

/**
 * The trainer's queue is right with 10,000 rounds in one territory, all in the cohort asked for (the
 * worst case): oldest first, the counts, the keyset page after the first, the module filter. How fast
 * it answers is measured by `npm run bench:practice` (tools/bench/practice.ts), not here.
 */
describe('the review queue with 10,000 rounds (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let cohortId: string;

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const coach = (await t.signIn('coach@example.org')).accessToken;
    const [course] = (await t.dataSource.query(`SELECT id FROM courses LIMIT 1`)) as { id: string }[];
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Revue à grande échelle',
        courseId: course!.id,
        courseVersion: 1,
        territoryId: oriental!.id,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    const mine = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body as {
      enrolmentId: string;
      cohortId: string;
    }[];
    const [enrolment] = (await t.dataSource.query(
      `SELECT id, cohort_id, user_id FROM enrolments WHERE id = $1`,
      [mine.find((e) => e.cohortId === cohort.body.id)?.enrolmentId],
    )) as { id: string; cohort_id: string; user_id: string }[];
    if (!enrolment) throw new Error('the coach was not enrolled');
    cohortId = enrolment.cohort_id;
    // 10,000 rounds of distinct tasks over ten modules, a third of each status, a minute apart.
    await t.dataSource.query(
      `INSERT INTO practice_submissions (id, enrolment_id, lesson_key, coach_id, cohort_id, module_key, round, status, text, handed_in_at)
       SELECT gen_random_uuid(), $1, 'task-' || g, $2, $3, 'm' || (g % 10), 1,
              (ARRAY['waiting', 'returned', 'passed'])[1 + g % 3], 'Rendu ' || g,
              now() - make_interval(mins => 20000 - g)
         FROM generate_series(1, 10000) AS g`,
      [enrolment.id, enrolment.user_id, cohortId],
    );
    await t.dataSource.query('ANALYZE practice_submissions');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const url = () => `/api/v1/cohorts/${cohortId}/practice/queue?status=waiting&limit=20`;
  type Item = { handedInAt: string; moduleKey: string; submissionId: string };

  it('answers the waiting rounds oldest first, with the counts of each status', async () => {
    const first = await t.request('GET', url(), { token: trainer });
    expect(first.status).toBe(200);
    // g % 3 = 0 is waiting, 1 returned, 2 passed: 3,333 / 3,334 / 3,333 of the 10,000.
    expect(first.body.counts).toMatchObject({ waiting: 3333, returned: 3334, passed: 3333 });
    expect(first.body.items).toHaveLength(20);
    const times = (first.body.items as Item[]).map((i) => i.handedInAt);
    expect([...times].sort()).toEqual(times);
  });

  it('continues the next page after the last item of the first, with no overlap', async () => {
    const first = await t.request('GET', url(), { token: trainer });
    const next = await t.request('GET', `${url()}&cursor=${first.body.nextCursor}`, { token: trainer });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(20);
    const a = first.body.items as Item[];
    const b = next.body.items as Item[];
    expect(b[0]!.handedInAt > a[19]!.handedInAt).toBe(true);
    const ids = new Set(a.map((i) => i.submissionId));
    expect(b.some((i) => ids.has(i.submissionId))).toBe(false);
  });

  it('filters by module, still oldest first', async () => {
    const res = await t.request('GET', `${url()}&moduleKey=m3`, { token: trainer });
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items).toHaveLength(20);
    expect(items.every((i) => i.moduleKey === 'm3')).toBe(true);
    const times = items.map((i) => i.handedInAt);
    expect([...times].sort()).toEqual(times);
  });
});
