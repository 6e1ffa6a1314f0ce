import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '@tc/audit/api';
import { JobQueue } from '@tc/notifications/api';
import type {
  AdminErasureRequest,
  AdminErasureRequestList,
  ErasureRequest,
  ErasureResult,
  ListErasureRequestsQuery,
  MyErasureRequest,
  Role,
} from '@tc/shared/contracts';
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

interface AdminRow extends ErasureRow {
  erased_by: string | null;
  email: string;
  display_name: string;
  territory_id: string | null;
  name_fr: string | null;
  name_ar: string | null;
  name_en: string | null;
}

interface RoleRow {
  user_id: string;
  id: string;
  role: Role;
  territory_id: string;
  name_fr: string;
  name_ar: string;
  name_en: string;
}

/**
 * The places a person belongs to for an admin's coverage: their roles' territories, or their home
 * territory when they hold no role (which is so once erased: the erasure deletes their roles).
 */
const PLACES = `SELECT r.user_id, t.path FROM role_assignments r JOIN territory_tree t ON t.id = r.territory_id
  UNION ALL
  SELECT u.id, t.path FROM users u JOIN territory_tree t ON t.id = u.territory_id
   WHERE NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id)`;

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
 * Consent records stay too, for the same reason: the account id, the purpose, when, and the canonical
 * words shown (never a name or an address), the proof that what was processed had consent.
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

  /**
   * The admin's list: pending requests (oldest first) or done ones (newest first). A national admin
   * sees everyone's; a regional admin only those of people whose every place (see PLACES) lies in
   * their territories, that is those they may erase. A person who also holds a role elsewhere is left
   * out of a regional admin's list: erasing them is for an admin who covers all their roles (a
   * national admin sees them), as `POST /admin/users/:id/erase` answers 403 to the others.
   */
  async list(principal: AuthPrincipal, query: ListErasureRequestsQuery): Promise<AdminErasureRequestList> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const status = query.status ?? 'pending';
    const scopes = scopesFor(principal, 'admin');
    const national = scopes.some((p) => p.split('/').filter(Boolean).length === 1);
    const params: unknown[] = [];
    const where = [status === 'pending' ? 'q.erased_at IS NULL' : 'q.erased_at IS NOT NULL'];
    if (query.userId) {
      params.push(query.userId);
      where.push(`q.user_id = $${params.length}`);
    }
    if (!national) {
      params.push(scopes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      const n = params.length;
      where.push(`EXISTS (SELECT 1 FROM places p WHERE p.user_id = q.user_id)
        AND NOT EXISTS (SELECT 1 FROM places p WHERE p.user_id = q.user_id AND NOT p.path LIKE ANY($${n}::text[]))`);
    }
    const from = `WITH places AS (${PLACES})
      SELECT q.user_id, q.requested_at, q.erased_at, q.erased_by, u.email, u.display_name, u.territory_id,
             t.name_fr, t.name_ar, t.name_en, count(*) OVER ()::int AS total
        FROM privacy_erasure_requests q JOIN users u ON u.id = q.user_id
        LEFT JOIN territory_tree t ON t.id = u.territory_id
       WHERE ${where.join(' AND ')}`;
    const order = status === 'pending' ? 'q.requested_at ASC' : 'q.erased_at DESC';
    params.push(pageSize, (page - 1) * pageSize);
    const rows = (await this.dataSource.query(
      `${from} ORDER BY ${order}, q.user_id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as (AdminRow & { total: number })[];
    let total = rows[0]?.total ?? 0;
    if (!rows.length && page > 1) {
      // Past the last page: the count still says how many there are.
      const [c] = (await this.dataSource.query(
        `SELECT count(*)::int AS n FROM (${from}) x`,
        params.slice(0, -2),
      )) as { n: number }[];
      total = c?.n ?? 0;
    }
    const roles = await this.rolesOf(rows.map((r) => r.user_id));
    const delay = this.options.erasureDelayDays;
    return {
      items: rows.map((r): AdminErasureRequest => ({
        userId: r.user_id,
        displayName: r.display_name,
        email: r.email,
        roles: roles.get(r.user_id) ?? [],
        territoryId: r.territory_id,
        territoryName: r.territory_id
          ? { fr: r.name_fr ?? '', ar: r.name_ar ?? '', en: r.name_en ?? '' }
          : null,
        requestedAt: new Date(r.requested_at).toISOString(),
        dueAt:
          delay === null
            ? null
            : new Date(new Date(r.requested_at).getTime() + delay * 86_400_000).toISOString(),
        erasedAt: r.erased_at ? new Date(r.erased_at).toISOString() : null,
        erasedByAdmin: r.erased_at ? r.erased_by !== null : null,
      })),
      total,
      page,
      pageSize,
    };
  }

  private async rolesOf(userIds: string[]): Promise<Map<string, AdminErasureRequest['roles']>> {
    const out = new Map<string, AdminErasureRequest['roles']>(userIds.map((id) => [id, []]));
    if (!userIds.length) return out;
    const rows = (await this.dataSource.query(
      `SELECT r.user_id, r.id, r.role, r.territory_id, t.name_fr, t.name_ar, t.name_en
         FROM role_assignments r JOIN territory_tree t ON t.id = r.territory_id
        WHERE r.user_id = ANY($1::uuid[]) ORDER BY r.role, t.depth, t.name_fr`,
      [userIds],
    )) as RoleRow[];
    for (const r of rows)
      out.get(r.user_id)?.push({
        id: r.id,
        role: r.role,
        territoryId: r.territory_id,
        territoryName: { fr: r.name_fr, ar: r.name_ar, en: r.name_en },
      });
    return out;
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
      ['learning', (m) => learning(m, userId, this.options.erasureCertificates, actorId)],
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

/** What a verifier reads as the reason of a certificate revoked by an erasure (PRIVACY_ERASURE_CERTIFICATES=revoke). */
export const ERASURE_REVOCATION_REASON = "Revoked when its holder's personal data was erased.";

/**
 * Their quiz answers blanked (scores stay); their certificates' holder erased.
 * Each certificate's signed Open Badges credential names the holder and cannot be edited without
 * breaking its signature: it is marked replaced and its status bit set, as the credentials domain does
 * when it re-issues one, and its stored text dropped; the holder's own copy shows as revoked. Then, as
 * the operator chose (PRIVACY_ERASURE_CERTIFICATES): `keep`, the certificate still verifies as valid
 * and the next verification issues a new credential for it as it now reads (holder erased); `revoke`,
 * the certificate is revoked as a trainer or admin revokes one (reason, revoker, an audit entry), so
 * verifiers see "revoked" and no new credential is issued for it.
 */
async function learning(
  m: EntityManager,
  userId: string,
  certificates: 'keep' | 'revoke',
  actorId: string | null,
): Promise<number> {
  const enrolments = `SELECT id FROM enrolments WHERE user_id = $1`;
  let n = 0;
  if (certificates === 'revoke') {
    const revoked = await transactionQuery<{ code: string; enrolment_id: string; cohort_id: string }>(
      m,
      `UPDATE certificates c SET revoked_at = now(), revocation_reason = $2, revoked_by = $3
         FROM enrolments e
        WHERE e.id = c.enrolment_id AND e.user_id = $1 AND c.revoked_at IS NULL
        RETURNING c.code, c.enrolment_id, e.cohort_id`,
      [userId, ERASURE_REVOCATION_REASON, actorId],
    );
    for (const r of revoked)
      await writeAudit(m, {
        actorId,
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: r.code,
        details: { enrolmentId: r.enrolment_id, cohortId: r.cohort_id, erasure: true },
      });
    n += revoked.length;
  }
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
