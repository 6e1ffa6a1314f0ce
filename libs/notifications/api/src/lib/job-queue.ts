import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nodeRequire } from '@tc/shared/api';
import type { Pool } from 'pg';
import type { Db, JobResult, PgBoss, SendOptions } from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { JOB_QUEUE_OPTIONS, type JobQueueOptions } from './notifications.options';

/** The schema our migration CreateNotifications installs pg-boss into. */
export const JOB_SCHEMA = 'pgboss';

/** How a queue retries a failed job before it lands in its dead-letter queue. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) each time. */
  retryDelay: number;
  /** Longest wait between two attempts, seconds. */
  retryDelayMax: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 5, retryDelay: 30, retryDelayMax: 3600 };

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

/** A job that failed every attempt, kept in its queue's dead-letter queue (`<queue>.dead`). */
export interface DeadJob<T = unknown> {
  id: string;
  data: T;
  createdOn: Date;
}

interface Definition {
  handler: JobHandler<unknown>;
  retry: RetryPolicy;
}

/**
 * The platform's job queue: pg-boss on the app's own database and connection pool, so that
 *
 * - a job is enqueued with `send(manager, …)` in the caller's transaction: it exists if and only if
 *   the change that causes it commits;
 * - it works on the embedded database (PGlite serves one connection: pg-boss runs its SQL through the
 *   app's pool, one statement at a time, and polls instead of holding a LISTEN connection);
 * - each job is taken by exactly one replica (pg-boss fetches with `FOR UPDATE SKIP LOCKED`);
 * - a job that throws is retried with exponential back-off ({@link RetryPolicy}), then moved to the
 *   queue's dead-letter queue `<queue>.dead`, read with {@link deadLetters}.
 *
 * pg-boss's schema is created by our migrations (CreateNotifications); pg-boss starts with
 * `migrate: false` and refuses to run on another schema version than its own. Started when the app has
 * booted, stopped (waiting for the jobs in progress) before the pool closes.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(JobQueue.name);
  private readonly definitions = new Map<string, Definition>();
  private readonly schedules = new Map<string, string | null>();
  private boss: PgBoss | null = null;
  private starting: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE_OPTIONS) private readonly options: JobQueueOptions,
  ) {}

  /**
   * Declares a queue and the handler that runs its jobs in this process. Domains call it from their
   * `onModuleInit`; a call after the start (a spec) creates the queue and starts working at once.
   */
  async define<T>(name: string, handler: JobHandler<T>, retry: RetryPolicy = DEFAULT_RETRY): Promise<void> {
    this.definitions.set(name, { handler: handler as JobHandler<unknown>, retry });
    if (this.boss && !this.stopping)
      await this.work(this.boss, name, { handler: handler as JobHandler<unknown>, retry });
  }

  /**
   * Runs a queue's job on a cron schedule (UTC), or stops it (`cron` null): pg-boss's scheduler keeps
   * it in its `schedule` table and, under its advisory lock, sends one job per occurrence however many
   * replicas run. Declare the queue with {@link define} first.
   */
  async schedule(name: string, cron: string | null): Promise<void> {
    this.schedules.set(name, cron);
    if (this.boss && !this.stopping) await applySchedule(this.boss, name, cron);
  }

  /**
   * Enqueues a job in the caller's transaction (`manager` of `dataSource.transaction`): committed with
   * it, or never. `singletonKey` makes a second send of the same key a no-op while the first waits;
   * `startAfter` holds the job until then (a scheduled post).
   */
  async send<T extends object>(
    manager: EntityManager,
    name: string,
    data: T,
    options: { singletonKey?: string; startAfter?: Date } = {},
  ): Promise<string | null> {
    const boss = await this.started();
    const db = transactionDb(manager, name);
    // pg-boss recognises a Date by `instanceof`, which fails for one made in another realm (a test
    // runner's sandbox): an ISO text means the same everywhere.
    const { startAfter, ...rest } = options;
    return boss.send(name, data, {
      ...rest,
      ...(startAfter ? { startAfter: startAfter.toISOString() } : {}),
      db,
    } as SendOptions);
  }

  /**
   * Enqueues many jobs of one queue in the caller's transaction, as {@link send} does one: pg-boss's
   * `insert`, one statement per {@link SEND_MANY_CHUNK} jobs. For a producer that tells thousands of
   * people at once (a reminder scan, an announcement to a large cohort).
   */
  async sendMany<T extends object>(
    manager: EntityManager,
    name: string,
    jobs: { data: T; singletonKey?: string; startAfter?: Date }[],
  ): Promise<number> {
    if (jobs.length === 0) return 0;
    const boss = await this.started();
    const db = transactionDb(manager, name);
    for (let i = 0; i < jobs.length; i += SEND_MANY_CHUNK) {
      const chunk = jobs.slice(i, i + SEND_MANY_CHUNK).map(({ data, singletonKey, startAfter }) => ({
        data,
        ...(singletonKey ? { singletonKey } : {}),
        // As in `send`: an ISO text, not a Date from another realm.
        ...(startAfter ? { startAfter: startAfter.toISOString() } : {}),
      }));
      await boss.insert(name, chunk, { db });
    }
    return jobs.length;
  }

  /** The jobs of `name` that failed every attempt, newest first. */
  async deadLetters<T = unknown>(name: string): Promise<DeadJob<T>[]> {
    const boss = await this.started();
    const jobs = await boss.findJobs<T>(deadLetterOf(name));
    return jobs
      .map((j) => ({ id: j.id, data: j.data, createdOn: j.createdOn }))
      .sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.started();
  }

  /**
   * Before the pool closes: no new fetch, and the jobs in progress finish (or are retried later). Nest
   * runs this before the HTTP server has closed, so a request still in flight may yet enqueue: `send`
   * keeps working (it writes through the caller's transaction), the job waits for the next process.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const boss = this.boss;
    if (boss) await boss.stop({ graceful: true, close: false, timeout: this.options.stopTimeoutMs });
  }

  private started(): Promise<PgBoss> {
    this.starting ??= this.start();
    return this.starting.then(() => {
      if (!this.boss) throw new Error('The job queue did not start.');
      return this.boss;
    });
  }

  private async start(): Promise<void> {
    // pg-boss 12 is an ES module only; the API is CommonJS.
    const { PgBoss } = nodeRequire()('pg-boss') as typeof import('pg-boss');
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
      schema: JOB_SCHEMA,
      migrate: false,
      // Cron schedules (see `schedule`) and maintenance (expiring jobs whose process died, cleaning
      // up) both on.
      schedule: true,
      supervise: true,
    });
    // pg-boss reports background failures (a poll while the database restarts) as events; unheard,
    // an 'error' event would end the process.
    boss.on('error', (error) => this.log.warn(`Job queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    if (this.stopping) return;
    for (const [name, definition] of this.definitions) await this.work(boss, name, definition);
    for (const [name, cron] of this.schedules) await applySchedule(boss, name, cron);
  }

  private async work(boss: PgBoss, name: string, { handler, retry }: Definition): Promise<void> {
    const dead = deadLetterOf(name);
    if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { retentionSeconds: 30 * 24 * 3600 });
    const queue = { ...retry, retryBackoff: true, deadLetter: dead };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else await boss.createQueue(name, queue);
    // Up to BATCH jobs a fetch, run one after the other, each settled on its own (a failure retries
    // that job only); while fetches come back full the worker fetches again at once.
    await boss.work<unknown>(
      name,
      {
        pollingIntervalSeconds: this.options.pollingIntervalSeconds,
        batchSize: BATCH,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (jobs) => {
        const results: JobResult[] = [];
        for (const job of jobs) {
          try {
            await handler(job.data, { id: job.id, retryCount: job.retryCount });
            results.push({ id: job.id, status: 'completed' });
          } catch (error) {
            this.log.warn(`Job ${name} ${job.id} failed (attempt ${job.retryCount + 1}): ${message(error)}`);
            results.push({ id: job.id, status: 'failed', output: { message: message(error) } });
          }
        }
        return results;
      },
    );
  }
}

/**
 * pg-boss's SQL through the caller's transaction (its `db` option), so the job commits with the change
 * that causes it; outside a transaction it throws.
 */
function transactionDb(manager: EntityManager, name: string): Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive)
    throw new Error(`JobQueue.send(${name}) must run in the transaction of the change that causes it.`);
  return {
    executeSql: async (text, values) => ({
      rows: (await runner.query(text, values as unknown[], true)).records as unknown[],
    }),
  };
}

async function applySchedule(boss: PgBoss, name: string, cron: string | null): Promise<void> {
  if (cron) await boss.schedule(name, cron, {}, { tz: 'UTC' });
  else await boss.unschedule(name);
}

/** Jobs one `sendMany` statement inserts at most. */
export const SEND_MANY_CHUNK = 1000;

/** Jobs fetched at once by a worker. */
const BATCH = 10;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function deadLetterOf(name: string): string {
  return `${name}.dead`;
}
