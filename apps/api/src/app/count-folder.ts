import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { DataSource, type QueryRunner } from 'typeorm';
import { LearnerRecords } from '@tc/cohorts/api';
import { FOLD_EVERY_MS, FOLD_LOCK_KEY } from '@tc/shared/api';
import { foldRollups } from '@tc/observatory/api';
import { foldPracticeCounts } from '@tc/practice/api';
import { foldImpactCounts } from '@tc/fieldwork/api';

export interface FoldReport {
  /** Counter moves and rollup delta rows applied. */
  counters: number;
  rollups: number;
  /** Practice count moves applied (hand-ins, withdrawals, reviews). */
  practice: number;
  /** Field log impact delta rows applied (and organisations re-contributed when a coach completed). */
  impact: number;
  ms: number;
}

/**
 * Applies the deltas that progress, quiz, completion and enrolment transactions append (instead of
 * updating rows that other coaches update too) to the shared counts: the cohort progress counters
 * (cohorts) and the observatory's rollups, every {@link FOLD_EVERY_MS}, in one transaction that also
 * deletes what it applied.
 *
 * - One folder at a time: each process tries a session-level advisory lock and skips its turn when
 *   another holds it, so several API processes share the work without waiting on each other. The
 *   lock is taken before the transaction begins, so the fold's snapshot sees everything the previous
 *   fold did.
 * - REPEATABLE READ: every delta table is read in one snapshot, so the rollups move together; a delta
 *   committed after the snapshot waits for the next fold.
 * - Exactly once: the fold deletes the rows it applies in the same transaction; a fold that fails, or
 *   whose process or database dies mid-way, rolls back whole and leaves its deltas for the next one.
 * - On PGlite (one connection) it runs the same way, between requests.
 */
@Injectable()
export class CountFolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(CountFolder.name);
  private timer: NodeJS.Timeout | null = null;
  /** The fold in progress in this process, if any: folds here run one after the other. */
  private current: Promise<FoldReport | null> = Promise.resolve(null);
  private busy = false;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), FOLD_EVERY_MS);
    this.timer.unref();
  }

  /** Before the pool closes: no new fold, and the one in progress finishes (or rolls back). */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current.catch(() => undefined);
  }

  /**
   * Folds now, after the fold in progress (here or in another process) has finished: what a start
   * does after the demo data, and what specs call instead of waiting for the next turn.
   */
  async foldNow(): Promise<FoldReport> {
    for (;;) {
      const report = await this.serialised();
      if (report) return report;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.timer) return;
    try {
      await this.serialised();
      if (this.failing) this.log.log('Folding the count deltas works again');
      this.failing = false;
    } catch (error) {
      // Typically the database restarting: said once, tried again at the next turn.
      if (!this.failing)
        this.log.warn(
          `Folding the count deltas failed, retried every ${FOLD_EVERY_MS} ms: ${error instanceof Error ? error.message : String(error)}`,
        );
      this.failing = true;
    }
  }

  private serialised(): Promise<FoldReport | null> {
    const next = this.current
      .catch(() => null)
      .then(async () => {
        this.busy = true;
        try {
          return await this.fold();
        } finally {
          this.busy = false;
        }
      });
    this.current = next;
    return next;
  }

  /** One fold, or null when another folder holds the lock. */
  private async fold(): Promise<FoldReport | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let lockKept: unknown = null;
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        FOLD_LOCK_KEY,
      ])) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await this.foldLocked(runner);
      } finally {
        await runner
          .query('SELECT pg_advisory_unlock($1::bigint)', [FOLD_LOCK_KEY])
          .catch((error: unknown) => {
            lockKept = error;
          });
      }
    } finally {
      // A connection that may still hold the lock is closed rather than given back to the pool.
      if (lockKept) await (runner as unknown as Destroyable).releasePostgresConnection(lockKept);
      else await runner.release();
    }
  }

  private async foldLocked(runner: QueryRunner): Promise<FoldReport> {
    const started = performance.now();
    await runner.startTransaction('REPEATABLE READ');
    try {
      const counters = await this.records.foldCounterDeltas(runner.manager);
      const rollups = await foldRollups(runner.manager);
      const practice = await foldPracticeCounts(runner.manager);
      const impact = await foldImpactCounts(runner.manager);
      await runner.commitTransaction();
      return { counters, rollups, practice, impact, ms: performance.now() - started };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }
}

/** TypeORM's PostgreSQL query runner: released with an error, its connection is closed, not pooled. */
interface Destroyable {
  releasePostgresConnection(error: unknown): Promise<void>;
}
