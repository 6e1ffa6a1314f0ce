import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import JSZip from 'jszip';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '@tc/audit/api';
import { renderCertificate } from '@tc/learning/api';
import { JobQueue } from '@tc/notifications/api';
import { isLocale, type DataExport, type DataExportList, type Locale } from '@tc/shared/contracts';
import { ProblemException, transactionQuery, type AuthPrincipal } from '@tc/shared/api';
import { personRows } from './person-rows';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/** Builds one archive in the background. */
export const DATA_EXPORT_QUEUE = 'privacy.export';
/** Deletes archives past their day, every hour. */
export const DATA_EXPORT_EXPIRY_QUEUE = 'privacy.export-expiry';

interface ExportRow {
  id: string;
  user_id: string;
  status: DataExport['status'];
  file_token: string;
  bytes: string | null;
  requested_at: Date;
  ready_at: Date | null;
  expires_at: Date | null;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/mpeg': 'mp3',
  'text/plain': 'txt',
};

/**
 * "Download my data": a person asks, a job builds one ZIP of everything held about them (data.json,
 * their evidence files, their certificates as PDFs) under DATA_DIR, and the link serves it until it
 * expires (PRIVACY_EXPORT_DAYS), when the file is deleted — by the hourly job, or by the next request
 * that finds it past its day. Each request and each download is audited. Only the person sees theirs.
 */
@Injectable()
export class DataExportsService implements OnModuleInit {
  private readonly log = new Logger(DataExportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define<{ exportId: string }>(DATA_EXPORT_QUEUE, (data) => this.build(data.exportId), {
      retryLimit: 2,
      retryDelay: 30,
      retryDelayMax: 300,
    });
    await this.jobs.define(DATA_EXPORT_EXPIRY_QUEUE, async () => {
      await this.expire(null);
    });
    await this.jobs.schedule(DATA_EXPORT_EXPIRY_QUEUE, '17 * * * *');
  }

  /** A new request, or the one still being built (asking twice does not build twice). */
  async request(principal: AuthPrincipal): Promise<DataExport> {
    return this.dataSource.transaction(async (manager) => {
      // One request at a time per person: the lock makes a double click wait, then find the first.
      await transactionQuery(manager, `SELECT pg_advisory_xact_lock(hashtext('privacy.export:' || $1))`, [
        principal.userId,
      ]);
      const [pending] = await transactionQuery<ExportRow>(
        manager,
        `SELECT * FROM privacy_data_exports WHERE user_id = $1 AND status = 'pending'`,
        [principal.userId],
      );
      if (pending) return this.toContract(pending);
      const [row] = await transactionQuery<ExportRow>(
        manager,
        `INSERT INTO privacy_data_exports (user_id, file_token) VALUES ($1, $2) RETURNING *`,
        [principal.userId, randomBytes(24).toString('hex')],
      );
      const created = row as ExportRow;
      await this.jobs.send(manager, DATA_EXPORT_QUEUE, { exportId: created.id });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'privacy.export-requested',
        subjectType: 'user',
        subjectId: principal.userId,
        details: { exportId: created.id },
      });
      return this.toContract(created);
    });
  }

  async list(principal: AuthPrincipal): Promise<DataExportList> {
    await this.expire(principal.userId);
    const rows = (await this.dataSource.query(
      `SELECT * FROM privacy_data_exports WHERE user_id = $1 ORDER BY requested_at DESC, id LIMIT 20`,
      [principal.userId],
    )) as ExportRow[];
    return { items: rows.map((r) => this.toContract(r)) };
  }

  /** The ready archive's file, audited; someone else's: 404; past its day: 410; not built yet: 409. */
  async archive(
    principal: AuthPrincipal,
    id: string,
  ): Promise<{ path: string; bytes: number; name: string }> {
    await this.expire(principal.userId);
    const [row] = (await this.dataSource.query(
      `SELECT * FROM privacy_data_exports WHERE id = $1 AND user_id = $2`,
      [id, principal.userId],
    )) as ExportRow[];
    if (!row) throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not Found');
    if (row.status === 'expired')
      throw new ProblemException(
        HttpStatus.GONE,
        'gone',
        'Gone',
        'This archive has expired; ask for a new one.',
      );
    if (row.status !== 'ready')
      throw new ProblemException(HttpStatus.CONFLICT, 'conflict', 'Conflict', 'This archive is not ready.');
    const path = this.pathOf(row.file_token);
    const bytes = (await stat(path)).size;
    await this.dataSource.transaction((manager) =>
      writeAudit(manager, {
        actorId: principal.userId,
        action: 'privacy.export-downloaded',
        subjectType: 'user',
        subjectId: principal.userId,
        details: { exportId: row.id },
      }),
    );
    const day = (row.ready_at ?? row.requested_at).toISOString().slice(0, 10);
    return { path, bytes, name: `my-data-${day}.zip` };
  }

  /** The job: reads everything, writes the ZIP beside its final name, then renames it in place. */
  async build(exportId: string): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM privacy_data_exports WHERE id = $1 AND status = 'pending'`,
      [exportId],
    )) as ExportRow[];
    if (!row) return;
    try {
      const zip = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
        this.contents(manager, row),
      );
      await mkdir(this.options.exportDir, { recursive: true });
      const path = this.pathOf(row.file_token);
      const partial = `${path}.part`;
      await pipeline(
        zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' }),
        createWriteStream(partial, { mode: 0o600 }),
      );
      await rename(partial, path);
      const bytes = (await stat(path)).size;
      await this.dataSource.query(
        `UPDATE privacy_data_exports
            SET status = 'ready', bytes = $2, ready_at = now(), expires_at = now() + make_interval(days => $3)
          WHERE id = $1 AND status = 'pending'`,
        [row.id, bytes, this.options.exportDays],
      );
    } catch (error) {
      this.log.error(`Data export ${row.id} failed: ${(error as Error).message}`);
      await rm(`${this.pathOf(row.file_token)}.part`, { force: true });
      await this.dataSource.query(
        `UPDATE privacy_data_exports SET status = 'failed', failure = $2 WHERE id = $1 AND status = 'pending'`,
        [row.id, (error as Error).message.slice(0, 200)],
      );
    }
  }

  /** Marks archives past their day expired and deletes their files (one person's, or everyone's). */
  async expire(userId: string | null): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE privacy_data_exports SET status = 'expired'
        WHERE status = 'ready' AND expires_at <= now() AND ($1::uuid IS NULL OR user_id = $1)
        RETURNING file_token`,
      [userId],
    )) as [{ file_token: string }[], number] | { file_token: string }[];
    const tokens = (Array.isArray(rows[0]) ? rows[0] : rows) as { file_token: string }[];
    for (const { file_token } of tokens) await rm(this.pathOf(file_token), { force: true });
    return tokens.length;
  }

  private async contents(manager: EntityManager, row: ExportRow): Promise<JSZip> {
    const [person] = await transactionQuery<{ id: string; email: string; language: string }>(
      manager,
      `SELECT id, email, language FROM user_directory WHERE id = $1`,
      [row.user_id],
    );
    if (!person) throw new Error('The person is gone.');
    const sections = await personRows(manager, person);
    const zip = new JSZip();
    const tables: Record<string, Record<string, { domain: string; about: string; rows: unknown[] }>> = {};
    for (const s of sections) {
      tables[s.table] ??= {};
      (tables[s.table] as Record<string, unknown>)[s.column] = {
        domain: s.domain,
        about: s.about,
        rows: s.rows,
      };
    }
    const files: string[] = [];

    // The person's own evidence files, as handed in.
    const evidence = sections.find((s) => s.table === 'practice_evidence_files' && s.column === 'coach_id');
    for (const file of evidence?.rows ?? []) {
      const name = `evidence/${String(file['id'])}.${EXTENSIONS[String(file['media_type'])] ?? 'bin'}`;
      const key = String(file['storage_key']);
      const path = join(this.options.evidenceDir, ...key.split('/'));
      try {
        // Streamed from disk while the archive is written (generateNodeStream with streamFiles):
        // a person with many photos does not hold them all in memory at once.
        await stat(path);
        zip.file(name, createReadStream(path));
        files.push(name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }

    // Their certificates, as the PDF they download (revoked ones stay in data.json only).
    const language: Locale = isLocale(person.language) ? person.language : 'fr';
    const certificates = sections.find((s) => s.table === 'certificates' && s.column === 'enrolment_id');
    for (const c of certificates?.rows ?? []) {
      if (c['revoked_at']) continue;
      const titles = c['course_title'] as Record<string, string>;
      const territories = c['territory_name'] as Record<string, string>;
      const pdf = await renderCertificate({
        code: String(c['code']),
        holderName: String(c['holder_name']),
        courseTitle: titles[language] ?? Object.values(titles)[0] ?? '',
        courseVersion: Number(c['course_version']),
        issuedAt: c['issued_at'] as Date,
        territoryName: territories[language] ?? '',
        verifyUrl: `${this.options.publicUrl.replace(/\/$/, '')}/verify/${String(c['code'])}`,
        locale: language,
      });
      const name = `certificates/${String(c['code'])}.pdf`;
      zip.file(name, pdf);
      files.push(name);
    }

    const document = {
      format: 'coaching-territorial/personal-data',
      version: 1,
      generatedAt: new Date().toISOString(),
      person: { id: person.id, email: person.email },
      about:
        'Everything this platform holds about you: for each table, the rows found through each column that names you, ' +
        'with what they are. Secrets (password and token hashes, browser keys) are left out; files are beside this one.',
      files,
      tables,
    };
    zip.file('data.json', JSON.stringify(document, null, 2));
    return zip;
  }

  private pathOf(token: string): string {
    if (!/^[0-9a-f]{48}$/.test(token)) throw new Error('Not an archive token.');
    return join(this.options.exportDir, `${token}.zip`);
  }

  private toContract(row: ExportRow): DataExport {
    return {
      id: row.id,
      status: row.status,
      requestedAt: new Date(row.requested_at).toISOString(),
      readyAt: row.ready_at ? new Date(row.ready_at).toISOString() : null,
      expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
      bytes: row.bytes === null ? null : Number(row.bytes),
      archiveUrl: row.status === 'ready' ? `/api/v1/me/data-exports/${row.id}/archive` : null,
    };
  }
}
