/**
 * Deadline reminders under the faults: the run's cohort gets three module deadlines (one due today,
 * one tomorrow, one three days past) before the load starts, and the APIs' scheduled scans
 * (`learning.deadline-reminders`, every minute in this run: REMINDER_SCAN_CRON) tell the coaches while
 * an API is killed and PostgreSQL restarted. Afterwards: every coach who still has a lesson of a
 * module to do was told about that module's deadline exactly once (the notification's unique key;
 * counted all the same), with the right kind, and every reminder has exactly one delivery job (its
 * notification and its job commit together, or neither does). A coach who finished the module during the run may or may not have been
 * told (it depends on when the scans ran); once at most all the same.
 */
import type { DataSource } from 'typeorm';

/** The scan's cron in this run: every minute (the production default is every 15 minutes). */
export const REMINDER_SCAN_CRON = '* * * * *';
const REMINDERS_QUEUE = 'learning.deadline-reminders';

export interface SeededDeadlines {
  cohortId: string;
  since: Date;
  modules: {
    moduleKey: string;
    dueOn: string;
    kind: 'deadline.soon' | 'module.overdue';
    lessons: string[];
  }[];
}

export interface ReminderCheck {
  scans: number;
  /** (coach, module) pairs still to do at the end: each must have been told once. */
  due: number;
  told: number;
  /** Reminders of coaches who finished the module during the run (told before finishing). */
  toldThenDone: number;
  deliveryJobs: number;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Three deadlines on the cohort's first modules (PATCHing the cohort's JSON the way the API stores it). */
export async function seedDeadlines(ds: DataSource, cohortId: string): Promise<SeededDeadlines> {
  const [version] = (await ds.query(
    `SELECT v.content FROM cohorts c
       JOIN course_versions v ON v.course_id = c.course_id AND v.number = c.course_version
      WHERE c.id = $1`,
    [cohortId],
  )) as { content: { modules: { key: string; lessons: { key: string }[] }[] } }[];
  const withLessons = (version?.content.modules ?? []).filter((m) => m.lessons.length > 0);
  if (withLessons.length < 3) throw new Error('reminders: the course has fewer than three modules');
  const plan: [number, SeededDeadlines['modules'][number]['kind']][] = [
    [0, 'deadline.soon'],
    [1, 'deadline.soon'],
    [-3, 'module.overdue'],
  ];
  const modules = plan.map(([offset, kind], i) => ({
    moduleKey: withLessons[i]!.key,
    dueOn: day(offset),
    kind,
    lessons: withLessons[i]!.lessons.map((l) => l.key),
  }));
  await ds.query(`UPDATE cohorts SET deadlines = $2::jsonb WHERE id = $1`, [
    cohortId,
    JSON.stringify(modules.map((m) => ({ moduleKey: m.moduleKey, dueOn: m.dueOn }))),
  ]);
  return { cohortId, since: new Date(), modules };
}

/** Checks the reminders once the load has drained; violations are appended. */
export async function verifyReminders(
  ds: DataSource,
  seeded: SeededDeadlines,
  violations: string[],
): Promise<ReminderCheck> {
  const [scans] = (await ds.query(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed' AND created_on >= $2`,
    [REMINDERS_QUEUE, seeded.since],
  )) as { n: number }[];
  if (!scans?.n) violations.push('reminders: no deadline scan completed during the run');
  const rows = (await ds.query(
    `WITH m AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS m("moduleKey" text, "dueOn" text, kind text, lessons jsonb)
     )
     SELECT e.id AS enrolment_id, m."moduleKey" AS module_key,
            EXISTS (SELECT 1 FROM jsonb_array_elements_text(m.lessons) k(key)
                     WHERE NOT EXISTS (SELECT 1 FROM lesson_progress lp
                                        WHERE lp.enrolment_id = e.id AND lp.lesson_key = k.key
                                          AND lp.completed_at IS NOT NULL)) AS still_due,
            (SELECT count(*) FROM notifications n
              WHERE n.recipient_id = e.user_id AND n.subject_type = 'enrolment' AND n.subject_id = e.id
                AND n.moment = m."moduleKey" || '@' || m."dueOn")::int AS told,
            (SELECT count(*) FROM notifications n
              WHERE n.recipient_id = e.user_id AND n.subject_type = 'enrolment' AND n.subject_id = e.id
                AND n.moment = m."moduleKey" || '@' || m."dueOn" AND n.kind <> m.kind)::int AS wrong_kind,
            (SELECT count(*) FROM notifications n JOIN pgboss.job j
                 ON j.name = 'notifications.deliver' AND j.data->>'notificationId' = n.id::text
              WHERE n.recipient_id = e.user_id AND n.subject_type = 'enrolment' AND n.subject_id = e.id
                AND n.moment = m."moduleKey" || '@' || m."dueOn")::int AS jobs
       FROM enrolments e CROSS JOIN m
      WHERE e.cohort_id = $1 AND e.status = 'active' AND e.completed_at IS NULL`,
    [seeded.cohortId, JSON.stringify(seeded.modules)],
  )) as {
    enrolment_id: string;
    module_key: string;
    still_due: boolean;
    told: number;
    wrong_kind: number;
    jobs: number;
  }[];
  const check: ReminderCheck = { scans: scans?.n ?? 0, due: 0, told: 0, toldThenDone: 0, deliveryJobs: 0 };
  const say = (what: string, list: typeof rows) => {
    if (list.length)
      violations.push(
        `reminders: ${list.length} ${what} (e.g. enrolment ${list[0]!.enrolment_id}, module ${list[0]!.module_key})`,
      );
  };
  say(
    'still due but never told',
    rows.filter((r) => r.still_due && r.told === 0 && check.scans > 0),
  );
  say(
    'told more than once',
    rows.filter((r) => r.told > 1),
  );
  say(
    'told with the wrong kind',
    rows.filter((r) => r.wrong_kind > 0),
  );
  say(
    'told with other than one delivery job',
    rows.filter((r) => r.told > 0 && r.jobs !== r.told),
  );
  for (const r of rows) {
    if (r.still_due) check.due++;
    check.told += r.told;
    if (!r.still_due && r.told > 0) check.toldThenDone++;
    check.deliveryJobs += r.jobs;
  }
  return check;
}
