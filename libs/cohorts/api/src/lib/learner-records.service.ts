import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
  lessonKey: string;
  startedAt: Date | null;
  completedAt: Date | null;
  lastActivityAt: Date;
  /** Quizzes: one more graded attempt, with its percentage. */
  attemptPercent?: number;
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
    }[] = await manager.query(
      `SELECT e.id, e.user_id, e.status, e.cohort_id, c.name, c.course_id, c.course_version, c.starts_on::text, c.deadlines, e.completed_at
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
    }[] = await manager.query(
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

  /** Merges changes into the summary rows in one statement; replaying the same change changes nothing. */
  async mergeProgress(manager: EntityManager, changes: ProgressChange[]): Promise<void> {
    if (!changes.length) return;
    await manager.query(
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
        changes.map((c) => c.startedAt),
        changes.map((c) => c.completedAt),
        changes.map((c) => c.lastActivityAt),
        changes.map((c) => (c.attemptPercent === undefined ? 0 : 1)),
        changes.map((c) => c.attemptPercent ?? null),
      ],
    );
  }

  async cohortTerritory(manager: EntityManager, cohortId: string): Promise<string> {
    const rows: { territory_id: string }[] = await manager.query(
      'SELECT territory_id FROM cohorts WHERE id = $1',
      [cohortId],
    );
    return rows[0]?.territory_id as string;
  }

  async markCompleted(manager: EntityManager, enrolmentId: string, at: Date): Promise<void> {
    await manager.query('UPDATE enrolments SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL', [
      enrolmentId,
      at,
    ]);
  }
}
