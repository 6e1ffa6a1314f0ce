import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import {
  EVIDENCE_KINDS,
  type EvidenceFile,
  type EvidenceFileKind,
  type FieldError,
  type VoiceComment,
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { carriesGpsPosition, pdfHasActiveContent, sniffMediaType } from './evidence-content';
import { notFound, PracticeAccess } from './practice-access';
import {
  MAX_EVIDENCE_BYTES,
  MAX_UNUSED_VOICE_COMMENT_BYTES,
  PRACTICE_OPTIONS,
  type PracticeOptions,
} from './practice.options';
import { evidenceRule } from './task-content';

/** A coach's evidence for one task of one enrolment. */
export interface EvidenceTarget {
  enrolmentId: string;
  lessonKey: string;
  kind: EvidenceFileKind;
}

/** A trainer's voice comment on a round they may review. */
export interface VoiceCommentTarget {
  submissionId: string;
  kind: 'audio';
}

/** What an upload says it is for (tus `Upload-Metadata`), checked against the caller before a byte is taken. */
export type UploadTarget = EvidenceTarget | VoiceCommentTarget;

export const isVoiceCommentTarget = (target: UploadTarget): target is VoiceCommentTarget =>
  'submissionId' in target;

interface VoiceCommentRow {
  id: string;
  submission_id: string;
  trainer_id: string;
  media_type: string;
  bytes: number;
  sha256: string;
  storage_key: string;
}

export function voiceComment(r: Pick<VoiceCommentRow, 'id' | 'media_type' | 'bytes'>): VoiceComment {
  return { id: r.id, mediaType: r.media_type, bytes: r.bytes };
}

interface EvidenceRow {
  id: string;
  enrolment_id: string;
  lesson_key: string;
  coach_id: string;
  kind: EvidenceFileKind;
  media_type: string;
  bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_KINDS = EVIDENCE_KINDS.filter((k): k is EvidenceFileKind => k !== 'text');

export function evidenceFile(r: EvidenceRow): EvidenceFile {
  return {
    id: r.id,
    kind: r.kind,
    mediaType: r.media_type,
    bytes: r.bytes,
    sha256: r.sha256.trim(),
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  };
}

/**
 * Evidence files: whether an upload may start (the coach's own task that takes that kind, within the
 * kind's size and the coach's quota), what a finished upload is (sniffed, a photo without its GPS
 * position, a PDF without active content), stored once per task and content, read back by the people
 * who may, and deleted by the coach while no hand-in holds it.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    @Inject(PRACTICE_OPTIONS) private readonly options: PracticeOptions,
  ) {}

  /**
   * The upload's target from its metadata, or a 400 naming what is missing: `submissionId` (a voice
   * comment on that round, `kind` audio), else `enrolmentId` and `lessonKey` (evidence).
   */
  target(metadata: Record<string, string | null | undefined>): UploadTarget {
    const errors: FieldError[] = [];
    const submissionId = metadata['submissionId'];
    if (submissionId !== undefined && submissionId !== null) {
      if (!UUID.test(submissionId))
        errors.push({ field: 'submissionId', message: 'submissionId must be a UUID', code: 'invalid-uuid' });
      if (metadata['kind'] !== 'audio')
        errors.push({
          field: 'kind',
          message: 'A voice comment is audio',
          code: 'not-allowed',
          params: { allowed: ['audio'] },
        });
      if (errors.length) throw validationProblem(errors);
      return { submissionId, kind: 'audio' };
    }
    const enrolmentId = metadata['enrolmentId'] ?? '';
    const lessonKey = metadata['lessonKey'] ?? '';
    const kind = metadata['kind'] ?? '';
    if (!UUID.test(enrolmentId))
      errors.push({ field: 'enrolmentId', message: 'enrolmentId must be a UUID', code: 'invalid-uuid' });
    if (!lessonKey || lessonKey.length > 64)
      errors.push({
        field: 'lessonKey',
        message: 'lessonKey is required (≤ 64 characters)',
        code: 'required',
      });
    if (!FILE_KINDS.includes(kind as EvidenceFileKind))
      errors.push({
        field: 'kind',
        message: `kind must be one of ${FILE_KINDS.join(', ')}`,
        code: 'not-allowed',
        params: { allowed: [...FILE_KINDS] },
      });
    if (errors.length) throw validationProblem(errors);
    return { enrolmentId, lessonKey, kind: kind as EvidenceFileKind };
  }

  /**
   * Before an upload starts: the caller's own task takes this kind (or, for a voice comment, the
   * caller may review the round and it still waits), and the size fits.
   */
  async checkStart(principal: AuthPrincipal, target: UploadTarget, length: number | null): Promise<void> {
    if (isVoiceCommentTarget(target)) return this.checkVoiceCommentStart(principal, target, length);
    const manager = this.dataSource.manager;
    const { task, enrolment } = await this.access.task(
      manager,
      principal,
      target.enrolmentId,
      target.lessonKey,
      'coach',
    );
    if (enrolment.status !== 'active') throw withdrawn();
    if (!evidenceRule(task.task, target.kind))
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'evidence-kind',
        'Kind not taken',
        `This task takes no ${target.kind}.`,
        [{ field: 'kind', message: `This task takes no ${target.kind}`, code: 'evidence-kind' }],
      );
    if (length === null)
      throw validationProblem([
        { field: 'Upload-Length', message: 'The upload must say its length', code: 'required' },
      ]);
    this.checkSize(target.kind, length);
    await this.checkQuota(manager, principal.userId, length);
  }

  private checkSize(kind: EvidenceFileKind, length: number): void {
    const max = MAX_EVIDENCE_BYTES[kind];
    if (length > max)
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'media-too-large',
        'File too large',
        `A ${kind} may weigh at most ${max} bytes.`,
        [
          {
            field: 'Upload-Length',
            message: `At most ${max} bytes`,
            code: 'media-too-large',
            params: { max },
          },
        ],
        { max },
      );
    if (length === 0)
      throw validationProblem([
        { field: 'Upload-Length', message: 'The file is empty', code: 'media-empty' },
      ]);
  }

  private async checkQuota(manager: EntityManager, coachId: string, more: number): Promise<void> {
    const [row] = await transactionQuery<{ used: string }>(
      manager,
      'SELECT coalesce(sum(bytes), 0)::bigint AS used FROM practice_evidence_files WHERE coach_id = $1',
      [coachId],
    );
    const used = Number(row?.used ?? 0);
    if (used + more > this.options.quotaBytes)
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'evidence-quota',
        'Evidence space full',
        `Your evidence files use ${used} of ${this.options.quotaBytes} bytes.`,
        undefined,
        { used, quota: this.options.quotaBytes },
      );
  }

  /**
   * A finished upload (its bytes at `path`, a temporary file): checked, then kept once per task and
   * content. Answers the evidence file (the existing one when the same content was stored before); the
   * temporary file is gone either way.
   */
  async store(principal: AuthPrincipal, target: EvidenceTarget, path: string): Promise<EvidenceFile> {
    try {
      const bytes = await readFile(path);
      this.checkSize(target.kind, bytes.length);
      const mediaType = sniffMediaType(target.kind, bytes);
      if (!mediaType)
        throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'media-type',
          'Unexpected content',
          `The content is not a ${target.kind} this platform takes.`,
          [{ field: 'kind', message: `Not a ${target.kind}`, code: 'media-type' }],
        );
      if (mediaType === 'image/jpeg' && (await carriesGpsPosition(bytes).catch(() => false)))
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'evidence-location',
          'Photo with a position',
          'The photo still carries its GPS position; the app removes it before uploading.',
        );
      if (mediaType === 'application/pdf' && pdfHasActiveContent(bytes))
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'media-pdf-active-content',
          'PDF with active content',
          'The PDF holds scripts, actions or embedded files.',
        );
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = `${target.enrolmentId}/${sha256}`;
      return await this.dataSource.transaction(async (manager) => {
        // The task and the rights again, in the transaction: the enrolment may have moved since the start.
        const { enrolment } = await this.access.task(
          manager,
          principal,
          target.enrolmentId,
          target.lessonKey,
          'coach',
          true,
        );
        if (enrolment.status !== 'active') throw withdrawn();
        const [existing] = await transactionQuery<EvidenceRow>(
          manager,
          `SELECT * FROM practice_evidence_files WHERE enrolment_id = $1 AND lesson_key = $2 AND sha256 = $3`,
          [target.enrolmentId, target.lessonKey, sha256],
        );
        if (existing) return evidenceFile(existing);
        await this.checkQuota(manager, principal.userId, bytes.length);
        const [row] = await transactionQuery<EvidenceRow>(
          manager,
          `INSERT INTO practice_evidence_files (id, enrolment_id, lesson_key, coach_id, kind, media_type, bytes, sha256, storage_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            randomUUID(),
            target.enrolmentId,
            target.lessonKey,
            principal.userId,
            target.kind,
            mediaType,
            bytes.length,
            sha256,
            storageKey,
          ],
        );
        // Written before the commit: a row never points at a missing file (a file without a row is
        // harmless, and the same content stores to the same place).
        const dest = this.pathOf(storageKey);
        await mkdir(join(this.options.evidenceDir, target.enrolmentId), { recursive: true });
        // The uploads folder may sit on another filesystem: then a copy (the temporary file goes below).
        await rename(path, dest).catch(() => copyFile(path, dest));
        return evidenceFile(row as EvidenceRow);
      });
    } finally {
      await rm(path, { force: true });
    }
  }

  private async checkVoiceCommentStart(
    principal: AuthPrincipal,
    target: VoiceCommentTarget,
    length: number | null,
  ): Promise<void> {
    const manager = this.dataSource.manager;
    await this.reviewable(manager, principal, target.submissionId);
    if (length === null)
      throw validationProblem([
        { field: 'Upload-Length', message: 'The upload must say its length', code: 'required' },
      ]);
    this.checkSize('audio', length);
    await this.checkUnusedVoiceComments(manager, principal.userId, length);
  }

  /**
   * The round, when the person may review it (else 404) and it still waits (else 409). `lock`: the
   * enrolment's row and then the round's, in the order the review takes them.
   */
  private async reviewable(
    manager: EntityManager,
    principal: AuthPrincipal,
    submissionId: string,
    lock = false,
  ): Promise<void> {
    const [found] = await transactionQuery<{ enrolment_id: string }>(
      manager,
      'SELECT enrolment_id FROM practice_submissions WHERE id = $1',
      [submissionId],
    );
    if (!found) throw notFound('No such hand-in.');
    await this.access.enrolment(manager, principal, found.enrolment_id, 'review', lock).catch(() => {
      throw notFound('No such hand-in.');
    });
    const [row] = await transactionQuery<{ status: string }>(
      manager,
      `SELECT status FROM practice_submissions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [submissionId],
    );
    if (row?.status !== 'waiting')
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'submission-not-waiting',
        'Not waiting',
        'This hand-in is no longer waiting for a review.',
      );
  }

  /**
   * A trainer's voice comments that no review holds yet (those of rounds still waiting: a review or a
   * withdrawal deletes the others), with `more`, stay within their bound.
   */
  private async checkUnusedVoiceComments(
    manager: EntityManager,
    trainerId: string,
    more: number,
  ): Promise<void> {
    const [row] = await transactionQuery<{ used: string }>(
      manager,
      `SELECT coalesce(sum(v.bytes), 0)::bigint AS used FROM practice_voice_comments v
         JOIN practice_submissions s ON s.id = v.submission_id AND s.status = 'waiting'
        WHERE v.trainer_id = $1`,
      [trainerId],
    );
    const used = Number(row?.used ?? 0);
    if (used + more > MAX_UNUSED_VOICE_COMMENT_BYTES)
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'voice-comment-quota',
        'Voice comments waiting',
        `Voice comments not yet given in a review use ${used} of ${MAX_UNUSED_VOICE_COMMENT_BYTES} bytes.`,
        undefined,
        { used, quota: MAX_UNUSED_VOICE_COMMENT_BYTES },
      );
  }

  /**
   * A finished voice comment upload (its bytes at `path`): audio as sniffed, within the size, kept once
   * per round, trainer and content, while the round still waits for a review the caller may make. The
   * temporary file is gone either way.
   */
  async storeVoiceComment(
    principal: AuthPrincipal,
    target: VoiceCommentTarget,
    path: string,
  ): Promise<VoiceComment> {
    try {
      const bytes = await readFile(path);
      this.checkSize('audio', bytes.length);
      const mediaType = sniffMediaType('audio', bytes);
      if (!mediaType)
        throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'media-type',
          'Unexpected content',
          'The content is not a recording this platform takes.',
          [{ field: 'kind', message: 'Not audio', code: 'media-type' }],
        );
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return await this.dataSource.transaction(async (manager) => {
        await this.reviewable(manager, principal, target.submissionId, true);
        const [existing] = await transactionQuery<VoiceCommentRow>(
          manager,
          `SELECT * FROM practice_voice_comments WHERE submission_id = $1 AND trainer_id = $2 AND sha256 = $3`,
          [target.submissionId, principal.userId, sha256],
        );
        if (existing) return voiceComment(existing);
        await this.checkUnusedVoiceComments(manager, principal.userId, bytes.length);
        const id = randomUUID();
        const storageKey = `voice/${target.submissionId}/${id}`;
        const [row] = await transactionQuery<VoiceCommentRow>(
          manager,
          `INSERT INTO practice_voice_comments (id, submission_id, trainer_id, media_type, bytes, sha256, storage_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [id, target.submissionId, principal.userId, mediaType, bytes.length, sha256, storageKey],
        );
        const dest = this.pathOf(storageKey);
        await mkdir(join(this.options.evidenceDir, 'voice', target.submissionId), { recursive: true });
        await rename(path, dest).catch(() => copyFile(path, dest));
        return voiceComment(row as VoiceCommentRow);
      });
    } finally {
      await rm(path, { force: true });
    }
  }

  /**
   * A voice comment a review gives: for whoever may read the round (the coach, the cohort's trainers,
   * the admins of its territory). One no review holds yet: for the trainer who recorded it only.
   * Anyone else: 404.
   */
  async openVoiceComment(
    principal: AuthPrincipal,
    id: string,
  ): Promise<{ file: VoiceComment; path: string }> {
    const manager = this.dataSource.manager;
    const [row] = await transactionQuery<VoiceCommentRow & { enrolment_id: string; used: boolean }>(
      manager,
      `SELECT v.*, s.enrolment_id, (r.submission_id IS NOT NULL) AS used
         FROM practice_voice_comments v
         JOIN practice_submissions s ON s.id = v.submission_id
         LEFT JOIN practice_reviews r ON r.voice_comment_id = v.id
        WHERE v.id = $1`,
      [id],
    );
    if (!row || (!row.used && row.trainer_id !== principal.userId)) throw notFound('No such file.');
    await this.access.enrolment(manager, principal, row.enrolment_id, 'read').catch(() => {
      throw notFound('No such file.');
    });
    const path = this.pathOf(row.storage_key);
    if (!(await stat(path).catch(() => null))) throw notFound('No such file.');
    return { file: voiceComment(row), path };
  }

  /** The caller's voice comment `id` on the round, if they uploaded it for that round. */
  async voiceCommentOf(
    manager: EntityManager,
    submissionId: string,
    trainerId: string,
    id: string,
  ): Promise<VoiceComment | null> {
    const [row] = await transactionQuery<VoiceCommentRow>(
      manager,
      'SELECT * FROM practice_voice_comments WHERE id = $1 AND submission_id = $2 AND trainer_id = $3',
      [id, submissionId, trainerId],
    );
    return row ? voiceComment(row) : null;
  }

  /**
   * Once a round is reviewed: its voice comments other than `keep` (recorded again, or by someone who
   * did not review) go. Deletes the rows; answers the files to remove once the transaction commits.
   */
  async dropVoiceComments(
    manager: EntityManager,
    submissionId: string,
    keep: string | null,
  ): Promise<string[]> {
    const rows = await transactionQuery<{ storage_key: string }>(
      manager,
      `DELETE FROM practice_voice_comments WHERE submission_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)
       RETURNING storage_key`,
      [submissionId, keep],
    );
    return rows.map((r) => r.storage_key);
  }

  /** Removes stored files (after the rows that named them are gone). */
  async removeStored(storageKeys: string[]): Promise<void> {
    await Promise.all(storageKeys.map((key) => rm(this.pathOf(key), { force: true })));
  }

  /** The file, for the coach, the cohort's trainers and the admins of its territory; else 404. */
  async open(principal: AuthPrincipal, id: string): Promise<{ file: EvidenceFile; path: string }> {
    const manager = this.dataSource.manager;
    const row = await this.row(manager, id);
    if (!row) throw notFound('No such file.');
    await this.access.enrolment(manager, principal, row.enrolment_id, 'read').catch(() => {
      throw notFound('No such file.');
    });
    const path = this.pathOf(row.storage_key);
    if (!(await stat(path).catch(() => null))) throw notFound('No such file.');
    return { file: evidenceFile(row), path };
  }

  /** A coach deletes a file no hand-in holds (a draft); one held by a round withdrawn goes too. */
  async remove(principal: AuthPrincipal, id: string): Promise<void> {
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, id);
      if (!row) throw notFound('No such file.');
      await this.access.enrolment(manager, principal, row.enrolment_id, 'coach', true);
      const [held] = await transactionQuery<{ n: number }>(
        manager,
        `SELECT count(*)::int AS n FROM practice_submission_files f
           JOIN practice_submissions s ON s.id = f.submission_id
          WHERE f.evidence_id = $1 AND s.status <> 'withdrawn'`,
        [id],
      );
      if (held && held.n > 0)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'evidence-in-use',
          'File handed in',
          'This file is part of a hand-in and stays with it.',
        );
      await transactionQuery(manager, 'DELETE FROM practice_submission_files WHERE evidence_id = $1', [id]);
      await transactionQuery(manager, 'DELETE FROM practice_evidence_files WHERE id = $1', [id]);
      return row.storage_key;
    });
    await rm(this.pathOf(storageKey), { force: true });
  }

  /** Files of one enrolment's task among `ids`, by id. */
  async ofTask(
    manager: EntityManager,
    enrolmentId: string,
    lessonKey: string,
    ids: string[],
  ): Promise<Map<string, EvidenceFile>> {
    if (!ids.length) return new Map();
    const rows = await transactionQuery<EvidenceRow>(
      manager,
      `SELECT * FROM practice_evidence_files WHERE id = ANY($1::uuid[]) AND enrolment_id = $2 AND lesson_key = $3`,
      [ids, enrolmentId, lessonKey],
    );
    return new Map(rows.map((r) => [r.id, evidenceFile(r)]));
  }

  private async row(manager: EntityManager, id: string): Promise<EvidenceRow | undefined> {
    const [row] = await transactionQuery<EvidenceRow>(
      manager,
      'SELECT * FROM practice_evidence_files WHERE id = $1',
      [id],
    );
    return row;
  }

  private pathOf(storageKey: string): string {
    return join(this.options.evidenceDir, ...storageKey.split('/'));
  }
}

function withdrawn(): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    'enrolment-withdrawn',
    'Enrolment withdrawn',
    'This enrolment is withdrawn.',
  );
}
