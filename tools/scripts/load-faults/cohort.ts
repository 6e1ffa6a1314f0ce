/**
 * The load's cohort: the demo trainer signs in, brings in the demo course file as a course of the run
 * (its practical task taking 1 to 3 photos and a text) and publishes it, creates a cohort of it and
 * imports the simulated coaches by CSV; each coach signs in and finds its enrolment, and the course's
 * lessons are read once, for the coaches to move through.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { CourseFile } from '../../../libs/shared/contracts/src/lib/catalog';
import type { MyEnrolment } from '../../../libs/shared/contracts/src/lib/cohorts';
import type { LearnerCourse } from '../../../libs/shared/contracts/src/lib/learning';
import { Coach, type Lesson } from './coaches';
import { COACHES, PASSWORD, ROOT } from './config';
import { http, pool } from './http';
import type { TaskLesson } from './practice';

/** The demo trainer's access token. */
export async function signInTrainer(base: string): Promise<string> {
  const trainer = await http<{ accessToken: string }>(base, 'POST', '/api/v1/auth/sign-in', {
    body: { email: 'trainer@example.org', password: PASSWORD },
  });
  if (!trainer.body) throw new Error(`trainer sign-in: ${trainer.status}`);
  return trainer.body.accessToken;
}

/**
 * The run's course, as a trainer brings in a course file (`POST /courses/import`) and publishes it: the
 * demo course under its own slug, its practical task taking a text and 1 to 3 photos (the demo's takes
 * 3 to 6), not required for the course. Answers the course, its version and the task.
 */
async function publishCourse(
  base: string,
  trainerToken: string,
): Promise<{ courseId: string; version: number; task: TaskLesson }> {
  const file = JSON.parse(
    readFileSync(join(ROOT, 'libs/demo/api/src/assets/demo-course.json'), 'utf8'),
  ) as CourseFile;
  file.slug = `load-faults-${randomBytes(4).toString('hex')}`;
  const lesson = file.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'task' && l.task);
  if (!lesson?.task) throw new Error('the demo course has no practical task');
  lesson.task = {
    ...lesson.task,
    evidence: [
      { kind: 'text', min: 1, max: 1 },
      { kind: 'photo', min: 1, max: 3 },
    ],
    required: false,
  };
  const draft = await http<{ id: string }>(base, 'POST', '/api/v1/courses/import', {
    token: trainerToken,
    body: file,
  });
  if (!draft.body?.id) throw new Error(`course import: ${draft.status} ${JSON.stringify(draft.body)}`);
  const published = await http<{ number: number }>(base, 'POST', `/api/v1/courses/${draft.body.id}/publish`, {
    token: trainerToken,
  });
  if (!published.body?.number)
    throw new Error(`course publish: ${published.status} ${JSON.stringify(published.body)}`);
  return {
    courseId: draft.body.id,
    version: published.body.number,
    task: { key: lesson.key, task: lesson.task },
  };
}

/** COACHES coaches enrolled in a new cohort of the run's course (the trainer's CSV import), signed in. */
export async function enrolCoaches(
  base: string,
  ds: DataSource,
  trainerToken: string,
  since0: () => string,
): Promise<{ cohortId: string; lessons: Lesson[]; coaches: Coach[]; task: TaskLesson }> {
  const course = await publishCourse(base, trainerToken);
  const [territory] = (await ds.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[];
  const cohort = await http<{ id: string }>(base, 'POST', '/api/v1/cohorts', {
    token: trainerToken,
    body: {
      name: `Load ${new Date().toISOString()}`,
      courseId: course.courseId,
      courseVersion: course.version,
      territoryId: territory?.id,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  if (!cohort.body?.id) throw new Error(`cohort: ${cohort.status} ${JSON.stringify(cohort.body)}`);
  const cohortId = cohort.body.id;
  const emails = Array.from({ length: COACHES }, (_, i) => `load${i}@coop.ma`);
  const importStarted = Date.now();
  const imported = await http<{ created?: number }>(
    base,
    'POST',
    `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=false`,
    {
      token: trainerToken,
      csv: ['email,full name,territory code', ...emails.map((e, i) => `${e},Load Coach ${i},MA-BER`)].join(
        '\n',
      ),
    },
  );
  if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
  // Imported addresses are invited (no password, no role, no enrolment until they accept): give them
  // the demo password and the coach role of MA-02 directly, then import again, which enrols coaches of
  // the cohort's territory at once.
  await ds.query(
    `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'coach@example.org') WHERE email = ANY($1)`,
    [emails],
  );
  await ds.query(
    `INSERT INTO role_assignments (user_id, role, territory_id)
     SELECT id, 'coach', $2 FROM users WHERE email = ANY($1)
     ON CONFLICT ON CONSTRAINT uq_role_assignment DO NOTHING`,
    [emails, territory?.id],
  );
  const enrolled = await http<unknown>(
    base,
    'POST',
    `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=false`,
    {
      token: trainerToken,
      csv: ['email,full name,territory code', ...emails.map((e, i) => `${e},Load Coach ${i},MA-BER`)].join(
        '\n',
      ),
    },
  );
  if (enrolled.status !== 200) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const importSeconds = (Date.now() - importStarted) / 1000;
  const signInStarted = Date.now();
  const sessions = await pool(emails, 8, async (email) => {
    const res = await http<{ accessToken: string }>(base, 'POST', '/api/v1/auth/sign-in', {
      body: { email, password: PASSWORD },
    });
    if (res.status !== 200 || !res.body) throw new Error(`sign-in of ${email}: ${res.status}`);
    const mine = await http<MyEnrolment[]>(base, 'GET', '/api/v1/me/enrolments', {
      token: res.body.accessToken,
    });
    const enrolment = mine.body?.find((e) => e.cohortId === cohortId);
    if (!enrolment) throw new Error(`${email} has no enrolment in the load cohort`);
    return { email, token: res.body.accessToken, enrolmentId: enrolment.enrolmentId };
  });
  const signInSeconds = (Date.now() - signInStarted) / 1000;
  const first = sessions[0] as (typeof sessions)[number];
  const learner = await http<LearnerCourse>(base, 'GET', `/api/v1/enrolments/${first.enrolmentId}`, {
    token: first.token,
  });
  const lessons: Lesson[] = (learner.body?.course.modules ?? []).flatMap((m) =>
    m.lessons.map((l) => ({ key: l.key, kind: l.kind })),
  );
  if (!lessons.length) throw new Error('the demo course has no lesson');
  const coaches = sessions.map((s) => new Coach(base, s.email, s.token, s.enrolmentId, lessons));
  console.log(
    `${coaches.length} coaches enrolled (CSV import ${importSeconds.toFixed(1)} s) and signed in (${signInSeconds.toFixed(1)} s) after ${since0()}; ${lessons.length} lessons; load starts`,
  );
  return { cohortId, lessons, coaches, task: course.task };
}
