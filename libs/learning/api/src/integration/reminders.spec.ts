import type { CourseContent } from '@tc/shared/contracts';
import { createTestApp, invitedPerson, type TestApp } from '@tc/shared/testing';
import { RemindersService } from '../index';

const PASSWORD = 'reminders-password-2026';
/** The scan's clock: deadlines are set around this day. */
const NOW = new Date('2026-03-10T12:00:00Z');

describe('deadline reminders and overdue notices, told by themselves (real database)', () => {
  let t: TestApp;
  let reminders: RemindersService;
  let admin: string;
  let trainer: string;
  let cohortId: string;
  let modules: CourseContent['modules'];
  const enrolment: Record<'coach' | 'second' | 'withdrawn', string> = {
    coach: '',
    second: '',
    withdrawn: '',
  };

  const told = async () =>
    (await t.dataSource.query(
      `SELECT e.label, n.kind, n.moment, n.params
         FROM notifications n
         JOIN (SELECT unnest($1::uuid[]) AS id, unnest($2::text[]) AS label) e ON e.id = n.subject_id
        WHERE n.kind IN ('deadline.soon', 'module.overdue')
        ORDER BY e.label, n.kind, n.moment`,
      [Object.values(enrolment), Object.keys(enrolment)],
    )) as { label: string; kind: string; moment: string; params: Record<string, unknown> }[];
  const setDeadlines = (deadlines: { moduleKey: string; dueOn?: string; daysAfterStart?: number }[]) =>
    t.dataSource.query(`UPDATE cohorts SET deadlines = $2::jsonb WHERE id = $1`, [
      cohortId,
      JSON.stringify(deadlines),
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    reminders = t.app.get(RemindersService);
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const [territory] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    for (const email of ['second@reminders.test', 'withdrawn@reminders.test'])
      await invitedPerson(
        t,
        admin,
        { email, displayName: email.split('@')[0]!, role: 'coach', territoryId: territory!.id },
        PASSWORD,
      );
    const courses = (await t.request('GET', '/api/v1/courses?scope=published', { token: trainer })).body as {
      id: string;
    }[];
    const courseId = courses[0]!.id;
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 AND number = 1`,
      [courseId],
    )) as { content: CourseContent }[];
    modules = version!.content.modules.filter((m) => m.lessons.length > 0);
    expect(modules.length).toBeGreaterThanOrEqual(3);
    const created = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Rappels Oriental',
        courseId,
        courseVersion: 1,
        territoryId: territory!.id,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org', 'second@reminders.test', 'withdrawn@reminders.test'] },
    });
    expect(enrolled.status).toBeLessThan(300);
    const rows = (await t.dataSource.query(
      `SELECT e.id, u.email FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.cohort_id = $1`,
      [cohortId],
    )) as { id: string; email: string }[];
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    enrolment.coach = byEmail.get('coach@example.org')!;
    enrolment.second = byEmail.get('second@reminders.test')!;
    enrolment.withdrawn = byEmail.get('withdrawn@reminders.test')!;
    await t.dataSource.query(`UPDATE enrolments SET status = 'withdrawn' WHERE id = $1`, [
      enrolment.withdrawn,
    ]);
    await t.dataSource.query(`UPDATE cohorts SET status = 'running' WHERE id = $1`, [cohortId]);
    // The coach has done every lesson of the first module.
    for (const lesson of modules[0]!.lessons)
      await t.dataSource.query(
        `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at)
         VALUES ($1, $2, now(), now(), now())`,
        [enrolment.coach, lesson.key],
      );
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('tells the coaches with a module due soon or overdue and not done, once, however many scans run at once', async () => {
    const [soon, overdue, later] = modules as [(typeof modules)[0], (typeof modules)[0], (typeof modules)[0]];
    await setDeadlines([
      { moduleKey: soon.key, dueOn: '2026-03-11' },
      // Relative to the start (2026-01-01): 2026-03-05, five days ago.
      { moduleKey: overdue.key, daysAfterStart: 63 },
      { moduleKey: later.key, dueOn: '2026-03-20' },
    ]);
    // Two scans at the same time (two replicas), then a third: one notification each.
    await Promise.all([reminders.runScan(NOW), reminders.runScan(NOW)]);
    expect(await reminders.runScan(NOW)).toBe(0);
    const rows = await told();
    expect(rows.map((r) => [r.label, r.kind, r.moment])).toEqual([
      // The coach finished the module due soon: only the overdue one.
      ['coach', 'module.overdue', `${overdue.key}@2026-03-05`],
      ['second', 'deadline.soon', `${soon.key}@2026-03-11`],
      ['second', 'module.overdue', `${overdue.key}@2026-03-05`],
      // Withdrawn: nothing.
    ]);
    expect(rows[1]!.params).toEqual({
      moduleTitle: soon.title,
      courseTitle: expect.objectContaining({ fr: expect.any(String) }),
      dueOn: '2026-03-11',
      enrolmentId: enrolment.second,
    });
    // Each with its delivery job.
    const [jobs] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications n
         JOIN pgboss.job j ON j.name = 'notifications.deliver' AND j.data->>'notificationId' = n.id::text
        WHERE n.subject_id = ANY($1::uuid[]) AND n.kind IN ('deadline.soon', 'module.overdue')`,
      [Object.values(enrolment)],
    )) as { n: number }[];
    expect(jobs!.n).toBe(3);
  }, 60_000);

  it('tells again for a moved deadline, and nothing for a module done meanwhile', async () => {
    const [, overdue] = modules as [(typeof modules)[0], (typeof modules)[0]];
    await setDeadlines([{ moduleKey: overdue.key, dueOn: '2026-03-08' }]);
    for (const lesson of overdue.lessons)
      await t.dataSource.query(
        `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at)
         VALUES ($1, $2, now(), now(), now())`,
        [enrolment.second, lesson.key],
      );
    await reminders.runScan(NOW);
    expect(await reminders.runScan(NOW)).toBe(0);
    const moved = (await told()).filter((r) => r.moment === `${overdue.key}@2026-03-08`);
    expect(moved.map((r) => [r.label, r.kind])).toEqual([['coach', 'module.overdue']]);
    // A deadline weeks old (a first scan after a long pause) is not news any more.
    await setDeadlines([{ moduleKey: overdue.key, dueOn: '2026-01-15' }]);
    await reminders.runScan(NOW);
    expect((await told()).filter((r) => r.moment.endsWith('@2026-01-15'))).toEqual([]);
  }, 60_000);
});
