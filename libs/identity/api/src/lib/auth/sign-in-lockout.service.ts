import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SignInLockout } from '@tc/shared/contracts';
import { transactionQuery } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';

interface FailureRow {
  failures: number;
  lockouts: number;
}

/** How long the `lockouts`-th lockout lasts: base, doubled at each further one, capped. */
export function lockoutSeconds(lockouts: number, options: IdentityOptions['signInLockout']): number {
  const doubled = options.baseSeconds * 2 ** Math.min(Math.max(lockouts - 1, 0), 30);
  return Math.min(doubled, options.maxSeconds);
}

/**
 * Sign-in lockout with back-off, per e-mail address, in the database (every API process sees the same
 * counts). After `afterFailures` wrong passwords in a row the address is locked for `baseSeconds`; each
 * further lockout doubles that, up to `maxSeconds`. A successful sign-in (or a password reset) starts
 * over. Unknown addresses are counted and locked like real ones: the answers enumerate nothing.
 */
/** How long a count is kept after an address's last failure (and its lockout's end): then it starts over. */
export const FAILURES_KEPT_HOURS = 24;
/** How often each API process forgets the counts older than that (on a failure, not on a timer). */
const FORGET_EVERY_MS = 10 * 60_000;

@Injectable()
export class SignInLockoutService {
  private readonly logger = new Logger(SignInLockoutService.name);
  private forgotAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** Seconds until the address may try again; null when it is not locked. */
  async lockedFor(email: string): Promise<number | null> {
    const rows: { seconds: number }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM sign_in_failures WHERE email = $1 AND locked_until > now()`,
      [email],
    );
    const seconds = rows[0]?.seconds;
    return seconds === undefined ? null : Math.max(1, seconds);
  }

  /**
   * Counts a wrong password. Answers the lockout's length in seconds when this failure started one
   * (and then audits it, when the address is an account's), else null.
   */
  async recordFailure(
    email: string,
    account: { id: string; territoryId: string | null } | null,
  ): Promise<number | null> {
    const settings = this.options.signInLockout;
    if (Date.now() - this.forgotAt > FORGET_EVERY_MS) {
      this.forgotAt = Date.now();
      // Every wrong address leaves a row (unknown ones too): without this the table only grows.
      await this.forgetStale().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Old sign-in failure counts not forgotten'),
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // One row per address, locked for the count: concurrent failures (other processes too) add up.
      await transactionQuery(
        manager,
        `INSERT INTO sign_in_failures (email, failures, lockouts, last_failure_at) VALUES ($1, 0, 0, now())
           ON CONFLICT (email) DO NOTHING`,
        [email],
      );
      const [row] = await transactionQuery<FailureRow>(
        manager,
        `SELECT failures, lockouts FROM sign_in_failures WHERE email = $1 FOR UPDATE`,
        [email],
      );
      const failures = (row?.failures ?? 0) + 1;
      if (failures < settings.afterFailures) {
        await transactionQuery(
          manager,
          `UPDATE sign_in_failures SET failures = $2, last_failure_at = now() WHERE email = $1`,
          [email, failures],
        );
        return null;
      }
      const lockouts = (row?.lockouts ?? 0) + 1;
      const seconds = lockoutSeconds(lockouts, settings);
      await transactionQuery(
        manager,
        `UPDATE sign_in_failures
            SET failures = 0, lockouts = $2, last_failure_at = now(),
                locked_until = now() + $3::int * interval '1 second'
          WHERE email = $1`,
        [email, lockouts, seconds],
      );
      if (account) {
        await writeAudit(manager, {
          actorId: null,
          action: 'account.locked',
          subjectType: 'user',
          subjectId: account.id,
          territoryId: account.territoryId,
          details: { failures, lockouts, seconds },
        });
      }
      this.logger.warn({ userId: account?.id ?? null, lockouts, seconds }, 'Sign-in locked');
      return seconds;
    });
  }

  /**
   * Forgets the counts of addresses whose last failure is more than {@link FAILURES_KEPT_HOURS} old
   * and that are not locked (nor were within that time): their count and back-off start over. Answers
   * how many were forgotten.
   */
  async forgetStale(): Promise<number> {
    const rows: { email: string }[] = await this.dataSource.query(
      `DELETE FROM sign_in_failures
        WHERE last_failure_at < now() - $1::int * interval '1 hour'
          AND (locked_until IS NULL OR locked_until < now() - $1::int * interval '1 hour')
        RETURNING email`,
      [FAILURES_KEPT_HOURS],
    );
    return rows.length;
  }

  /** A successful sign-in (or a new password) starts the count over. */
  async reset(email: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await transactionQuery(manager, `DELETE FROM sign_in_failures WHERE email = $1`, [email]);
  }

  /** What an admin sees about an account. */
  async status(email: string): Promise<SignInLockout> {
    const rows: { failures: number; lockouts: number; locked_until: Date | null }[] =
      await this.dataSource.query(
        `SELECT failures, lockouts, CASE WHEN locked_until > now() THEN locked_until END AS locked_until
           FROM sign_in_failures WHERE email = $1`,
        [email],
      );
    const row = rows[0];
    return {
      failures: row?.failures ?? 0,
      lockouts: row?.lockouts ?? 0,
      lockedUntil: row?.locked_until ? new Date(row.locked_until).toISOString() : null,
    };
  }

  /** An admin lifts the lockout and forgets the count; audited (once, when there was anything to clear). */
  async clear(
    email: string,
    account: { id: string; territoryId: string | null },
    actorId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const removed = await transactionQuery<{ locked: boolean; lockouts: number }>(
        manager,
        `DELETE FROM sign_in_failures WHERE email = $1
          RETURNING (locked_until IS NOT NULL AND locked_until > now()) AS locked, lockouts`,
        [email],
      );
      const row = removed[0];
      if (!row) return;
      await writeAudit(manager, {
        actorId,
        action: 'account.unlocked',
        subjectType: 'user',
        subjectId: account.id,
        territoryId: account.territoryId,
        details: { wasLocked: row.locked, lockouts: row.lockouts },
      });
    });
  }
}
