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
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { carriesGpsPosition, pdfHasActiveContent, sniffMediaType } from './evidence-content';
import { notFound, PracticeAccess } from './practice-access';
import { MAX_EVIDENCE_BYTES, PRACTICE_OPTIONS, type PracticeOptions } from './practice.options';
import { evidenceRule } from './task-content';

/** What an upload says it is for (tus `Upload-Metadata`), checked against the caller before a byte is taken. */
export interface UploadTarget {
  enrolmentId: string;
  lessonKey: string;
  kind: EvidenceFileKind;
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

  /** The upload's target from its metadata, or a 400 naming what is missing. */
  target(metadata: Record<string, string | null | undefined>): UploadTarget {
    const errors: FieldError[] = [];
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

  /** Before an upload starts: the caller's own task takes this kind, and the size fits. */
  async checkStart(principal: AuthPrincipal, target: UploadTarget, length: number | null): Promise<void> {
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
  async store(principal: AuthPrincipal, target: UploadTarget, path: string): Promise<EvidenceFile> {
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
