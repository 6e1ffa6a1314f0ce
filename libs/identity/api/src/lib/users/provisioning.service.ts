import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionLink, Locale, Role } from '@tc/shared/contracts';
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
}

export interface ProvisionResult {
  /** Normalised e-mail → user id, for every person given. */
  userIds: Map<string, string>;
  /** New accounts, each with an invitation to deliver once the transaction commits. */
  invitations: ProvisionedInvitation[];
}

/**
 * Accounts in bulk for another domain's transaction (enrolling a cohort from a list or a CSV file):
 * existing people are found by e-mail, new ones are created as invited (no password) with an
 * invitation link, and everyone gets the role, in a handful of set-based statements whatever the count.
 * A role granted this way is in the audit log as one an admin grants (`role.granted`, `via: enrolment`).
 */
@Injectable()
export class Provisioning {
  private readonly logger = new Logger(Provisioning.name);

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly links: LinksService,
    private readonly mail: MailService,
  ) {}

  /**
   * `grantedFor`: ids saying what the role was granted for (the cohort enrolled into), added to the
   * audit entry of each role this grants.
   */
  async ensureWithRole(
    manager: EntityManager,
    people: PersonToProvision[],
    role: { role: Role; territoryId: string },
    actorId: string,
    grantedFor: Record<string, string> = {},
  ): Promise<ProvisionResult> {
    const unique = new Map<string, PersonToProvision>();
    for (const p of people) unique.set(normalizeEmail(p.email), { ...p, email: normalizeEmail(p.email) });
    const list = [...unique.values()];
    if (!list.length) return { userIds: new Map(), invitations: [] };

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
    const userIds = new Map(all.map((u) => [u.email, u.id]));
    // Each role actually granted is audited as an admin's grant is (writeAudit's entry, with `via`),
    // in the same statement: a thousand-row import stays one round trip.
    await manager.query(
      `WITH granted AS (
         INSERT INTO role_assignments (user_id, role, territory_id, created_by)
         SELECT unnest($1::uuid[]), $2, $3::uuid, $4::uuid
         ON CONFLICT ON CONSTRAINT uq_role_assignment DO NOTHING
         RETURNING id, user_id
       )
       INSERT INTO audit_log (actor_id, action, subject_type, subject_id, territory_id, details)
       SELECT $4::uuid, 'role.granted', 'user', g.user_id::text, $3::uuid,
              jsonb_build_object('role', $2::text, 'assignmentId', g.id, 'via', 'enrolment') || $5::jsonb
         FROM granted g`,
      [[...userIds.values()], role.role, role.territoryId, actorId, JSON.stringify(grantedFor)],
    );
    const expiresAt = new Date(Date.now() + this.options.invitationTtlHours * 3_600_000);
    const invitations = created.map((u) => ({
      userId: u.id,
      email: u.email,
      token: newOpaqueToken(),
      expiresAt,
    }));
    if (invitations.length) {
      await manager.query(
        `INSERT INTO action_tokens (user_id, purpose, token_hash, expires_at, created_by)
         SELECT unnest($1::uuid[]), 'invitation', unnest($2::varchar[]), $3, $4::uuid`,
        [invitations.map((i) => i.userId), invitations.map((i) => sha256(i.token)), expiresAt, actorId],
      );
    }
    return { userIds, invitations };
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
          purpose: 'invitation',
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
