import type { CourseContent } from '@tc/shared/contracts';
import { DEMO_PEERS, seedDemoPractice, seedDemoQueue } from '@tc/demo/api';
import { EvidenceService, SubmissionsService } from '@tc/practice/api';
import { taskCohort } from '../testing/practice-world';
import { createTestApp, type TestApp } from '../testing/test-app';
import { principalOf } from '../testing/principals';

/**
 * The demo's practice: on a course with a practical task, the demo coach's round (three generated
 * photos without EXIF, and a text) returned by the demo trainer with feedback, in the trainer's queue;
 * then the other demo coaches' rounds: two waiting for the trainer (oldest first), one passed.
 */
describe('demo data: a round of the practical task, returned for revision (real database)', () => {
  let t: TestApp;
  /** The cohort of the first case, and its version's content. */
  let cohortId: string;
  let content: CourseContent;
  afterAll(async () => {
    await t?.close();
  });

  it('hands in three photos and a text, returns them with feedback, and the queue shows it', async () => {
    t = await createTestApp();
    const coach = (await t.signIn('coach@example.org')).accessToken;
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const [course] = (await t.dataSource.query(`SELECT id FROM courses LIMIT 1`)) as { id: string }[];
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const made = await taskCohort(t, { coach, trainer }, { courseId: course!.id, territoryId: oriental!.id });
    cohortId = made.cohortId;
    const enrolmentId = made.enrolmentId;
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 ORDER BY number DESC LIMIT 1`,
      [course!.id],
    )) as { content: CourseContent }[];
    content = version!.content;
    await seedDemoPractice(
      { evidence: t.app.get(EvidenceService), submissions: t.app.get(SubmissionsService) },
      {
        coach: await principalOf(t, 'coach@example.org'),
        trainer: await principalOf(t, 'trainer@example.org'),
      },
      enrolmentId,
      version!.content,
    );
    const queue = await t.request('GET', `/api/v1/cohorts/${cohortId}/practice/queue?status=returned`, {
      token: trainer,
    });
    expect(queue.body.items).toEqual([expect.objectContaining({ enrolmentId, round: 1, fileCount: 3 })]);
    const state = await t.request(
      'GET',
      `/api/v1/enrolments/${enrolmentId}/tasks/${queue.body.items[0].lessonKey}`,
      { token: coach },
    );
    expect(state.body.status).toBe('returned');
    const [round] = state.body.submissions;
    expect(round.text).toMatch(/catalogue WhatsApp Business/);
    expect(round.review).toMatchObject({ decision: 'revise', comment: expect.stringMatching(/Bon début/) });
    expect(round.files.map((f: { mediaType: string }) => f.mediaType)).toEqual([
      'image/jpeg',
      'image/jpeg',
      'image/jpeg',
    ]);
  });

  it('the other demo coaches fill the queue: two rounds wait, one passed, and the roster says so', async () => {
    const admin = (await t.signIn('admin@example.org')).accessToken;
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    // The demo's coaches as the seed makes them: coaches of L'Oriental, enrolled in the cohort.
    for (const peer of DEMO_PEERS) {
      const invite = await t.request('POST', '/api/v1/users/invitations', {
        token: admin,
        body: {
          email: peer.email,
          displayName: peer.displayName,
          role: 'coach',
          territoryId: oriental!.id,
          preferredLanguage: 'fr',
        },
      });
      expect(invite.status).toBe(201);
      const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: String(invite.body.link.url).split('/').pop(), password: 'demo-password-2026' },
      });
      expect(accepted.status).toBeLessThan(300);
    }
    const enrol = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: DEMO_PEERS.map((p) => p.email) },
    });
    expect(enrol.status).toBeLessThan(300);
    const rounds = [];
    for (const peer of DEMO_PEERS) {
      const coach = await principalOf(t, peer.email);
      const [enrolment] = (await t.dataSource.query(
        `SELECT id FROM enrolments WHERE cohort_id = $1 AND user_id = $2`,
        [cohortId, coach.userId],
      )) as { id: string }[];
      rounds.push({ coach, enrolmentId: enrolment!.id, ...peer.round });
    }
    await seedDemoQueue(
      { evidence: t.app.get(EvidenceService), submissions: t.app.get(SubmissionsService) },
      await principalOf(t, 'trainer@example.org'),
      rounds,
      content,
    );

    const queue = async (status: string) =>
      (
        await t.request('GET', `/api/v1/cohorts/${cohortId}/practice/queue?status=${status}`, {
          token: trainer,
        })
      ).body as { items: { coachName: string; fileCount: number; round: number }[]; counts: object };
    const waiting = await queue('waiting');
    // Oldest first: Hamza handed in two days ago, Imane yesterday.
    expect(waiting.items.map((i) => [i.coachName, i.round, i.fileCount])).toEqual([
      ['Hamza El Idrissi', 1, 3],
      ['Imane Bouzidi', 1, 3],
    ]);
    expect(waiting.counts).toEqual({ waiting: 2, returned: 1, passed: 1 });
    expect((await queue('passed')).items.map((i) => i.coachName)).toEqual(['Khadija Ziani']);

    // The roster's task column: every state of the task among the cohort's four coaches (the demo's
    // rounds are of the course's first task).
    const states = await t.request('GET', `/api/v1/cohorts/${cohortId}/task-states`, { token: trainer });
    const lessonKey = states.body.tasks[0].lessonKey as string;
    const byEnrolment = Object.fromEntries(
      (states.body.enrolments as { enrolmentId: string; states: Record<string, string> }[]).map((e) => [
        e.enrolmentId,
        e.states[lessonKey],
      ]),
    );
    expect(Object.values(byEnrolment).sort()).toEqual(['passed', 'returned', 'waiting', 'waiting']);
    expect(byEnrolment[rounds[2]!.enrolmentId]).toBe('passed');
  });
});
