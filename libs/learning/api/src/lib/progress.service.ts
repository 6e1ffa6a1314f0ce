import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseContent, LessonKind, ProgressRejection, ProgressResult } from '@tc/shared/contracts';
import { leanTransaction, transactionQuery, type AuthPrincipal } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { LearnerRecords, type EnrolmentRecord, type ProgressChange, type ProgressRow } from '@tc/cohorts/api';
import { CertificatesService } from './certificates/certificates.service';
import { isCourseComplete, type LessonFacts } from './rules/completion';
import type { ProgressEventDto } from './dto/learning.dto';

/**
 * Device clocks run a little ahead or behind: an event further in the future than this is refused, and
 * so is one further before the enrolment (it would make learning look longer or earlier than it was).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Progress events in, in one transaction: raw events stored once (the client's id is the key), the
 * summary rows merged, completion updated. Replaying a batch changes nothing.
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly certificates: CertificatesService,
  ) {}

  async ingest(
    principal: AuthPrincipal,
    events: ProgressEventDto[],
    now = new Date(),
  ): Promise<ProgressResult> {
    // The API's hottest write: a transaction without TypeORM's per-transaction broadcasts (see leanTransaction).
    return leanTransaction(this.dataSource, async (manager) => {
      const enrolmentIds = [...new Set(events.map((e) => e.enrolmentId))];
      // Locking the enrolments serialises concurrent batches of one coach: completion is decided once.
      const enrolments = await this.records.enrolments(manager, enrolmentIds, true);
      const contents = await this.contents(manager, [...enrolments.values()]);
      const rejected: ProgressResult['rejected'] = [];
      const candidates: ProgressEventDto[] = [];
      const seen = new Set<string>();
      for (const e of events) {
        const enrolment = enrolments.get(e.enrolmentId);
        const reason: ProgressRejection | null =
          !enrolment || enrolment.userId !== principal.userId
            ? 'not_your_enrolment'
            : enrolment.status !== 'active'
              ? 'enrolment_withdrawn'
              : !lessonKind(contents.get(enrolment.id), e.lessonKey)
                ? 'unknown_lesson'
                : new Date(e.occurredAt).getTime() > now.getTime() + CLOCK_SKEW_MS
                  ? 'in_the_future'
                  : new Date(e.occurredAt).getTime() < enrolment.enrolledAt.getTime() - CLOCK_SKEW_MS
                    ? 'before_enrolment'
                    : null;
        if (reason) rejected.push({ id: e.id, reason });
        else if (!seen.has(e.id)) {
          seen.add(e.id);
          candidates.push(e);
        }
      }
      const inserted: { id: string }[] = candidates.length
        ? await transactionQuery(
            manager,
            `INSERT INTO progress_events (id, enrolment_id, lesson_key, type, occurred_at)
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::timestamptz[])
             ON CONFLICT (id) DO NOTHING
             RETURNING id`,
            [
              candidates.map((e) => e.id),
              candidates.map((e) => e.enrolmentId),
              candidates.map((e) => e.lessonKey),
              candidates.map((e) => e.type),
              candidates.map((e) => e.occurredAt),
            ],
          )
        : [];
      const acceptedIds = new Set(inserted.map((r) => r.id));
      const accepted = candidates.filter((e) => acceptedIds.has(e.id));

      const changes = new Map<string, ProgressChange>();
      for (const e of accepted) {
        const at = new Date(e.occurredAt);
        const key = `${e.enrolmentId}|${e.lessonKey}`;
        const kind = lessonKind(contents.get(e.enrolmentId), e.lessonKey);
        const change = changes.get(key) ?? {
          enrolmentId: e.enrolmentId,
          cohortId: (enrolments.get(e.enrolmentId) as EnrolmentRecord).cohortId,
          lessonKey: e.lessonKey,
          startedAt: null,
          completedAt: null,
          lastActivityAt: at,
        };
        change.startedAt = min(change.startedAt, at);
        // A quiz is completed by passing it (a graded attempt), a task by a trainer's pass (practice),
        // not by a client's say-so.
        if (e.type === 'completed' && kind !== 'quiz' && kind !== 'task')
          change.completedAt = min(change.completedAt, at);
        change.lastActivityAt = max(change.lastActivityAt, at) as Date;
        changes.set(key, change);
      }
      const merged = await this.records.mergeProgress(manager, [...changes.values()]);
      // Only a lesson completed for the first time can complete a course: other batches skip the check.
      await this.updateCompletion(
        manager,
        [...merged.newlyCompleted].map((id) => enrolments.get(id) as EnrolmentRecord),
        contents,
        now,
        merged.rows,
      );

      return {
        accepted: accepted.map((e) => e.id),
        duplicates: candidates.filter((e) => !acceptedIds.has(e.id)).map((e) => e.id),
        rejected,
      };
    });
  }

  /**
   * Sets the completion date of every given enrolment whose course is now complete. `progress`: the
   * enrolments' summary rows when the caller has them already (after a merge), else they are read.
   */
  async updateCompletion(
    manager: EntityManager,
    enrolments: EnrolmentRecord[],
    contents: Map<string, CourseContent>,
    now: Date,
    progress?: ProgressRow[],
  ): Promise<void> {
    const open = enrolments.filter((e) => !e.completedAt);
    if (!open.length) return;
    const rows =
      progress ??
      (await this.records.progress(
        manager,
        open.map((e) => e.id),
      ));
    for (const enrolment of open) {
      const content = contents.get(enrolment.id);
      if (!content) continue;
      const facts = new Map<string, LessonFacts>();
      for (const r of rows.filter((p) => p.enrolmentId === enrolment.id)) {
        facts.set(r.lessonKey, { completed: !!r.completedAt, passed: !!r.completedAt });
      }
      if (isCourseComplete(content, facts)) {
        // Completion and its certificate in the same transaction as the progress that caused them.
        if (await this.records.markCompleted(manager, enrolment.id, now))
          await this.certificates.issue(manager, enrolment.id, now);
      }
    }
  }

  /** The pinned version's content of each enrolment. */
  async contents(manager: EntityManager, enrolments: EnrolmentRecord[]): Promise<Map<string, CourseContent>> {
    const byVersion = new Map<string, CourseContent | undefined>();
    const out = new Map<string, CourseContent>();
    for (const e of enrolments) {
      const key = `${e.courseId}@${e.courseVersion}`;
      if (!byVersion.has(key))
        byVersion.set(key, (await this.catalog.version(e.courseId, e.courseVersion, manager))?.content);
      const content = byVersion.get(key);
      if (content) out.set(e.id, content);
    }
    return out;
  }
}

export function lessonKind(content: CourseContent | undefined, key: string): LessonKind | null {
  for (const m of content?.modules ?? []) for (const l of m.lessons) if (l.key === key) return l.kind;
  return null;
}

function min(a: Date | null, b: Date): Date {
  return a && a < b ? a : b;
}
function max(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}
