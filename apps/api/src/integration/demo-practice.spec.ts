import type { CourseContent } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { seedDemoPractice } from '@tc/demo/api';
import { EvidenceService, SubmissionsService } from '@tc/practice/api';
import { taskCohort } from '../testing/practice-world';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * The demo's practice: on a course with a practical task, the demo coach's round (three generated
 * photos without EXIF, and a text) returned by the demo trainer with feedback, in the trainer's queue.
 */
describe('demo data: a round of the practical task, returned for revision (real database)', () => {
  let t: TestApp;
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
    const { cohortId, enrolmentId } = await taskCohort(
      t,
      { coach, trainer },
      { courseId: course!.id, territoryId: oriental!.id },
    );
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 ORDER BY number DESC LIMIT 1`,
      [course!.id],
    )) as { content: CourseContent }[];
    // The principals as the auth guard builds them, for the services the demo seed calls.
    const principal = async (email: string): Promise<AuthPrincipal> => {
      const rows = (await t.dataSource.query(
        `SELECT u.id AS user_id, ra.id, ra.role, ra.territory_id, tr.path
           FROM users u JOIN role_assignments ra ON ra.user_id = u.id JOIN territories tr ON tr.id = ra.territory_id
          WHERE u.email = $1`,
        [email],
      )) as {
        user_id: string;
        id: string;
        role: AuthPrincipal['roles'][number]['role'];
        territory_id: string;
        path: string;
      }[];
      return {
        userId: rows[0]!.user_id,
        email,
        roles: rows.map((r) => ({
          assignmentId: r.id,
          role: r.role,
          territoryId: r.territory_id,
          territoryPath: r.path,
        })),
      };
    };
    await seedDemoPractice(
      { evidence: t.app.get(EvidenceService), submissions: t.app.get(SubmissionsService) },
      { coach: await principal('coach@example.org'), trainer: await principal('trainer@example.org') },
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
});
