import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';

export interface EnrolmentRecord {
  id: string;
  userId: string;
  status: 'active' | 'withdrawn';
  cohortId: string;
  cohortName: string;
  courseId: string;
  courseVersion: number;
  startsOn: string;
  deadlines: { moduleKey: string; dueOn?: string | null; daysAfterStart?: number | null }[];
  completedAt: Date | null;
  /** When the person joined the cohort (kept when a withdrawn enrolment is reactivated). */
  enrolledAt: Date;
}

/** A module deadline an active coach has not met yet (see {@link LearnerRecords.dueModules}). */
export interface DueModule {
  enrolmentId: string;
  userId: string;
  cohortId: string;
  courseId: string;
  courseVersion: number;
  moduleKey: string;
  /** `YYYY-MM-DD` */
  dueOn: string;
  /** Past its day; else due today or tomorrow. */
  overdue: boolean;
}

export interface ProgressRow {
  enrolmentId: string;
  lessonKey: string;
  startedAt: Date | null;
  completedAt: Date | null;
  lastActivityAt: Date;
  attempts: number;
  bestPercent: number | null;
}

/** One lesson's change, merged into its summary row: earliest start/completion, latest activity. */
export interface ProgressChange {
  enrolmentId: string;
  cohortId: string;
  lessonKey: string;
  startedAt: Date | null;
  completedAt: Date | null;
  lastActivityAt: Date;
  /** Quizzes: one more graded attempt, with its percentage. */
  attemptPercent?: number;
}

/** The summary rows of the changed enrolments after a merge, and where a lesson was newly completed. */
export interface MergedProgress {
  rows: ProgressRow[];
  newlyCompleted: Set<string>;
}

/** One summary row after a change, as the upsert of {@link LearnerRecords.mergeProgress} leaves it. */
function merged(row: ProgressRow | undefined, c: ProgressChange): ProgressRow {
  return {
    enrolmentId: c.enrolmentId,
    lessonKey: c.lessonKey,
    startedAt: least(row?.startedAt, c.startedAt ?? c.completedAt),
    completedAt: least(row?.completedAt, c.completedAt),
    lastActivityAt: row && row.lastActivityAt > c.lastActivityAt ? row.lastActivityAt : c.lastActivityAt,
    attempts: (row?.attempts ?? 0) + (c.attemptPercent === undefined ? 0 : 1),
    bestPercent:
      c.attemptPercent === undefined
        ? (row?.bestPercent ?? null)
        : Math.max(row?.bestPercent ?? c.attemptPercent, c.attemptPercent),
  };
}

/** SQL's LEAST: nulls are ignored. */
function least(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}

/**
 * The enrolment and lesson-progress records, as the learning domain reads and writes them inside its
 * own transactions (every method takes the transaction's manager).
 */
@Injectable()
export class LearnerRecords {
  async enrolments(
    manager: EntityManager,
    ids: string[],
    lock = false,
  ): Promise<Map<string, EnrolmentRecord>> {
    if (!ids.length) return new Map();
    const rows: {
      id: string;
      user_id: string;
      status: 'active' | 'withdrawn';
      cohort_id: string;
      name: string;
      course_id: string;
      course_version: number;
      starts_on: string;
      deadlines: EnrolmentRecord['deadlines'];
      completed_at: Date | null;
      enrolled_at: Date;
    }[] = await transactionQuery(
      manager,
      `SELECT e.id, e.user_id, e.status, e.cohort_id, c.name, c.course_id, c.course_version, c.starts_on::text, c.deadlines, e.completed_at,
              e.enrolled_at
         FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
        WHERE e.id = ANY($1::uuid[])
        ORDER BY e.id${lock ? ' FOR UPDATE OF e' : ''}`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          userId: r.user_id,
          status: r.status,
          cohortId: r.cohort_id,
          cohortName: r.name,
          courseId: r.course_id,
          courseVersion: r.course_version,
          startsOn: r.starts_on,
          deadlines: r.deadlines,
          completedAt: r.completed_at,
          enrolledAt: new Date(r.enrolled_at),
        },
      ]),
    );
  }

  async progress(manager: EntityManager, enrolmentIds: string[]): Promise<ProgressRow[]> {
    if (!enrolmentIds.length) return [];
    const rows: {
      enrolment_id: string;
      lesson_key: string;
      started_at: Date | null;
      completed_at: Date | null;
      last_activity_at: Date;
      attempts: number;
      best_percent: number | null;
    }[] = await transactionQuery(
      manager,
      `SELECT enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent
         FROM lesson_progress WHERE enrolment_id = ANY($1::uuid[])`,
      [enrolmentIds],
    );
    return rows.map((r) => ({
      enrolmentId: r.enrolment_id,
      lessonKey: r.lesson_key,
      startedAt: r.started_at,
      completedAt: r.completed_at,
      lastActivityAt: r.last_activity_at,
      attempts: r.attempts,
      bestPercent: r.best_percent,
    }));
  }

  /**
   * Merges changes into the summary rows in one statement (replaying the same change changes nothing)
   * and moves the counters by exactly the transitions it caused: a lesson started or completed for the
   * first time, a coach's first lesson. The caller holds the enrolments' row locks, so reading the rows
   * before the merge is safe, and so is the answer: the rows of the changed enrolments as they are after
   * the merge (worked out here, not read again) and the enrolments where a lesson was completed for the
   * first time.
   */
  async mergeProgress(manager: EntityManager, changes: ProgressChange[]): Promise<MergedProgress> {
    if (!changes.length) return { rows: [], newlyCompleted: new Set() };
    const enrolmentIds = [...new Set(changes.map((c) => c.enrolmentId))];
    const before = await this.progress(manager, enrolmentIds);
    const had = new Map(before.map((r) => [`${r.enrolmentId}|${r.lessonKey}`, r]));
    const active = new Set(before.map((r) => r.enrolmentId));
    const after = new Map(had);
    const newlyCompleted = new Set<string>();

    const bumps = new Map<
      string,
      { cohortId: string; lessonKey: string; started: number; completed: number }
    >();
    const bump = (cohortId: string, lessonKey: string, started: number, completed: number) => {
      const key = `${cohortId}|${lessonKey}`;
      const b = bumps.get(key) ?? { cohortId, lessonKey, started: 0, completed: 0 };
      b.started += started;
      b.completed += completed;
      bumps.set(key, b);
    };
    const seen = new Set<string>();
    for (const c of changes) {
      const key = `${c.enrolmentId}|${c.lessonKey}`;
      const cohortId = c.cohortId;
      const old = had.get(key);
      const wasStarted = !!old?.startedAt || seen.has(`s|${key}`);
      const wasCompleted = !!old?.completedAt || seen.has(`c|${key}`);
      const nowStarted = !!c.startedAt || !!c.completedAt;
      if (!wasStarted && nowStarted) {
        bump(cohortId, c.lessonKey, 1, 0);
        seen.add(`s|${key}`);
      }
      if (!wasCompleted && c.completedAt) {
        bump(cohortId, c.lessonKey, 0, 1);
        seen.add(`c|${key}`);
        newlyCompleted.add(c.enrolmentId);
      }
      after.set(key, merged(after.get(key), c));
      if (!active.has(c.enrolmentId) && nowStarted) {
        bump(cohortId, '', 1, 0);
        active.add(c.enrolmentId);
      }
    }

    await transactionQuery(
      manager,
      `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::int[])
       ON CONFLICT (enrolment_id, lesson_key) DO UPDATE SET
         started_at = LEAST(lesson_progress.started_at, EXCLUDED.started_at),
         completed_at = LEAST(lesson_progress.completed_at, EXCLUDED.completed_at),
         last_activity_at = GREATEST(lesson_progress.last_activity_at, EXCLUDED.last_activity_at),
         attempts = lesson_progress.attempts + EXCLUDED.attempts,
         best_percent = GREATEST(lesson_progress.best_percent, EXCLUDED.best_percent)`,
      [
        changes.map((c) => c.enrolmentId),
        changes.map((c) => c.lessonKey),
        changes.map((c) => c.startedAt ?? c.completedAt),
        changes.map((c) => c.completedAt),
        changes.map((c) => c.lastActivityAt),
        changes.map((c) => (c.attemptPercent === undefined ? 0 : 1)),
        changes.map((c) => c.attemptPercent ?? null),
      ],
    );
    await this.bumpCounters(manager, [...bumps.values()]);
    return { rows: [...after.values()], newlyCompleted };
  }

  /**
   * Records counter moves as rows of `cohort_progress_counter_deltas`: an insert that locks nothing
   * another coach needs (no key, no index). {@link foldCounterDeltas} applies them to
   * `cohort_progress_counters`, every few seconds, one fold at a time.
   */
  private async bumpCounters(
    manager: EntityManager,
    bumps: { cohortId: string; lessonKey: string; started: number; completed: number }[],
  ): Promise<void> {
    const nonZero = bumps.filter((b) => b.started || b.completed);
    if (!nonZero.length) return;
    await transactionQuery(
      manager,
      `INSERT INTO cohort_progress_counter_deltas (cohort_id, lesson_key, started, completed)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::int[])`,
      [
        nonZero.map((b) => b.cohortId),
        nonZero.map((b) => b.lessonKey),
        nonZero.map((b) => b.started),
        nonZero.map((b) => b.completed),
      ],
    );
  }

  /**
   * Applies the pending counter moves to `cohort_progress_counters` and deletes them, in the caller's
   * transaction (the app's folder: one at a time, at REPEATABLE READ). A move committed after the
   * transaction's snapshot stays for the next fold; a fold that rolls back leaves them all. Moves of a
   * cohort that no longer exists are dropped. Answers how many moves were applied.
   */
  async foldCounterDeltas(manager: EntityManager): Promise<number> {
    const [row] = await transactionQuery<{ n: number }>(
      manager,
      `WITH taken AS (DELETE FROM cohort_progress_counter_deltas RETURNING *), applied AS (
         INSERT INTO cohort_progress_counters AS o (cohort_id, lesson_key, started, completed)
         SELECT t.cohort_id, t.lesson_key, sum(t.started), sum(t.completed) FROM taken t
          WHERE EXISTS (SELECT 1 FROM cohorts c WHERE c.id = t.cohort_id)
          GROUP BY 1, 2 HAVING (sum(t.started), sum(t.completed)) <> (0, 0) ORDER BY 1, 2
         ON CONFLICT (cohort_id, lesson_key) DO UPDATE SET
           started = o.started + EXCLUDED.started, completed = o.completed + EXCLUDED.completed)
       SELECT count(*)::int AS n FROM taken`,
      [],
    );
    return row?.n ?? 0;
  }

  async cohortTerritory(manager: EntityManager, cohortId: string): Promise<string> {
    const rows: { territory_id: string }[] = await manager.query(
      'SELECT territory_id FROM cohorts WHERE id = $1',
      [cohortId],
    );
    return rows[0]?.territory_id as string;
  }

  /**
   * The course versions of the cohorts with module deadlines that still run (not closed): what a
   * deadline scan needs the content of (each module's lessons).
   */
  async deadlineVersions(manager: EntityManager): Promise<{ courseId: string; courseVersion: number }[]> {
    const rows: { course_id: string; course_version: number }[] = await transactionQuery(
      manager,
      `SELECT DISTINCT course_id, course_version FROM cohorts
        WHERE status <> 'closed' AND jsonb_array_length(deadlines) > 0`,
      [],
    );
    return rows.map((r) => ({ courseId: r.course_id, courseVersion: r.course_version }));
  }

  /**
   * Module deadlines a coach has yet to meet, in one statement for every cohort that still runs: an
   * active enrolment (not withdrawn, not completed), a module with a deadline (a date, or days after
   * the cohort's start) and at least one of its lessons not completed. `soon`: due today or tomorrow
   * (the deadline is the end of its day, UTC, as on the roster, so within 48 hours); `overdue`: due
   * before today, at most `overdueDays` ago (a deadline weeks old is no news). `modules` names each
   * module's lessons, from the catalogue.
   */
  async dueModules(
    manager: EntityManager,
    today: string,
    modules: { courseId: string; courseVersion: number; moduleKey: string; lessonKeys: string[] }[],
    overdueDays: number,
  ): Promise<DueModule[]> {
    if (modules.length === 0) return [];
    const rows: {
      enrolment_id: string;
      user_id: string;
      cohort_id: string;
      course_id: string;
      course_version: number;
      module_key: string;
      due_on: string;
      overdue: boolean;
    }[] = await transactionQuery(
      manager,
      `WITH m AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS m("courseId" uuid, "courseVersion" int, "moduleKey" text, "lessonKeys" jsonb)
       ), due AS (
         SELECT c.id AS cohort_id, c.course_id, c.course_version, m."moduleKey" AS module_key, m."lessonKeys" AS lessons,
                COALESCE(NULLIF(d->>'dueOn', '')::date, c.starts_on + (d->>'daysAfterStart')::int) AS due_on
           FROM cohorts c
           CROSS JOIN LATERAL jsonb_array_elements(c.deadlines) d
           JOIN m ON m."courseId" = c.course_id AND m."courseVersion" = c.course_version
                 AND m."moduleKey" = d->>'moduleKey'
          WHERE c.status <> 'closed' AND jsonb_array_length(c.deadlines) > 0
       )
       SELECT e.id AS enrolment_id, e.user_id, due.cohort_id, due.course_id, due.course_version, due.module_key,
              due.due_on::text AS due_on, due.due_on < $2::date AS overdue
         FROM due
         JOIN enrolments e ON e.cohort_id = due.cohort_id AND e.status = 'active' AND e.completed_at IS NULL
        WHERE due.due_on BETWEEN $2::date - $3::int AND $2::date + 1
          AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(due.lessons) k(key)
                 WHERE NOT EXISTS (
                         SELECT 1 FROM lesson_progress lp
                          WHERE lp.enrolment_id = e.id AND lp.lesson_key = k.key AND lp.completed_at IS NOT NULL))`,
      [JSON.stringify(modules), today, overdueDays],
    );
    return rows.map((r) => ({
      enrolmentId: r.enrolment_id,
      userId: r.user_id,
      cohortId: r.cohort_id,
      courseId: r.course_id,
      courseVersion: r.course_version,
      moduleKey: r.module_key,
      dueOn: r.due_on,
      overdue: r.overdue,
    }));
  }

  /** The people actively enrolled in a cohort (withdrawn coaches are no longer its coaches). */
  async activeCoaches(manager: EntityManager, cohortId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await transactionQuery(
      manager,
      `SELECT user_id FROM enrolments WHERE cohort_id = $1 AND status = 'active'`,
      [cohortId],
    );
    return rows.map((r) => r.user_id);
  }

  /** The cohorts a person is actively enrolled in, with their names and course versions. */
  async activeCohortsOf(
    manager: EntityManager,
    userId: string,
  ): Promise<{ cohortId: string; cohortName: string; courseId: string; courseVersion: number }[]> {
    const rows: { cohort_id: string; name: string; course_id: string; course_version: number }[] =
      await transactionQuery(
        manager,
        `SELECT e.cohort_id, c.name, c.course_id, c.course_version
           FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
          WHERE e.user_id = $1 AND e.status = 'active'`,
        [userId],
      );
    return rows.map((r) => ({
      cohortId: r.cohort_id,
      cohortName: r.name,
      courseId: r.course_id,
      courseVersion: r.course_version,
    }));
  }

  /** Marks the enrolment completed (once) and counts it; says whether it was the first time. */
  async markCompleted(manager: EntityManager, enrolmentId: string, at: Date): Promise<boolean> {
    const [rows] = (await manager.query(
      'UPDATE enrolments SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL RETURNING cohort_id',
      [enrolmentId, at],
    )) as [{ cohort_id: string }[], number];
    const cohortId = rows[0]?.cohort_id;
    if (cohortId) await this.bumpCounters(manager, [{ cohortId, lessonKey: '', started: 0, completed: 1 }]);
    return !!cohortId;
  }
}
