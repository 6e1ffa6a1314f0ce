import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { writeAudit } from '@tc/audit/api';
import { JobQueue, NotificationsService } from '@tc/notifications/api';
import { transactionQuery } from '@tc/shared/api';
import { ErasureService } from './erasure.service';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/** Applies the retention periods (PRIVACY_INACTIVE_YEARS and the rest), daily. */
export const RETENTION_QUEUE = 'privacy.retention';

/** Rows one statement deletes at most: a large table is emptied in short transactions. */
export const RETENTION_BATCH = 5000;

/** Accounts warned in one transaction (their warnings and notifications together). */
const WARN_CHUNK = 500;

/** What one run did: counts only, as its audit entry records them. */
export interface RetentionReport {
  /** Accounts told they will be anonymised. */
  warned: number;
  /** Warnings dropped because their account was used again (or erased meanwhile). */
  cancelled: number;
  /** Accounts anonymised (ErasureService.erase). */
  anonymised: number;
  /** Raw progress events dropped. */
  progressEvents: number;
  /** Invitation, enrolment and password-reset links deleted. */
  tokens: number;
  /** Refresh tokens expired long ago deleted (each account's newest kept). */
  sessions: number;
  /** Counts of failed sign-ins deleted. */
  signInFailures: number;
  /** Finished jobs and dead letters deleted from the job queue. */
  jobs: number;
}

/**
 * An account's last sign of life, as the schema records it: every sign-in and every session refresh
 * inserts a refresh token (so the newest one's `created_at` is the last time the person used the app,
 * within the access token's lifetime); a link the person used (`action_tokens.used_at`: an invitation
 * accepted, a password reset); an invitation sent to them (a trainer or an admin wanting them back);
 * and the account's creation. Progress needs a session, so it adds nothing to the refresh tokens.
 * Erased accounts (their address `erased-…@erased.invalid`) are left out: nothing is left to remove.
 */
const ACTIVITY = `
  SELECT u.id, u.password_hash IS NOT NULL AS activated, u.disabled_at IS NOT NULL AS disabled,
         GREATEST(
           u.created_at,
           (SELECT max(rt.created_at) FROM refresh_tokens rt WHERE rt.user_id = u.id),
           (SELECT max(GREATEST(a.used_at, CASE WHEN a.purpose <> 'password_reset' THEN a.created_at END))
              FROM action_tokens a WHERE a.user_id = u.id)
         ) AS last_active
    FROM users u
   WHERE u.email NOT LIKE '%@erased.invalid'`;

/**
 * Retention: nothing kept longer than needed (Morocco's Law 09-08, the GDPR's storage limitation), on
 * the job queue once a day, each run audited once with its counts (no person's data).
 *
 * 1. **Inactive accounts** (PRIVACY_INACTIVE_YEARS, default 3; off when empty or 0). An account without
 *    activity (see {@link ACTIVITY}) for that long is warned: a row in `privacy_inactivity_warnings`
 *    and an `account.inactive` notification (in the app, and by e-mail and push as the person's
 *    notification settings say), naming the day, PRIVACY_INACTIVE_WARNING_DAYS later (default 30),
 *    when it is anonymised. Any activity after the warning (signing in) cancels it at the next run.
 *    Once the day has passed without any, the account is anonymised by {@link ErasureService.erase}
 *    (no actor), audited `privacy.retention-anonymised`. Roles exempt no one: an admin or a demo account
 *    unused for years is warned like the others. Two kinds of account are not warned, since a warning
 *    would ask them something they cannot do, and are anonymised once inactive for the period plus the
 *    warning's days (the same time an enabled account is given): a **disabled** account (it cannot
 *    sign in; the admin who disabled it can enable it again meanwhile), and an account whose
 *    **invitation was never used** (no password: nothing of the person's own but what the inviter
 *    typed; a new invitation counts as activity and restarts the count).
 * 2. **Raw progress events** (PRIVACY_PROGRESS_EVENTS_YEARS, default 5; off when empty or 0) received
 *    longer ago are dropped, in batches of {@link RETENTION_BATCH}, each its own transaction. Nothing
 *    is derived from them at read time, so nothing needs folding first: progress ingestion merges each
 *    accepted event into `lesson_progress` (first start, first completion, last activity per enrolment
 *    and lesson) and the enrolment's completion in the same transaction that stores it, and the
 *    observatory's rollups are kept by triggers on lesson_progress, enrolments and certificates, never
 *    on progress_events. The events are the raw record behind that durable summary; dropping them
 *    changes neither a learner's progress nor an observatory answer (retention.spec proves both).
 *    The append-only trigger lets these deletes through only (CreatePrivacyRetention).
 * 3. **Purges**: invitation, enrolment and password-reset links used or expired more than
 *    PRIVACY_TOKENS_DAYS ago (default 30; a cohort invitation goes with its link: accepted, the
 *    enrolment stays; never accepted, the trainer can invite again); refresh tokens expired that long
 *    ago (each account's newest kept, for {@link ACTIVITY}); counts of failed sign-ins whose
 *    last failure (and lockout) is more than PRIVACY_SIGN_IN_FAILURES_DAYS old (default 90); and the
 *    job queue's history older than PRIVACY_JOB_HISTORY_DAYS (default 30). pg-boss deletes finished
 *    jobs itself (each queue's `deleteAfterSeconds`, 7 days by default) and dead letters after the
 *    30 days JobQueue gives their queues; this run bounds both by the configured days whatever those
 *    settings become, and never touches a job still to run.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly log = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
    private readonly erasure: ErasureService,
    @Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define(RETENTION_QUEUE, async () => {
      await this.run();
    });
    await this.jobs.schedule(RETENTION_QUEUE, '23 2 * * *');
  }

  /** One run at `now` (a spec gives another clock); answers its counts, which it audits. */
  async run(now: Date = new Date()): Promise<RetentionReport> {
    const r = this.options.retention;
    const report: RetentionReport = {
      warned: 0,
      cancelled: 0,
      anonymised: 0,
      progressEvents: 0,
      tokens: 0,
      sessions: 0,
      signInFailures: 0,
      jobs: 0,
    };
    if (r.inactiveYears)
      Object.assign(report, await this.inactive(now, r.inactiveYears, r.inactiveWarningDays));
    if (r.progressEventsYears) report.progressEvents = await this.progressEvents(now, r.progressEventsYears);
    report.tokens = await this.batched(
      `SELECT id FROM action_tokens WHERE COALESCE(used_at, expires_at) < $1::timestamptz - make_interval(days => $2)`,
      `DELETE FROM action_tokens WHERE id IN (SELECT id FROM batch)`,
      [now, r.tokensDays],
    );
    // Every refresh writes a row and marks the one before used: without this they pile up for good.
    // An expired token is refused whatever its row says, so one past its expiry by the same days
    // goes; each account's newest stays, as the last sign of use that ACTIVITY reads.
    report.sessions = await this.batched(
      `SELECT rt.id FROM refresh_tokens rt
        WHERE rt.expires_at < $1::timestamptz - make_interval(days => $2)
          AND rt.created_at < (SELECT max(n.created_at) FROM refresh_tokens n WHERE n.user_id = rt.user_id)`,
      `DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM batch)`,
      [now, r.tokensDays],
    );
    report.signInFailures = await this.batched(
      `SELECT email FROM sign_in_failures
        WHERE last_failure_at < $1::timestamptz - make_interval(days => $2)
          AND (locked_until IS NULL OR locked_until < $1::timestamptz - make_interval(days => $2))`,
      `DELETE FROM sign_in_failures WHERE email IN (SELECT email FROM batch)`,
      [now, r.signInFailuresDays],
    );
    report.jobs = await this.batched(
      `SELECT name, id FROM pgboss.job
        WHERE (state IN ('completed', 'failed', 'cancelled') AND completed_on < $1::timestamptz - make_interval(days => $2))
           OR (name LIKE '%.dead' AND state = 'created' AND created_on < $1::timestamptz - make_interval(days => $2))`,
      `DELETE FROM pgboss.job WHERE (name, id) IN (SELECT name, id FROM batch)`,
      [now, r.jobHistoryDays],
    );
    const count = Object.values(report).reduce((a, b) => a + b, 0);
    await this.dataSource.transaction((manager) =>
      writeAudit(manager, {
        actorId: null,
        action: 'privacy.retention-run',
        subjectType: 'job',
        subjectId: RETENTION_QUEUE,
        details: { count, ...report },
      }),
    );
    this.log.log(`Retention: ${JSON.stringify(report)}`);
    return report;
  }

  /** Cancels the warnings the person answered, anonymises those due, warns the newly inactive. */
  private async inactive(
    now: Date,
    years: number,
    warningDays: number,
  ): Promise<Pick<RetentionReport, 'warned' | 'cancelled' | 'anonymised'>> {
    // Used again since the warning (or erased meanwhile): the warning goes.
    const [{ n: cancelled }] = (await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM privacy_inactivity_warnings w
          WHERE NOT EXISTS (SELECT 1 FROM (${ACTIVITY}) a WHERE a.id = w.user_id AND a.last_active <= w.warned_at)
          RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    )) as [{ n: number }];

    const due = (await this.dataSource.query(
      `SELECT w.user_id AS id, 'warned' AS reason
         FROM privacy_inactivity_warnings w
        WHERE w.anonymise_after <= $1::timestamptz
          AND EXISTS (SELECT 1 FROM (${ACTIVITY}) a WHERE a.id = w.user_id AND a.last_active <= w.warned_at)
       UNION ALL
       SELECT a.id, CASE WHEN a.disabled THEN 'disabled' ELSE 'never-signed-in' END
         FROM (${ACTIVITY}) a
        WHERE (a.disabled OR NOT a.activated)
          AND a.last_active < $1::timestamptz - make_interval(years => $2, days => $3)
          AND NOT EXISTS (SELECT 1 FROM privacy_inactivity_warnings w WHERE w.user_id = a.id)
        ORDER BY 1`,
      [now, years, warningDays],
    )) as { id: string; reason: string }[];
    for (const { id, reason } of due) {
      await this.erasure.erase(id, null);
      await this.dataSource.transaction(async (manager) => {
        await transactionQuery(manager, `DELETE FROM privacy_inactivity_warnings WHERE user_id = $1`, [id]);
        await writeAudit(manager, {
          actorId: null,
          action: 'privacy.retention-anonymised',
          subjectType: 'user',
          subjectId: id,
          details: { reason, years },
        });
      });
    }

    const inactive = (await this.dataSource.query(
      `SELECT a.id FROM (${ACTIVITY}) a
        WHERE a.activated AND NOT a.disabled
          AND a.last_active < $1::timestamptz - make_interval(years => $2)
          AND NOT EXISTS (SELECT 1 FROM privacy_inactivity_warnings w WHERE w.user_id = a.id)
        ORDER BY a.id`,
      [now, years],
    )) as { id: string }[];
    const after = new Date(now.getTime() + warningDays * 86_400_000);
    let warned = 0;
    for (let i = 0; i < inactive.length; i += WARN_CHUNK) {
      const ids = inactive.slice(i, i + WARN_CHUNK).map((r) => r.id);
      warned += await this.dataSource.transaction(async (manager) => {
        const rows = await transactionQuery<{ user_id: string }>(
          manager,
          `INSERT INTO privacy_inactivity_warnings (user_id, warned_at, anonymise_after)
           SELECT unnest($1::uuid[]), $2::timestamptz, $3::timestamptz
           ON CONFLICT (user_id) DO NOTHING
           RETURNING user_id`,
          [ids, now, after],
        );
        await this.notifications.notifyMany(
          manager,
          rows.map(({ user_id }) => ({
            recipientId: user_id,
            kind: 'account.inactive',
            subject: { type: 'account', id: user_id },
            // One warning per inactive spell: a later one (after signing in, then lapsing) is another.
            moment: now.toISOString(),
            params: { dueOn: after.toISOString().slice(0, 10) },
          })),
        );
        return rows.length;
      });
    }
    return { warned, cancelled, anonymised: due.length };
  }

  /**
   * Drops the events received more than `years` ago, {@link RETENTION_BATCH} a transaction. The
   * transaction-local `tc.retention` setting is what the append-only trigger lets through.
   */
  private async progressEvents(now: Date, years: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        await transactionQuery(manager, `SELECT set_config('tc.retention', 'on', true)`, []);
        const [row] = await transactionQuery<{ n: number }>(
          manager,
          `WITH batch AS (
             SELECT id FROM progress_events
              WHERE received_at < $1::timestamptz - make_interval(years => $2)
              LIMIT ${RETENTION_BATCH}),
           gone AS (DELETE FROM progress_events WHERE id IN (SELECT id FROM batch) RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [now, years],
        );
        return row?.n ?? 0;
      });
      total += n;
      if (n < RETENTION_BATCH) return total;
    }
  }

  /** Deletes what `select` finds (as `batch`), {@link RETENTION_BATCH} rows a transaction. */
  private async batched(select: string, del: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const [row] = (await this.dataSource.query(
        `WITH batch AS (${select} LIMIT ${RETENTION_BATCH}), gone AS (${del} RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        params,
      )) as { n: number }[];
      const n = row?.n ?? 0;
      total += n;
      if (n < RETENTION_BATCH) return total;
    }
  }
}
