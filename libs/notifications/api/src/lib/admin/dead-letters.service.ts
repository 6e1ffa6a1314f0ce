import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeadLetter, DeadLetterPage, RetriedDeadLetter } from '@tc/shared/contracts';
import { type AuthPrincipal, scopesFor, transactionQuery } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { JOB_SCHEMA, JobQueue } from '../job-queue';
import { idsOnly, shortError } from './dead-letter-view';
import { DEAD_LETTER_CURSOR } from './dead-letters.dto';

interface DeadRow {
  id: string;
  source_name: string | null;
  name: string;
  source_created_on: Date | null;
  created_on: Date;
  micros: string;
  source_retry_count: number | null;
  source_output: unknown;
  data: unknown;
}

/** The dead-letter queues: pg-boss's queues named `<queue>.dead` (see `deadLetterOf`). */
const DEAD_QUEUES = `SELECT q.name FROM ${JOB_SCHEMA}.queue q WHERE q.name LIKE '%.dead'`;

/**
 * The job queue's dead letters across every queue, for the platform's admins (those of the root
 * territory: the jobs are everyone's, not a region's): a page, newest failure first, and the retry of
 * one. Reads pg-boss's `job` table directly (pg-boss's own `findJobs` reads one queue and has no
 * keyset page), and only the dead-letter queues' jobs, which no worker takes (`state = 'created'`).
 */
@Injectable()
export class DeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {}

  async list(
    principal: AuthPrincipal,
    query: { queue?: string; limit?: number; cursor?: string },
  ): Promise<DeadLetterPage> {
    this.mustBePlatformAdmin(principal);
    const limit = query.limit ?? 50;
    const values: unknown[] = [];
    const where = [`j.state = 'created'`];
    if (query.queue) {
      values.push(`${query.queue}.dead`);
      where.push(`j.name = $${values.length}`);
    } else where.push(`j.name IN (${DEAD_QUEUES})`);
    const cursor = query.cursor ? DEAD_LETTER_CURSOR.exec(query.cursor) : null;
    if (cursor) {
      values.push(cursor[1], cursor[2]);
      where.push(`(${MICROS}, j.id) < ($${values.length - 1}::bigint, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT j.id, j.name, j.source_name, j.source_created_on, j.created_on, ${MICROS}::text AS micros,
              j.source_retry_count, j.source_output, j.data
       FROM ${JOB_SCHEMA}.job j
       WHERE ${where.join(' AND ')}
       ORDER BY j.created_on DESC, j.id DESC
       LIMIT $${values.length}`,
      values,
    )) as DeadRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDeadLetter),
      nextCursor: rows.length > limit && last ? `${last.micros}_${last.id}` : null,
    };
  }

  /**
   * Queues the dead letter's job again in its own queue, as a new job with the queue's retry policy,
   * and removes the dead letter, in one transaction with the audit entry: two admins retrying the
   * same one at once queue it once (the second finds nothing: 404).
   */
  async retry(principal: AuthPrincipal, id: string, reason?: string): Promise<RetriedDeadLetter> {
    this.mustBePlatformAdmin(principal);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await transactionQuery<
        Pick<DeadRow, 'name' | 'source_name' | 'data' | 'source_retry_count'>
      >(
        manager,
        `DELETE FROM ${JOB_SCHEMA}.job j
         WHERE j.id = $1 AND j.state = 'created' AND j.source_name IS NOT NULL AND j.name IN (${DEAD_QUEUES})
         RETURNING j.name, j.source_name, j.data, j.source_retry_count`,
        [id],
      );
      if (!row?.source_name) throw new NotFoundException('No such dead letter.');
      const jobId = await this.queue.send(manager, row.source_name, (row.data ?? {}) as object);
      if (!jobId) throw new Error(`The job could not be queued again in ${row.source_name}.`);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'job.retried',
        subjectType: 'job',
        subjectId: id,
        details: {
          queue: row.source_name,
          jobId,
          attempts: (row.source_retry_count ?? 0) + 1,
          ...(reason ? { reason } : {}),
        },
      });
      return { jobId, queue: row.source_name };
    });
  }

  private mustBePlatformAdmin(principal: AuthPrincipal): void {
    if (!scopesFor(principal, 'admin').some((p) => p.split('/').filter(Boolean).length === 1))
      throw new ForbiddenException("Only the platform's admins see the job queue's dead letters.");
  }
}

/** The failure time in microseconds since 1970, exactly (extract gives a numeric). */
const MICROS = `(extract(epoch FROM j.created_on) * 1000000)::bigint`;

function toDeadLetter(r: DeadRow): DeadLetter {
  return {
    id: r.id,
    queue: r.source_name ?? r.name.replace(/\.dead$/, ''),
    createdAt: r.source_created_on ? new Date(r.source_created_on).toISOString() : null,
    failedAt: new Date(r.created_on).toISOString(),
    attempts: (r.source_retry_count ?? 0) + 1,
    error: shortError(r.source_output),
    ...idsOnly(r.data),
  };
}
