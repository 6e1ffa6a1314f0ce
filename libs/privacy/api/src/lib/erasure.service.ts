import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '@tc/audit/api';
import { JobQueue } from '@tc/notifications/api';
import type { ErasureRequest, ErasureResult, MyErasureRequest } from '@tc/shared/contracts';
import {
  ProblemException,
  coversTerritory,
  scopesFor,
  transactionQuery,
  type AuthPrincipal,
} from '@tc/shared/api';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/** Carries out the erasure requests past PRIVACY_ERASURE_DELAY_DAYS, hourly. */
export const ERASURE_DUE_QUEUE = 'privacy.erasure-due';

/** What an erased person is called from then on, wherever a name was shown. */
export const ERASED_NAME = '—';
/** The address an erased account is given: unique (the column is), reachable by nobody. */
const erasedEmail = (id: string) => `erased-${id}@erased.invalid`;

interface ErasureRow {
  user_id: string;
  requested_at: Date;
  erased_at: Date | null;
}

/**
 * Erasure: a person asks (`POST /me/erasure-request`), an admin whose territories cover all their
 * roles confirms (`POST /admin/users/:id/erase`), and their personal data is removed or irreversibly
 * anonymised, one transaction per domain, so that one domain's failure leaves the others' work done
 * and the erasure can simply be run again (each step finds what is left).
 *
 * What stays, and why: the account row keeps its id (enrolments, rollups and the audit log refer to
 * it) with its name, address, password and organisation blanked and the account disabled; gender and
 * year of birth stay, unnamed, so that the observatory's breakdowns keep their counts. Enrolments,
 * progress, scores and certificates stay for the aggregates and for verifiers: a certificate verifies
 * as issued with its holder erased. Free text the person wrote (hand-ins, answers, posts, visit notes,
 * comments) is blanked; their evidence files are deleted from storage; what was sent to them
 * (notifications, e-mails, push subscriptions), their sessions, links and archives are deleted. The
 * audit log, append-only, keeps its entries: they hold ids and facts, and the id now names nobody.
 */
@Injectable()
export class ErasureService implements OnModuleInit {
  private readonly log = new Logger(ErasureService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions,
  ) {}

  /** With PRIVACY_ERASURE_DELAY_DAYS, the requests past that delay are carried out every hour. */
  async onModuleInit(): Promise<void> {
    await this.jobs.define(ERASURE_DUE_QUEUE, async () => {
      await this.eraseDue();
    });
    await this.jobs.schedule(ERASURE_DUE_QUEUE, this.options.erasureDelayDays === null ? null : '41 * * * *');
  }

  /** Carries out the requests older than the delay that no admin has confirmed yet; answers how many. */
  async eraseDue(): Promise<number> {
    if (this.options.erasureDelayDays === null) return 0;
    const due = (await this.dataSource.query(
      `SELECT user_id FROM privacy_erasure_requests
        WHERE erased_at IS NULL AND requested_at <= now() - make_interval(days => $1)`,
      [this.options.erasureDelayDays],
    )) as { user_id: string }[];
    for (const { user_id } of due) await this.erase(user_id, null);
    return due.length;
  }

  async mine(principal: AuthPrincipal): Promise<MyErasureRequest> {
    const [row] = (await this.dataSource.query(
      `SELECT user_id, requested_at, erased_at FROM privacy_erasure_requests WHERE user_id = $1`,
      [principal.userId],
    )) as ErasureRow[];
    return { request: row ? toContract(row) : null };
  }

  /** The signed-in person asks to be erased (asking twice keeps the first request). */
  async request(principal: AuthPrincipal): Promise<ErasureRequest> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await transactionQuery<ErasureRow>(
        manager,
        `INSERT INTO privacy_erasure_requests (user_id) VALUES ($1)
         ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id
         RETURNING user_id, requested_at, erased_at`,
        [principal.userId],
      );
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'privacy.erasure-requested',
        subjectType: 'user',
        subjectId: principal.userId,
      });
      return toContract(row as ErasureRow);
    });
  }

  /**
   * An admin confirms: only one whose admin territories cover every role of the person (a national
   * admin covers all); a person they do not see is 404, one who holds more than they do 403.
   */
  async confirm(principal: AuthPrincipal, userId: string): Promise<ErasureResult> {
    await this.requireCovered(principal, userId);
    const [asked] = (await this.dataSource.query(
      `SELECT user_id, requested_at, erased_at FROM privacy_erasure_requests WHERE user_id = $1`,
      [userId],
    )) as ErasureRow[];
    if (!asked)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'conflict',
        'Conflict',
        'This person has not asked to be erased.',
      );
    return this.erase(userId, principal.userId);
  }

  /** Removes or anonymises the person's data, domain by domain; answers what each step changed. */
  async erase(userId: string, actorId: string | null): Promise<ErasureResult> {
    const steps: [string, (m: EntityManager) => Promise<number>][] = [
      ['privacy', (m) => this.privacy(m, userId)],
      ['notifications', (m) => notifications(m, userId)],
      ['conversation', (m) => conversation(m, userId)],
      ['fieldwork', (m) => fieldwork(m, userId)],
      ['practice', (m) => this.practice(m, userId)],
      ['learning', (m) => learning(m, userId)],
      ['cohorts', (m) => cohorts(m, userId)],
      ['identity', (m) => identity(m, userId)],
    ];
    const changed: Record<string, number> = {};
    for (const [domain, step] of steps) changed[domain] = await this.dataSource.transaction(step);
    await this.dataSource.transaction(async (manager) => {
      await transactionQuery(
        manager,
        `UPDATE privacy_erasure_requests SET erased_at = now(), erased_by = $2 WHERE user_id = $1`,
        [userId, actorId],
      );
      await writeAudit(manager, {
        actorId,
        action: 'privacy.erased',
        subjectType: 'user',
        subjectId: userId,
        details: { rows: Object.values(changed).reduce((a, b) => a + b, 0) },
      });
    });
    this.log.log(`Erased ${userId}: ${JSON.stringify(changed)}`);
    return { userId, erasedAt: new Date().toISOString(), changed };
  }

  private async requireCovered(principal: AuthPrincipal, userId: string): Promise<void> {
    // Their roles' territories; without a role, their home territory.
    const territories = (await this.dataSource.query(
      `SELECT DISTINCT t.path FROM territory_tree t
        WHERE t.id IN (SELECT r.territory_id FROM role_assignments r WHERE r.user_id = $1)
           OR (t.id = (SELECT u.territory_id FROM users u WHERE u.id = $1)
               AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = $1))`,
      [userId],
    )) as { path: string }[];
    const national = scopesFor(principal, 'admin').some((p) => p.split('/').filter(Boolean).length === 1);
    const [exists] = (await this.dataSource.query(`SELECT 1 FROM user_directory WHERE id = $1`, [
      userId,
    ])) as unknown[];
    if (!exists) throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not Found');
    if (national) return;
    const covered = territories.filter((t) => coversTerritory(principal, 'admin', t.path));
    if (covered.length === 0) throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not Found');
    if (covered.length < territories.length)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'account-outranks-you',
        'Account outside your admin territories',
        'This person holds a role outside the territories you administer: ask an admin whose territory covers all their roles.',
      );
  }

  private async privacy(m: EntityManager, userId: string): Promise<number> {
    const rows = await transactionQuery<{ file_token: string }>(
      m,
      `DELETE FROM privacy_data_exports WHERE user_id = $1 RETURNING file_token`,
      [userId],
    );
    for (const r of rows) await rm(join(this.options.exportDir, `${r.file_token}.zip`), { force: true });
    return rows.length;
  }

  /** Their hand-ins' text blanked, their evidence files and the voice comments on them deleted. */
  private async practice(m: EntityManager, userId: string): Promise<number> {
    const submissions = `SELECT id FROM practice_submissions WHERE coach_id = $1`;
    const text = await transactionQuery(
      m,
      `UPDATE practice_submissions SET text = NULL WHERE coach_id = $1 AND text IS NOT NULL RETURNING id`,
      [userId],
    );
    await transactionQuery(
      m,
      `DELETE FROM practice_submission_files WHERE submission_id IN (${submissions})`,
      [userId],
    );
    const evidence = await transactionQuery<{ storage_key: string }>(
      m,
      `DELETE FROM practice_evidence_files WHERE coach_id = $1 RETURNING storage_key`,
      [userId],
    );
    await transactionQuery(
      m,
      `UPDATE practice_reviews SET voice_comment_id = NULL, comment = '' WHERE submission_id IN (${submissions})`,
      [userId],
    );
    const voices = await transactionQuery<{ storage_key: string }>(
      m,
      `DELETE FROM practice_voice_comments WHERE submission_id IN (${submissions}) RETURNING storage_key`,
      [userId],
    );
    // The files go once the rows are gone in this transaction; a failure before its commit leaves
    // files without rows, which a second run does not find: so delete them last, after the rows.
    for (const { storage_key } of [...evidence, ...voices])
      await rm(join(this.options.evidenceDir, ...storage_key.split('/')), { force: true });
    return text.length + evidence.length + voices.length;
  }
}

function toContract(row: ErasureRow): ErasureRequest {
  return {
    requestedAt: new Date(row.requested_at).toISOString(),
    erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
  };
}

async function count(m: EntityManager, sql: string, userId: string): Promise<number> {
  return (await transactionQuery(m, `${sql} RETURNING 1`, [userId])).length;
}

async function notifications(m: EntityManager, userId: string): Promise<number> {
  let n = 0;
  n += await count(m, `DELETE FROM notification_emails WHERE recipient_id = $1`, userId);
  n += await count(m, `DELETE FROM notification_digests WHERE recipient_id = $1`, userId);
  n += await count(m, `DELETE FROM notifications WHERE recipient_id = $1`, userId);
  n += await count(m, `DELETE FROM notification_settings WHERE user_id = $1`, userId);
  n += await count(m, `DELETE FROM push_subscriptions WHERE recipient_id = $1`, userId);
  return n;
}

/** Their questions and posts blanked (the threads stay, for the replies of others); reads and reports deleted. */
async function conversation(m: EntityManager, userId: string): Promise<number> {
  let n = 0;
  n += await count(
    m,
    `UPDATE thread_posts SET body = '', body_html = '', deleted_at = coalesce(deleted_at, now()) WHERE author_id = $1`,
    userId,
  );
  n += await count(m, `UPDATE threads SET title = '${ERASED_NAME}' WHERE author_id = $1`, userId);
  n += await count(m, `DELETE FROM thread_post_reports WHERE user_id = $1`, userId);
  n += await count(m, `DELETE FROM announcement_reads WHERE user_id = $1`, userId);
  return n;
}

/** Their visit notes, next steps and comments blanked; the organisations (no person's data) stay. */
async function fieldwork(m: EntityManager, userId: string): Promise<number> {
  let n = 0;
  n += await count(m, `UPDATE field_visits SET notes = '', next_steps = '' WHERE coach_id = $1`, userId);
  n += await count(m, `UPDATE field_comments SET body = '${ERASED_NAME}' WHERE author_id = $1`, userId);
  return n;
}

/**
 * Their quiz answers blanked (scores stay); their certificates' holder erased (they still verify).
 * Each certificate's signed Open Badges credential names the holder and cannot be edited without
 * breaking its signature: it is marked replaced and its status bit set, as the credentials domain does
 * when it re-issues one, and its stored text dropped. The next verification issues a new one for the
 * certificate as it now reads (holder erased); the holder's own copy shows as revoked.
 */
async function learning(m: EntityManager, userId: string): Promise<number> {
  const enrolments = `SELECT id FROM enrolments WHERE user_id = $1`;
  let n = 0;
  n += await count(
    m,
    `UPDATE issued_credentials
        SET replaced_at = coalesce(replaced_at, now()), revoked_at = coalesce(revoked_at, now()),
            document = '{"erased": true}'::jsonb
      WHERE reference IN (SELECT 'certificate:' || c.code FROM certificates c WHERE c.enrolment_id IN (${enrolments}))`,
    userId,
  );
  n += await count(
    m,
    `UPDATE quiz_attempts SET answers = '{}'::jsonb WHERE enrolment_id IN (${enrolments})`,
    userId,
  );
  n += await count(
    m,
    `UPDATE certificates SET holder_name = '${ERASED_NAME}' WHERE enrolment_id IN (${enrolments})`,
    userId,
  );
  return n;
}

/** The invitations that name them by address and name. */
async function cohorts(m: EntityManager, userId: string): Promise<number> {
  return count(
    m,
    `UPDATE enrolment_invitations SET email = 'erased-' || id || '@erased.invalid', name = NULL WHERE user_id = $1`,
    userId,
  );
}

/** The account blanked and disabled; sessions, links, lockout counts and roles deleted. */
async function identity(m: EntityManager, userId: string): Promise<number> {
  let n = 0;
  n += await count(
    m,
    `DELETE FROM sign_in_failures WHERE email = (SELECT email FROM users WHERE id = $1)`,
    userId,
  );
  n += await count(m, `DELETE FROM refresh_tokens WHERE user_id = $1`, userId);
  n += await count(m, `DELETE FROM action_tokens WHERE user_id = $1`, userId);
  n += await count(m, `DELETE FROM role_assignments WHERE user_id = $1`, userId);
  const blanked = await transactionQuery(
    m,
    `UPDATE users SET email = $2, display_name = '${ERASED_NAME}', password_hash = NULL, organisation_name = NULL,
            organisation_type = NULL, disabled_at = coalesce(disabled_at, now()), updated_at = now()
      WHERE id = $1 RETURNING 1`,
    [userId, erasedEmail(userId)],
  );
  return n + blanked.length;
}
