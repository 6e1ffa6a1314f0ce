import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  LocalizedText,
  ReviewQueueItem,
  ReviewQueuePage,
  ReviewQueueQuery,
  SubmissionStatus,
} from '@tc/shared/contracts';
import { poolQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { CohortsService } from '@tc/cohorts/api';

type QueueStatus = Exclude<SubmissionStatus, 'withdrawn'>;
const QUEUE_STATUSES: QueueStatus[] = ['waiting', 'returned', 'passed'];

/**
 * A position in the queue: the last row's hand-in time and id. The time is the database's own text to
 * the microsecond: cut to milliseconds (as a JS Date is) it would fall before the row, and the next
 * page would begin with that row again.
 */
function encodeCursor(handedInAt: string, id: string): string {
  return Buffer.from(`${handedInAt}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id))
    throw validationProblem([
      { field: 'cursor', message: 'Not a cursor of this queue', code: 'invalid-cursor' },
    ]);
  return { at, id };
}

/**
 * A cohort's rounds for its trainers, oldest hand-in first (the one waiting longest is reviewed first):
 * one status at a time (waiting unless asked), optionally one module, keyset-paged on
 * (`handed_in_at`, `id`) so every page is one range of the queue index, however long the queue.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly catalog: CatalogReader,
  ) {}

  async page(principal: AuthPrincipal, cohortId: string, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId);
    const status = query.status ?? 'waiting';
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const params: unknown[] = [cohortId, status, limit + 1];
    let where = 's.cohort_id = $1 AND s.status = $2';
    if (query.moduleKey) {
      params.push(query.moduleKey);
      where += ` AND s.module_key = $${params.length}`;
    }
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (s.handed_in_at, s.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows = await poolQuery<{
      id: string;
      enrolment_id: string;
      coach_name: string | null;
      module_key: string;
      lesson_key: string;
      round: number;
      status: SubmissionStatus;
      handed_in_at: Date;
      handed_in_key: string;
      file_count: number;
    }>(
      this.dataSource,
      `SELECT s.id, s.enrolment_id, u.display_name AS coach_name, s.module_key, s.lesson_key, s.round, s.status,
              s.handed_in_at,
              to_char(s.handed_in_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS handed_in_key,
              (SELECT count(*)::int FROM practice_submission_files f WHERE f.submission_id = s.id) AS file_count
         FROM practice_submissions s LEFT JOIN user_directory u ON u.id = s.coach_id
        WHERE ${where}
        ORDER BY s.handed_in_at, s.id
        LIMIT $3`,
      params,
    );
    const countParams: unknown[] = [cohortId];
    const counts = await poolQuery<{ status: QueueStatus; n: number }>(
      this.dataSource,
      `SELECT status, count(*)::int AS n FROM practice_submissions
        WHERE cohort_id = $1 AND status <> 'withdrawn'${query.moduleKey ? ' AND module_key = $2' : ''}
        GROUP BY status`,
      query.moduleKey ? [...countParams, query.moduleKey] : countParams,
    );
    const content = (await this.catalog.version(cohort.courseId, cohort.courseVersion))?.content;
    const titles = new Map<string, LocalizedText>();
    for (const m of content?.modules ?? []) for (const l of m.lessons) titles.set(l.key, l.title);
    const page = rows.slice(0, limit);
    const items: ReviewQueueItem[] = page.map((r) => ({
      submissionId: r.id,
      enrolmentId: r.enrolment_id,
      coachName: r.coach_name ?? '',
      moduleKey: r.module_key,
      lessonKey: r.lesson_key,
      lessonTitle: titles.get(r.lesson_key) ?? {},
      round: r.round,
      status: r.status,
      handedInAt: new Date(r.handed_in_at).toISOString(),
      fileCount: r.file_count,
    }));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.handed_in_key, last.id) : null,
      counts: Object.fromEntries(
        QUEUE_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0]),
      ) as ReviewQueuePage['counts'],
    };
  }
}
