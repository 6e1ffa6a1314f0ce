import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionLink, Locale, Role } from '@tc/shared/contracts';
import { auditAppendSql } from '@tc/audit/api';
import { newOpaqueToken, normalizeEmail, sha256 } from '../crypto.util';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { LinksService } from '../links/links.service';
import { MailService } from '../mail/mail.service';

export interface PersonToProvision {
  email: string;
  displayName: string;
  preferredLanguage: Locale;
  /** Territory of work for a new account. */
  territoryId: string | null;
}

export interface ProvisionedInvitation {
  userId: string;
  email: string;
  token: string;
  expiresAt: Date;
  /** The link's row: what the inviting domain ties its invitation to. */
  tokenId: string;
  /** invitation: a new account sets its password; enrolment: an existing account accepts signed in. */
  purpose: 'invitation' | 'enrolment';
}

/** An account found or created by e-mail. */
export interface ProvisionedAccount {
  userId: string;
  /** Created now (no password yet, no role). */
  created: boolean;
}

/**
 * Accounts in bulk for another domain's transaction (enrolling a cohort from a list or a CSV file):
 * existing people are found by e-mail, new ones are created as invited (no password), links are issued,
 * roles granted, in a handful of set-based statements whatever the count. A role granted this way is in
 * the audit log as one an admin grants (`role.granted`, `via: enrolment`).
 */
@Injectable()
export class Provisioning {
  private readonly logger = new Logger(Provisioning.name);

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly links: LinksService,
    private readonly mail: MailService,
  ) {}

  /** true: links go by e-mail and never come back to whoever issued them; false: no mail server. */
  get linksMailed(): boolean {
    return this.mail.enabled;
  }

  /** Finds each person by e-mail, or creates the account (invited: no password, no role). */
  async findOrCreate(
    manager: EntityManager,
    people: PersonToProvision[],
  ): Promise<Map<string, ProvisionedAccount>> {
    const unique = new Map<string, PersonToProvision>();
    for (const p of people) unique.set(normalizeEmail(p.email), { ...p, email: normalizeEmail(p.email) });
    if (!unique.size) return new Map();
    const { created, userIds } = await this.insertMissing(manager, [...unique.values()]);
    const fresh = new Set(created.map((u) => u.id));
    return new Map(
      [...userIds.entries()].map(([email, userId]) => [email, { userId, created: fresh.has(userId) }]),
    );
  }

  /**
   * Grants the role to each person who does not hold it yet, each grant audited as an admin's is
   * (writeAudit's entry, with `via: enrolment` and `grantedFor`, appended with audit's `auditAppendSql`),
   * in the same statement: a thousand people stay one round trip. `actorId`: who granted it (null when that account is gone).
   */
  async grantRole(
    manager: EntityManager,
    userIds: string[],
    role: { role: Role; territoryId: string },
    actorId: string | null,
    grantedFor: Record<string, string> = {},
  ): Promise<void> {
    if (!userIds.length) return;
    await manager.query(
      `WITH granted AS (
         INSERT INTO role_assignments (user_id, role, territory_id, created_by)
         SELECT unnest($1::uuid[]), $2, $3::uuid, $4::uuid
         ON CONFLICT ON CONSTRAINT uq_role_assignment DO NOTHING
         RETURNING id, user_id
       )
       ${auditAppendSql(`SELECT $4::uuid, 'role.granted', 'user', g.user_id::text, $3::uuid,
              jsonb_build_object('role', $2::text, 'assignmentId', g.id, 'via', 'enrolment') || $5::jsonb
         FROM granted g`)}`,
      [userIds, role.role, role.territoryId, actorId, JSON.stringify(grantedFor)],
    );
  }

  /**
   * One link per person: `invitation` for an account created for it (the link sets its password),
   * `enrolment` for an existing account (used signed in). An `invitation` asked for an account that has
   * a password or holds any role is issued as `enrolment`: a link that sets a password goes only to an
   * account with nothing to take over. Deliver them after the transaction commits.
   */
  async issueLinks(
    manager: EntityManager,
    links: { userId: string; email: string; purpose: 'invitation' | 'enrolment' }[],
    actorId: string,
  ): Promise<ProvisionedInvitation[]> {
    if (!links.length) return [];
    const asked = links.filter((l) => l.purpose === 'invitation').map((l) => l.userId);
    const established = new Set(
      asked.length
        ? (
            (await manager.query(
              `SELECT u.id FROM users u
                WHERE u.id = ANY($1::uuid[])
                  AND (u.password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = u.id))`,
              [asked],
            )) as { id: string }[]
          ).map((r) => r.id)
        : [],
    );
    // Both kinds last as long: nothing in the answer tells one from the other.
    const expiresAt = new Date(Date.now() + this.options.invitationTtlHours * 3_600_000);
    const issued = links.map((l) => ({
      ...l,
      purpose: established.has(l.userId) ? ('enrolment' as const) : l.purpose,
      token: newOpaqueToken(),
      expiresAt,
    }));
    const rows: { id: string; token_hash: string }[] = await manager.query(
      `INSERT INTO action_tokens (user_id, purpose, token_hash, expires_at, created_by)
       SELECT unnest($1::uuid[]), unnest($2::varchar[]), unnest($3::varchar[]), $4, $5::uuid
       RETURNING id, token_hash`,
      [
        issued.map((i) => i.userId),
        issued.map((i) => i.purpose),
        issued.map((i) => sha256(i.token)),
        expiresAt,
        actorId,
      ],
    );
    const idOf = new Map(rows.map((r) => [r.token_hash, r.id]));
    return issued.map((i) => ({ ...i, tokenId: idOf.get(sha256(i.token)) as string }));
  }

  private async insertMissing(
    manager: EntityManager,
    list: PersonToProvision[],
  ): Promise<{ created: { id: string; email: string }[]; userIds: Map<string, string> }> {
    const created: { id: string; email: string }[] = await manager.query(
      `INSERT INTO users (email, display_name, preferred_language, territory_id)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[])
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email`,
      [
        list.map((p) => p.email),
        list.map((p) => p.displayName),
        list.map((p) => p.preferredLanguage),
        list.map((p) => p.territoryId),
      ],
    );
    const all: { id: string; email: string }[] = await manager.query(
      'SELECT id, email FROM users WHERE email = ANY($1::varchar[])',
      [list.map((p) => p.email)],
    );
    return { created, userIds: new Map(all.map((u) => [u.email, u.id])) };
  }

  /** After commit: e-mail the invitations (or hand the links back when no mail server is set). */
  async deliver(invitations: ProvisionedInvitation[]): Promise<(ActionLink & { email: string })[]> {
    if (!this.mail.enabled) {
      // Nothing to send: the links go back to whoever enrolled these people.
      const base = this.options.publicUrl.replace(/\/$/, '');
      return invitations.map((i) => ({
        url: `${base}/links/${i.token}`,
        expiresAt: i.expiresAt.toISOString(),
        emailed: false,
        email: i.email,
      }));
    }
    const out: (ActionLink & { email: string })[] = [];
    for (const i of invitations) {
      try {
        const link = await this.links.deliver({
          token: i.token,
          expiresAt: i.expiresAt,
          purpose: i.purpose,
          userId: i.userId,
        });
        out.push({ ...link, email: i.email });
      } catch (error) {
        this.logger.error({ err: error, email: i.email }, 'Invitation not delivered');
        out.push({ url: null, expiresAt: i.expiresAt.toISOString(), emailed: false, email: i.email });
      }
    }
    return out;
  }
}
