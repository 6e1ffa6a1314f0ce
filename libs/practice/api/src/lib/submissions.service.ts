import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CriterionScore,
  EvidenceFile,
  FieldError,
  ReviewDecision,
  Submission,
  SubmissionStatus,
  TaskState,
} from '@tc/shared/contracts';
import { EVIDENCE_KINDS } from '@tc/shared/contracts';
import {
  leanTransaction,
  ProblemException,
  transactionQuery,
  validationProblem,
  type AuthPrincipal,
} from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { LearnerRecords } from '@tc/cohorts/api';
import { ProgressService } from '@tc/learning/api';
import { NotificationsService } from '@tc/notifications/api';
import { evidenceFile, EvidenceService, voiceComment } from './evidence.service';
import { notFound, PracticeAccess, type TaskContext } from './practice-access';
import { appendPracticeCounts, appendPracticeReviewDays } from './practice-counts';
import { scoreReview } from './rubric';
import { evidenceRule } from './task-content';

interface SubmissionRow {
  id: string;
  enrolment_id: string;
  lesson_key: string;
  cohort_id: string;
  round: number;
  status: SubmissionStatus;
  text: string | null;
  handed_in_at: Date;
  reviewer_id: string | null;
  reviewer_name: string | null;
  decision: ReviewDecision | null;
  scores: CriterionScore[] | null;
  points: number | null;
  comment: string | null;
  decided_at: Date | null;
  voice_comment_id: string | null;
  voice_media_type: string | null;
  voice_bytes: number | null;
}

const SUBMISSION_COLUMNS = `s.id, s.enrolment_id, s.lesson_key, s.cohort_id, s.round, s.status, s.text, s.handed_in_at,
  r.reviewer_id, u.display_name AS reviewer_name, r.decision, r.scores, r.points, r.comment, r.decided_at,
  r.voice_comment_id, v.media_type AS voice_media_type, v.bytes AS voice_bytes`;
const SUBMISSION_FROM = `practice_submissions s
  LEFT JOIN practice_reviews r ON r.submission_id = s.id
  LEFT JOIN practice_voice_comments v ON v.id = r.voice_comment_id
  LEFT JOIN user_directory u ON u.id = r.reviewer_id`;

export interface HandIn {
  id: string;
  text: string | null;
  fileIds: string[];
}

/**
 * Rounds of a task: what the coach sees of it, a hand-in (its id from the client: a replay answers the
 * first hand-in and stores nothing), a withdrawal before the review, and the review itself, which on a
 * pass completes the task's lesson and, when it was the last piece, the course (and issues the
 * certificate) in the same transaction.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly records: LearnerRecords,
    private readonly progress: ProgressService,
    private readonly files: EvidenceService,
    private readonly notifications: NotificationsService,
  ) {}

  async state(principal: AuthPrincipal, enrolmentId: string, lessonKey: string): Promise<TaskState> {
    const manager = this.dataSource.manager;
    const { enrolment, task } = await this.access.task(manager, principal, enrolmentId, lessonKey, 'read');
    const submissions = await this.rounds(manager, enrolmentId, lessonKey);
    const [coach] = await transactionQuery<{ display_name: string | null }>(
      manager,
      'SELECT display_name FROM user_directory WHERE id = $1',
      [enrolment.userId],
    );
    return {
      enrolmentId,
      lessonKey,
      coachName: coach?.display_name ?? '',
      lessonTitle: task.lesson.title,
      task: task.task,
      status: submissions[0]?.status ?? null,
      submissions,
    };
  }

  /** Answers the round and whether this call created it (201) or replayed it (200). */
  async handIn(
    principal: AuthPrincipal,
    enrolmentId: string,
    lessonKey: string,
    dto: HandIn,
    now = new Date(),
  ): Promise<{ submission: Submission; created: boolean }> {
    return leanTransaction(this.dataSource, async (manager) => {
      // The enrolment's row lock serialises a coach's concurrent hand-ins of one task.
      const ctx = await this.access.task(manager, principal, enrolmentId, lessonKey, 'coach', true);
      const [same] = await transactionQuery<{ enrolment_id: string; lesson_key: string }>(
        manager,
        'SELECT enrolment_id, lesson_key FROM practice_submissions WHERE id = $1',
        [dto.id],
      );
      if (same) {
        if (same.enrolment_id !== enrolmentId || same.lesson_key !== lessonKey)
          throw validationProblem([
            { field: 'id', message: 'This id belongs to another hand-in', code: 'duplicate-key' },
          ]);
        return { submission: (await this.one(manager, dto.id)) as Submission, created: false };
      }
      if (ctx.enrolment.status !== 'active')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'enrolment-withdrawn',
          'Enrolment withdrawn',
          'This enrolment is withdrawn.',
        );
      const statuses = await transactionQuery<{ status: SubmissionStatus; n: number }>(
        manager,
        `SELECT status, count(*)::int AS n FROM practice_submissions
          WHERE enrolment_id = $1 AND lesson_key = $2 GROUP BY status`,
        [enrolmentId, lessonKey],
      );
      const count = (status: SubmissionStatus) => statuses.find((s) => s.status === status)?.n ?? 0;
      if (count('passed'))
        throw new ProblemException(HttpStatus.CONFLICT, 'task-passed', 'Task passed', 'This task is passed.');
      if (count('waiting'))
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'submission-waiting',
          'Hand-in waiting',
          'A hand-in of this task waits for its review.',
        );
      const files = await this.checkEvidence(manager, ctx, dto);
      await transactionQuery(
        manager,
        `INSERT INTO practice_submissions (id, enrolment_id, lesson_key, coach_id, cohort_id, module_key, round, status, text, handed_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9)`,
        [
          dto.id,
          enrolmentId,
          lessonKey,
          ctx.enrolment.userId,
          ctx.enrolment.cohortId,
          ctx.task.moduleKey,
          count('returned') + 1,
          dto.text?.trim() ? dto.text : null,
          now,
        ],
      );
      if (files.length)
        await transactionQuery(
          manager,
          `INSERT INTO practice_submission_files (submission_id, evidence_id, position)
           SELECT $1, * FROM unnest($2::uuid[], $3::smallint[])`,
          [dto.id, files.map((f) => f.id), files.map((_, i) => i)],
        );
      await this.count(manager, ctx.enrolment.cohortId, { handedIn: 1, at: now });
      // The cohort's trainers are told a round waits for them, once per round, in the hand-in's
      // transaction. Only the lesson's title: the coach's name is on the review queue the link opens.
      const round = count('returned') + 1;
      const reviewers = await this.access.reviewers(manager, ctx.enrolment.cohortId);
      await this.notifications.notifyMany(
        manager,
        reviewers
          .filter((id) => id !== ctx.enrolment.userId)
          .map((recipientId) => ({
            recipientId,
            kind: 'task.waiting' as const,
            subject: { type: 'submission' as const, id: dto.id },
            moment: `round-${round}`,
            params: { lessonTitle: ctx.task.lesson.title, cohortId: ctx.enrolment.cohortId },
          })),
      );
      return { submission: (await this.one(manager, dto.id)) as Submission, created: true };
    });
  }

  /** The task's evidence rules: per kind between min and max, files of this enrolment's task only. */
  private async checkEvidence(
    manager: EntityManager,
    ctx: TaskContext,
    dto: HandIn,
  ): Promise<EvidenceFile[]> {
    const errors: FieldError[] = [];
    const found = await this.files.ofTask(manager, ctx.enrolment.id, ctx.task.lesson.key, dto.fileIds);
    dto.fileIds.forEach((id, i) => {
      if (!found.has(id))
        errors.push({
          field: `fileIds[${i}]`,
          message: 'No file of this task has this id',
          code: 'evidence-unknown',
        });
    });
    if (errors.length) throw validationProblem(errors);
    const files = dto.fileIds.map((id) => found.get(id) as EvidenceFile);
    for (const kind of EVIDENCE_KINDS) {
      const n = kind === 'text' ? (dto.text?.trim() ? 1 : 0) : files.filter((f) => f.kind === kind).length;
      const rule = evidenceRule(ctx.task.task, kind);
      const field = kind === 'text' ? 'text' : 'fileIds';
      if (!rule) {
        if (n)
          errors.push({
            field,
            message: `This task takes no ${kind}`,
            code: 'evidence-kind',
            params: { kind },
          });
      } else if (n < rule.min)
        errors.push({
          field,
          message: `This task needs at least ${rule.min} ${kind}`,
          code: kind === 'text' ? 'required' : 'too-few-items',
          params: { kind, min: rule.min },
        });
      else if (n > rule.max)
        errors.push({
          field,
          message: `This task takes at most ${rule.max} ${kind}`,
          code: 'too-many-items',
          params: { kind, max: rule.max },
        });
    }
    if (errors.length)
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'validation',
        'Evidence does not fit the task',
        errors.map((e) => e.message).join('; '),
        errors,
      );
    return files;
  }

  /**
   * The coach takes a waiting round back before its review (trainers' voice comments recorded for it
   * go); taking back a withdrawn one changes nothing.
   */
  async withdraw(
    principal: AuthPrincipal,
    enrolmentId: string,
    lessonKey: string,
    id: string,
    now = new Date(),
  ): Promise<Submission> {
    const dropped: string[] = [];
    const withdrawn = await this.dataSource.transaction(async (manager) => {
      const enrolment = await this.access.enrolment(manager, principal, enrolmentId, 'coach', true);
      const submission = await this.one(manager, id);
      if (!submission || submission.enrolmentId !== enrolmentId || submission.lessonKey !== lessonKey)
        throw notFound('No such hand-in.');
      if (submission.status === 'withdrawn') return submission;
      if (submission.status !== 'waiting' || submission.review) throw notWaiting();
      // Trainers' recordings for a review that will not come go with it (their files once it commits).
      dropped.push(...(await this.files.dropVoiceComments(manager, id, null)));
      await transactionQuery(
        manager,
        `UPDATE practice_submissions SET status = 'withdrawn', withdrawn_at = $2 WHERE id = $1`,
        [id, now],
      );
      // Taken back from the month it was handed in.
      await this.count(manager, enrolment.cohortId, { handedIn: -1, at: new Date(submission.handedInAt) });
      return (await this.one(manager, id)) as Submission;
    });
    await this.files.removeStored(dropped);
    return withdrawn;
  }

  /**
   * A trainer's review of a waiting round. A pass completes the task's lesson (as a passing quiz
   * attempt does) and re-decides the course's completion in the same transaction, so the pass that was
   * the last missing piece issues the certificate with it. A voice comment, when given, is one the
   * reviewer uploaded for this round; the round's other recordings go with the review (their files
   * once it commits). Audited.
   */
  async review(
    principal: AuthPrincipal,
    id: string,
    dto: {
      decision: ReviewDecision;
      scores: CriterionScore[];
      comment: string;
      voiceCommentId?: string | null;
    },
    now = new Date(),
  ): Promise<Submission> {
    const { submission, dropped } = await this.dataSource.transaction(async (manager) => {
      const [found] = await transactionQuery<{ enrolment_id: string; lesson_key: string }>(
        manager,
        'SELECT enrolment_id, lesson_key FROM practice_submissions WHERE id = $1',
        [id],
      );
      if (!found) throw notFound('No such hand-in.');
      const ctx = await this.access
        .task(manager, principal, found.enrolment_id, found.lesson_key, 'review', true)
        .catch((error: unknown) => {
          throw error instanceof ProblemException && error.getStatus() === 404
            ? notFound('No such hand-in.')
            : error;
        });
      const [row] = await transactionQuery<{ status: SubmissionStatus; round: number; handed_in_at: Date }>(
        manager,
        'SELECT status, round, handed_in_at FROM practice_submissions WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (row?.status !== 'waiting') throw notWaiting();
      const outcome = scoreReview(ctx.task.task, dto.decision, dto.scores);
      if (!outcome.ok)
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          outcome.errors[0]?.field === 'decision' ? 'points-below-pass' : 'validation',
          'Review does not fit the rubric',
          outcome.errors.map((e) => e.message).join('; '),
          outcome.errors,
        );
      const voiceId = dto.voiceCommentId ?? null;
      if (voiceId && !(await this.files.voiceCommentOf(manager, id, principal.userId, voiceId)))
        throw validationProblem([
          {
            field: 'voiceCommentId',
            message: 'No voice comment of yours for this hand-in has this id',
            code: 'voice-comment-unknown',
          },
        ]);
      await transactionQuery(
        manager,
        `INSERT INTO practice_reviews (submission_id, reviewer_id, decision, scores, points, comment, decided_at, voice_comment_id)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
        [
          id,
          principal.userId,
          dto.decision,
          JSON.stringify(dto.scores.map((s) => ({ criterionKey: s.criterionKey, levelKey: s.levelKey }))),
          outcome.points,
          dto.comment,
          now,
          voiceId,
        ],
      );
      const dropped = await this.files.dropVoiceComments(manager, id, voiceId);
      const status: SubmissionStatus = dto.decision === 'pass' ? 'passed' : 'returned';
      await transactionQuery(manager, 'UPDATE practice_submissions SET status = $2 WHERE id = $1', [
        id,
        status,
      ]);
      const enrolment = ctx.enrolment;
      if (status === 'passed') {
        const merged = await this.records.mergeProgress(manager, [
          {
            enrolmentId: enrolment.id,
            cohortId: enrolment.cohortId,
            lessonKey: found.lesson_key,
            startedAt: now,
            completedAt: now,
            lastActivityAt: now,
          },
        ]);
        await this.progress.updateCompletion(
          manager,
          [enrolment],
          new Map([[enrolment.id, ctx.content]]),
          now,
          merged.rows,
        );
      }
      const territoryId = await this.records.cohortTerritory(manager, enrolment.cohortId);
      await appendPracticeCounts(manager, {
        cohortId: enrolment.cohortId,
        territoryId,
        at: now,
        handedIn: 0,
        reviewed: 1,
        passed: status === 'passed' ? 1 : 0,
      });
      await appendPracticeReviewDays(manager, {
        cohortId: enrolment.cohortId,
        territoryId,
        handedInAt: new Date(row.handed_in_at),
        reviewedAt: now,
      });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'practice.reviewed',
        subjectType: 'cohort',
        subjectId: enrolment.cohortId,
        territoryId,
        details: {
          submissionId: id,
          enrolmentId: enrolment.id,
          lessonKey: found.lesson_key,
          round: row.round,
          decision: dto.decision,
          points: outcome.points,
          voiceComment: voiceId !== null,
        },
      });
      // The coach is told, once per round, in the review's transaction.
      await this.notifications.notify(manager, {
        recipientId: enrolment.userId,
        kind: 'task.reviewed',
        subject: { type: 'submission', id },
        moment: `round-${row.round}`,
        params: {
          lessonTitle: ctx.task.lesson.title,
          decision: dto.decision,
          enrolmentId: enrolment.id,
          lessonKey: found.lesson_key,
        },
      });
      return { submission: (await this.one(manager, id)) as Submission, dropped };
    });
    await this.files.removeStored(dropped);
    return submission;
  }

  /** A hand-in's or a withdrawal's move of the cohort's counts (folded later, see practice-counts). */
  private async count(
    manager: EntityManager,
    cohortId: string,
    move: { handedIn: number; at: Date },
  ): Promise<void> {
    await appendPracticeCounts(manager, {
      cohortId,
      territoryId: await this.records.cohortTerritory(manager, cohortId),
      at: move.at,
      handedIn: move.handedIn,
      reviewed: 0,
      passed: 0,
    });
  }

  /** Every round of one task, newest first. */
  async rounds(manager: EntityManager, enrolmentId: string, lessonKey: string): Promise<Submission[]> {
    const rows = await transactionQuery<SubmissionRow>(
      manager,
      `SELECT ${SUBMISSION_COLUMNS} FROM ${SUBMISSION_FROM}
        WHERE s.enrolment_id = $1 AND s.lesson_key = $2 ORDER BY s.handed_in_at DESC, s.round DESC`,
      [enrolmentId, lessonKey],
    );
    return this.withFiles(manager, rows);
  }

  async one(manager: EntityManager, id: string): Promise<Submission | null> {
    const rows = await transactionQuery<SubmissionRow>(
      manager,
      `SELECT ${SUBMISSION_COLUMNS} FROM ${SUBMISSION_FROM} WHERE s.id = $1`,
      [id],
    );
    return (await this.withFiles(manager, rows))[0] ?? null;
  }

  private async withFiles(manager: EntityManager, rows: SubmissionRow[]): Promise<Submission[]> {
    if (!rows.length) return [];
    const files = await transactionQuery<Parameters<typeof evidenceFile>[0] & { submission_id: string }>(
      manager,
      `SELECT f.submission_id, e.* FROM practice_submission_files f
         JOIN practice_evidence_files e ON e.id = f.evidence_id
        WHERE f.submission_id = ANY($1::uuid[]) ORDER BY f.submission_id, f.position`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      enrolmentId: r.enrolment_id,
      lessonKey: r.lesson_key,
      round: r.round,
      status: r.status,
      text: r.text,
      files: files.filter((f) => f.submission_id === r.id).map(evidenceFile),
      handedInAt: new Date(r.handed_in_at).toISOString(),
      review:
        r.decision && r.reviewer_id
          ? {
              reviewerId: r.reviewer_id,
              reviewerName: r.reviewer_name ?? '',
              decision: r.decision,
              scores: r.scores ?? [],
              points: r.points ?? 0,
              comment: r.comment ?? '',
              voiceComment:
                r.voice_comment_id && r.voice_media_type
                  ? voiceComment({
                      id: r.voice_comment_id,
                      media_type: r.voice_media_type,
                      bytes: r.voice_bytes ?? 0,
                    })
                  : null,
              decidedAt: new Date(r.decided_at as Date).toISOString(),
            }
          : null,
    }));
  }

  /**
   * Each coach's latest task statuses in one cohort (for the roster): enrolment id → lesson key →
   * the latest round's status. Withdrawn rounds are skipped (the round before them counts).
   */
  async cohortTaskStates(cohortId: string): Promise<Map<string, Map<string, SubmissionStatus>>> {
    const rows = await transactionQuery<{
      enrolment_id: string;
      lesson_key: string;
      status: SubmissionStatus;
    }>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (enrolment_id, lesson_key) enrolment_id, lesson_key, status
         FROM practice_submissions WHERE cohort_id = $1 AND status <> 'withdrawn'
        ORDER BY enrolment_id, lesson_key, handed_in_at DESC`,
      [cohortId],
    );
    const out = new Map<string, Map<string, SubmissionStatus>>();
    for (const r of rows) {
      const byLesson = out.get(r.enrolment_id) ?? new Map<string, SubmissionStatus>();
      byLesson.set(r.lesson_key, r.status);
      out.set(r.enrolment_id, byLesson);
    }
    return out;
  }
}

function notWaiting(): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    'submission-not-waiting',
    'Not waiting',
    'This hand-in is no longer waiting for a review.',
  );
}
