import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { ActionLink, ActionLinkInfo, ActionTokenPurpose } from '@tc/shared/contracts';
import { ProblemException } from '@tc/shared/api';
import { ActionTokenEntity } from '../entities/action-token.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UserEntity } from '../entities/user.entity';
import { newOpaqueToken, sha256 } from '../crypto.util';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { MailService } from '../mail/mail.service';
import { PasswordService } from '../password.service';
import { SignInLockoutService } from '../auth/sign-in-lockout.service';
import { LinkAcceptance } from './link-acceptance';

const linkGone = () =>
  new ProblemException(
    HttpStatus.GONE,
    'link-expired',
    'Link no longer valid',
    'This link has expired or was already used. Ask for a new one.',
  );
const linkUnknown = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'link-unknown', 'Unknown link', 'This link does not exist.');

/** A link as its holder presents it, before it is used. */
export interface LinkHolder {
  tokenId: string;
  userId: string;
  purpose: ActionTokenPurpose;
  expiresAt: Date;
}

/**
 * Single-use links with an expiry: invitations (the invitee sets a password), password resets, and
 * enrolment invitations of existing accounts (used by the signed-in account, never to set a password).
 */
@Injectable()
export class LinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly mail: MailService,
    private readonly passwords: PasswordService,
    private readonly lockout: SignInLockoutService,
    private readonly acceptance: LinkAcceptance,
  ) {}

  /**
   * Issues a new link inside the caller's transaction; earlier unused links of the same purpose stop
   * working. Call {@link deliver} after the transaction commits.
   */
  async issue(manager: EntityManager, userId: string, purpose: ActionTokenPurpose, createdBy: string | null) {
    const token = newOpaqueToken();
    const ttlMs =
      purpose === 'invitation'
        ? this.options.invitationTtlHours * 3_600_000
        : this.options.passwordResetTtlMinutes * 60_000;
    const expiresAt = new Date(Date.now() + ttlMs);
    await manager.update(ActionTokenEntity, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    await manager.insert(ActionTokenEntity, {
      userId,
      purpose,
      tokenHash: sha256(token),
      expiresAt,
      createdBy,
    });
    return { token, expiresAt, purpose, userId };
  }

  /** Mails the link (when SMTP is configured) and says what the admin may show. */
  async deliver(issued: {
    token: string;
    expiresAt: Date;
    purpose: ActionTokenPurpose;
    userId: string;
  }): Promise<ActionLink> {
    const user = await this.dataSource.manager.findOneOrFail(UserEntity, { where: { id: issued.userId } });
    const url = `${this.options.publicUrl.replace(/\/$/, '')}/links/${issued.token}`;
    const emailed = await this.mail.sendLink({
      to: user.email,
      displayName: user.displayName,
      locale: user.preferredLanguage,
      purpose: issued.purpose,
      url,
      expiresAt: issued.expiresAt,
    });
    return { url: emailed ? null : url, expiresAt: issued.expiresAt.toISOString(), emailed };
  }

  async info(token: string): Promise<ActionLinkInfo> {
    const row = await this.dataSource.manager.findOne(ActionTokenEntity, {
      where: { tokenHash: sha256(token) },
    });
    if (!row) throw linkUnknown();
    if (row.usedAt || row.expiresAt.getTime() <= Date.now()) throw linkGone();
    const user = await this.dataSource.manager.findOneOrFail(UserEntity, { where: { id: row.userId } });
    if (user.disabledAt) throw linkGone();
    // The first opening is what whoever sent the link sees ("opened"); later ones change nothing.
    if (!row.openedAt)
      await this.dataSource.query(
        'UPDATE action_tokens SET opened_at = now() WHERE id = $1 AND opened_at IS NULL',
        [row.id],
      );
    return {
      purpose: row.purpose,
      email: user.email,
      // An enrolment link goes back to whoever enrolled the address when no mail server is set: its
      // holder is not told the name of the account behind it.
      displayName: row.purpose === 'enrolment' ? '' : user.displayName,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** The link, still usable (404 unknown, 410 used, expired or its account disabled). */
  async holder(token: string, manager: EntityManager = this.dataSource.manager): Promise<LinkHolder> {
    const row = await manager.findOne(ActionTokenEntity, { where: { tokenHash: sha256(token) } });
    if (!row) throw linkUnknown();
    if (row.usedAt || row.expiresAt.getTime() <= Date.now()) throw linkGone();
    const user = await manager.findOne(UserEntity, { where: { id: row.userId } });
    if (!user || user.disabledAt) throw linkGone();
    return { tokenId: row.id, userId: row.userId, purpose: row.purpose, expiresAt: row.expiresAt };
  }

  /**
   * An enrolment link, for the signed-in account it was issued to: 404 for a link of another kind, 403
   * for another account (the person is signed in with another address).
   */
  async enrolmentLinkOf(
    token: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LinkHolder> {
    const link = await this.holder(token, manager);
    if (link.purpose !== 'enrolment') throw linkUnknown();
    if (link.userId !== userId)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'link-other-account',
        'Invitation for another account',
        'This invitation was sent to another address: sign in with that address to accept it.',
      );
    return link;
  }

  /**
   * Uses an enrolment link for the signed-in account it was issued to, in the caller's transaction;
   * then {@link LinkAcceptance}'s listeners act on it.
   */
  async acceptSignedIn(manager: EntityManager, token: string, userId: string): Promise<string> {
    const link = await this.enrolmentLinkOf(token, userId, manager);
    const claimed: unknown[] = await manager.query(
      `UPDATE action_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [link.tokenId],
    );
    if (!flatRows(claimed).length) throw linkGone();
    await this.acceptance.accepted(manager, { tokenId: link.tokenId, userId, purpose: link.purpose });
    return link.tokenId;
  }

  /** Expiry, whether each link can still be used, and when it was first opened. */
  async states(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { expiresAt: Date; usable: boolean; openedAt: Date | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; expires_at: Date; usable: boolean; opened_at: Date | null }[] =
      await manager.query(
        `SELECT id, expires_at, (used_at IS NULL AND expires_at > now()) AS usable, opened_at
           FROM action_tokens WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          expiresAt: new Date(r.expires_at),
          usable: r.usable,
          openedAt: r.opened_at ? new Date(r.opened_at) : null,
        },
      ]),
    );
  }

  /** Links that must no longer work (an invitation withdrawn). */
  async revoke(manager: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await manager.query(
      'UPDATE action_tokens SET used_at = now() WHERE id = ANY($1::uuid[]) AND used_at IS NULL',
      [ids],
    );
  }

  /**
   * Uses the link once: sets the password and lifts any sign-in lockout; a reset also ends every open
   * session. Returns the user id.
   */
  async accept(token: string, password: string): Promise<string> {
    const hashInput = sha256(token);
    const row = await this.dataSource.manager.findOne(ActionTokenEntity, { where: { tokenHash: hashInput } });
    if (!row) throw linkUnknown();
    // An existing account's enrolment link is used signed in: it never sets that account's password
    // (it may be in the hands of whoever enrolled the address).
    if (row.purpose === 'enrolment')
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'link-needs-sign-in',
        'Sign in to accept',
        'This invitation is accepted by signing in to your account.',
      );
    const user = await this.dataSource.manager.findOneOrFail(UserEntity, { where: { id: row.userId } });
    this.passwords.assertAcceptable(password, user.email);
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (manager) => {
      // Claim the token atomically: a second use (even concurrent) finds no row to update.
      const claimed: unknown[] = await manager.query(
        `UPDATE action_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
        [row.id],
      );
      if (!flatRows(claimed).length || user.disabledAt) throw linkGone();
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      // A new password lifts a sign-in lockout: the person proved they hold the mailbox.
      await this.lockout.reset(user.email, manager);
      if (row.purpose === 'password_reset') {
        await manager.update(
          RefreshTokenEntity,
          { userId: user.id, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
      }
      await this.acceptance.accepted(manager, { tokenId: row.id, userId: user.id, purpose: row.purpose });
      return user.id;
    });
  }
}

/** `pg` answers an UPDATE … RETURNING through TypeORM as `[rows, count]`. */
export function flatRows(result: unknown[]): unknown[] {
  return Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
}
