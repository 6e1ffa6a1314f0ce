import { randomUUID } from 'node:crypto';
import type { CohortTaskStates } from '@tc/shared/contracts';
import { PRACTICE_LESSON, REVISE, taskCohort, uploadPhoto } from '../testing/practice-world';
import { createTestApp, type TestApp, type TestResponse } from '../testing/test-app';

const PASS = {
  decision: 'pass',
  scores: [{ criterionKey: 'vitrine', levelKey: 'lisible' }],
  comment: 'Bravo.',
};

/**
 * The roster's task column: `GET /cohorts/:id/task-states` lists the tasks of the cohort's version and
 * each coach's latest round that was not withdrawn (waiting, returned, passed); a coach with nothing
 * handed in is not listed. Only those who run the cohort read it.
 */
describe("a cohort's task states for its roster (real database)", () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let cohortId: string;
  /** Enrolment ids by coach. */
  const enrolments: Record<string, string> = {};

  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const as = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: tokens[who] as string, ...(body !== undefined ? { body } : {}) });
  let seed = 1;
  const handIn = async (who: string): Promise<string> => {
    const enrolmentId = enrolments[who] as string;
    const fileId = await uploadPhoto(t, tokens[who] as string, enrolmentId, PRACTICE_LESSON, seed++);
    return ok(
      await as(who, 'POST', `/api/v1/enrolments/${enrolmentId}/tasks/${PRACTICE_LESSON}/submissions`, {
        id: randomUUID(),
        text: 'Notre vitrine numérique en ligne.',
        fileIds: [fileId],
      }),
      'hand in',
    ).body.id as string;
  };
  const review = async (id: string, decision: typeof REVISE | typeof PASS) =>
    ok(await as('trainer', 'POST', `/api/v1/practice/submissions/${id}/review`, decision), 'review');

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['coach', 'trainer', 'admin'] as const)
      tokens[who] = (await t.signIn(`${who}@example.org`)).accessToken;
    const [course] = (await t.dataSource.query(`SELECT id FROM courses LIMIT 1`)) as { id: string }[];
    const territories = (await t.dataSource.query(
      `SELECT id, code FROM territories WHERE code IN ('MA-02', 'MA-09')`,
    )) as { id: string; code: string }[];
    const oriental = territories.find((r) => r.code === 'MA-02')?.id as string;
    const away = territories.find((r) => r.code === 'MA-09')?.id as string;
    // Two more coaches of L'Oriental, and a trainer and an admin of another region.
    for (const [who, role, territoryId] of [
      ['coachTwo', 'coach', oriental],
      ['coachThree', 'coach', oriental],
      ['trainerAway', 'trainer', away],
      ['adminAway', 'admin', away],
    ] as const) {
      const invite = ok(
        await as('admin', 'POST', '/api/v1/users/invitations', {
          email: `${who.toLowerCase()}@task-states.test`,
          displayName: `Personne ${who}`,
          role,
          territoryId,
          preferredLanguage: 'fr',
        }),
        `invite ${who}`,
      );
      const accepted = ok(
        await t.request('POST', '/api/v1/auth/links/accept', {
          body: { token: String(invite.body.link.url).split('/').pop(), password: 'task-states-2026' },
        }),
        `accept ${who}`,
      );
      tokens[who] = accepted.body.accessToken as string;
    }
    const cohort = await taskCohort(
      t,
      { coach: tokens['coach'] as string, trainer: tokens['trainer'] as string },
      { courseId: course!.id, territoryId: oriental },
    );
    cohortId = cohort.cohortId;
    enrolments['coach'] = cohort.enrolmentId;
    ok(
      await as('trainer', 'POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
        emails: ['coachtwo@task-states.test', 'coachthree@task-states.test'],
      }),
      'enrol',
    );
    for (const who of ['coachTwo', 'coachThree']) {
      const mine = ok(await as(who, 'GET', '/api/v1/me/enrolments'), 'mine').body as {
        enrolmentId: string;
        cohortId: string;
      }[];
      enrolments[who] = mine.find((e) => e.cohortId === cohortId)?.enrolmentId as string;
    }
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  const states = async (who = 'trainer'): Promise<CohortTaskStates> =>
    ok(await as(who, 'GET', `/api/v1/cohorts/${cohortId}/task-states`), 'task states').body;
  const byEnrolment = (body: CohortTaskStates) =>
    Object.fromEntries(body.enrolments.map((e) => [e.enrolmentId, e.states]));

  it("lists the version's tasks and nobody before a hand-in", async () => {
    const body = await states();
    expect(body.cohortId).toBe(cohortId);
    // The demo course's own tasks come first; the spec's task is the last module's.
    expect(body.tasks.at(-1)).toEqual({
      moduleKey: 'pratique-spec',
      lessonKey: PRACTICE_LESSON,
      title: { fr: 'La vitrine' },
      required: true,
    });
    expect(body.enrolments).toEqual([]);
  });

  it('gives each coach their latest round: waiting, returned (a withdrawn round after it skipped), passed', async () => {
    // Salma: handed in, waiting.
    await handIn('coach');
    // Coach two: returned, then handed in again and withdrawn: still returned.
    await review(await handIn('coachTwo'), REVISE);
    const again = await handIn('coachTwo');
    ok(
      await as(
        'coachTwo',
        'DELETE',
        `/api/v1/enrolments/${enrolments['coachTwo']}/tasks/${PRACTICE_LESSON}/submissions/${again}`,
      ),
      'withdraw',
    );
    // Coach three: returned once, then passed.
    await review(await handIn('coachThree'), REVISE);
    await review(await handIn('coachThree'), PASS);

    const body = await states();
    expect(byEnrolment(body)).toEqual({
      [enrolments['coach'] as string]: { [PRACTICE_LESSON]: 'waiting' },
      [enrolments['coachTwo'] as string]: { [PRACTICE_LESSON]: 'returned' },
      [enrolments['coachThree'] as string]: { [PRACTICE_LESSON]: 'passed' },
    });
    // An admin of the territory reads the same.
    expect(byEnrolment(await states('admin'))).toEqual(byEnrolment(body));
  });

  it('a coach whose only round was withdrawn has handed in nothing', async () => {
    expect(Object.keys(byEnrolment(await states()))).toHaveLength(3);
    // The coach takes back the round that waits (their only one).
    const res = await as(
      'coach',
      'GET',
      `/api/v1/enrolments/${enrolments['coach']}/tasks/${PRACTICE_LESSON}`,
    );
    const waiting = (res.body.submissions as { id: string; status: string }[]).find(
      (s) => s.status === 'waiting',
    )?.id;
    ok(
      await as(
        'coach',
        'DELETE',
        `/api/v1/enrolments/${enrolments['coach']}/tasks/${PRACTICE_LESSON}/submissions/${waiting}`,
      ),
      'withdraw',
    );
    const after = byEnrolment(await states());
    expect(after[enrolments['coach'] as string]).toBeUndefined();
    expect(Object.keys(after).sort()).toEqual(
      [enrolments['coachTwo'] as string, enrolments['coachThree'] as string].sort(),
    );
  });

  it('answers only those who run the cohort: others are told it does not exist', async () => {
    expect((await as('trainerAway', 'GET', `/api/v1/cohorts/${cohortId}/task-states`)).status).toBe(404);
    expect((await as('adminAway', 'GET', `/api/v1/cohorts/${cohortId}/task-states`)).status).toBe(404);
    // A coach has no trainer's role: refused before the cohort is looked at.
    expect((await as('coach', 'GET', `/api/v1/cohorts/${cohortId}/task-states`)).status).toBe(403);
    expect((await as('trainer', 'GET', `/api/v1/cohorts/${randomUUID()}/task-states`)).status).toBe(404);
  });
});
