import { HttpStatus, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type {
  ActionLink,
  CohortInvitation,
  CohortInvitationList,
  MyEnrolment,
  PendingInvitation,
  ResentInvitation,
  ResentInvitations,
} from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import {
  LinkAcceptance,
  LinksService,
  Provisioning,
  type AcceptedLink,
  type ProvisionedInvitation,
} from '@tc/identity/api';
import { CohortsService } from './cohorts.service';
import { activateEnrolments } from './enrolment-rows';
import { EnrolmentsService } from './enrolments.service';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentInvitationEntity } from './entities/enrolment-invitation.entity';
import { byOpenThenAddress, invitationStatus } from './invitation-status';

const invitationGone = () =>
  new ProblemException(
    HttpStatus.GONE,
    'invitation-gone',
    'Invitation no longer valid',
    'This invitation was withdrawn or already accepted.',
  );

const cohortClosed = (detail: string) =>
  new ProblemException(HttpStatus.CONFLICT, 'cohort-closed', 'Cohort closed', detail);

/**
 * Invitations into a cohort, from the trainer's list or CSV file: the person opens the link and, signed
 * in (or by choosing the password of an account the invitation created), accepts; the enrolment and the
 * coach role of the cohort's territory are given then, the role audited as granted by whoever invited
 * (`role.granted`, `via: enrolment`). The cohort's trainers see every invitation with its state, and
 * may issue a new link for one or for all those still open: only a link's hash is stored, so a link is
 * never shown twice, and each new one stops the previous from working.
 */
@Injectable()
export class EnrolmentInvitationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly enrolments: EnrolmentsService,
    private readonly provisioning: Provisioning,
    private readonly links: LinksService,
    private readonly acceptance: LinkAcceptance,
    private readonly catalog: CatalogReader,
  ) {}

  onModuleInit(): void {
    this.acceptance.onAccepted((manager, link) => this.linkUsed(manager, link));
  }

  /** The cohort's open invitations, as the addresses invited (the name given with them, if any). */
  async pending(cohortId: string): Promise<PendingInvitation[]> {
    const rows = await this.dataSource.manager.find(EnrolmentInvitationEntity, {
      where: { cohortId, acceptedAt: IsNull() },
      order: { email: 'ASC' },
    });
    const links = await this.links.states(
      this.dataSource.manager,
      rows.map((r) => r.actionTokenId),
    );
    return rows.map((r) => {
      const link = links.get(r.actionTokenId);
      return {
        id: r.id,
        email: r.email,
        name: r.name,
        invitedAt: r.invitedAt.toISOString(),
        expiresAt: (link?.expiresAt ?? r.invitedAt).toISOString(),
        expired: !link?.usable,
      };
    });
  }

  /** Every invitation of the cohort, with what became of it: those still open first. */
  async list(principal: AuthPrincipal, cohortId: string): Promise<CohortInvitationList> {
    await this.cohorts.requireManageable(principal, cohortId);
    const rows = await this.dataSource.manager.find(EnrolmentInvitationEntity, { where: { cohortId } });
    const links = await this.links.states(
      this.dataSource.manager,
      rows.map((r) => r.actionTokenId),
    );
    return {
      linksMailed: this.provisioning.linksMailed,
      invitations: rows.map((r) => invitationStatus(r, links.get(r.actionTokenId))).sort(byOpenThenAddress),
    };
  }

  /**
   * A new link for one invitation not accepted yet (the previous link stops working): e-mailed, or
   * handed back without a mail server. Audited (`cohort.invitation-resent`).
   */
  async resend(principal: AuthPrincipal, cohortId: string, invitationId: string): Promise<ResentInvitation> {
    const issued = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.openCohort(principal, cohortId, manager);
      const row = await manager.findOne(EnrolmentInvitationEntity, {
        where: { id: invitationId, cohortId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundException('No such invitation in this cohort.');
      if (row.acceptedAt) throw invitationGone();
      const [link] = await this.reissue(manager, principal, [row]);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.invitation-resent',
        subjectType: 'cohort',
        subjectId: cohort.id,
        territoryId: cohort.territoryId,
        details: { invitationId: row.id, emailed: this.provisioning.linksMailed },
      });
      return link as ProvisionedInvitation;
    });
    const [delivered] = await this.provisioning.deliver([issued]);
    const row = await this.dataSource.manager.findOneOrFail(EnrolmentInvitationEntity, {
      where: { id: invitationId },
    });
    const links = await this.links.states(this.dataSource.manager, [row.actionTokenId]);
    return {
      invitation: invitationStatus(row, links.get(row.actionTokenId)),
      link: actionLink(delivered),
    };
  }

  /**
   * New links for the invitations named (those the trainer saw open, expired ones included; one
   * accepted or withdrawn meanwhile is left out), the previous links stopping: e-mailed, or handed back
   * for the trainer's export without a mail server. Audited (`cohort.invitations-resent`, the count).
   */
  async resendAll(
    principal: AuthPrincipal,
    cohortId: string,
    invitationIds: string[],
  ): Promise<ResentInvitations> {
    const { rows, issued } = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.openCohort(principal, cohortId, manager);
      const open = await manager.find(EnrolmentInvitationEntity, {
        where: { cohortId, acceptedAt: IsNull(), id: In(invitationIds) },
        order: { email: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const links = await this.reissue(manager, principal, open);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.invitations-resent',
        subjectType: 'cohort',
        subjectId: cohort.id,
        territoryId: cohort.territoryId,
        details: { count: open.length, emailed: this.provisioning.linksMailed },
      });
      return { rows: open, issued: links };
    });
    // In the order issued: one delivered link per row.
    const delivered = await this.provisioning.deliver(issued);
    return {
      links: rows.map((r, i) => ({
        ...actionLink(delivered[i]),
        invitationId: r.id,
        email: r.email,
        name: r.name,
      })),
    };
  }

  /** The trainer takes an invitation back: its link stops working. */
  async withdraw(principal: AuthPrincipal, cohortId: string, invitationId: string): Promise<void> {
    await this.cohorts.requireManageable(principal, cohortId);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(EnrolmentInvitationEntity, {
        where: { id: invitationId, cohortId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundException('No such invitation in this cohort.');
      // Accepted: the person is in the cohort; the roster withdraws them.
      if (row.acceptedAt) throw invitationGone();
      await this.links.revoke(manager, [row.actionTokenId]);
      await manager.delete(EnrolmentInvitationEntity, { id: row.id });
    });
  }

  /** What the signed-in invitee is asked to accept (403 when the link is another account's). */
  async lookup(principal: AuthPrincipal, token: string): Promise<CohortInvitation> {
    const link = await this.links.enrolmentLinkOf(token, principal.userId);
    const row = await this.dataSource.manager.findOne(EnrolmentInvitationEntity, {
      where: { actionTokenId: link.tokenId },
    });
    if (!row || row.acceptedAt) throw invitationGone();
    const cohort = await this.dataSource.manager.findOneOrFail(CohortEntity, { where: { id: row.cohortId } });
    const titles = await this.catalog.titles([cohort.courseId]);
    return {
      cohortId: cohort.id,
      cohortName: cohort.name,
      courseTitle: titles.get(cohort.courseId) ?? {},
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
      email: row.email,
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  /** The signed-in invitee accepts: enrolled, with the coach role of the cohort's territory. */
  async accept(principal: AuthPrincipal, token: string): Promise<MyEnrolment> {
    const cohortId = await this.dataSource.transaction(async (manager) => {
      const link = await this.links.enrolmentLinkOf(token, principal.userId, manager);
      const row = await manager.findOne(EnrolmentInvitationEntity, {
        where: { actionTokenId: link.tokenId },
      });
      if (!row || row.acceptedAt) throw invitationGone();
      // Uses the link; {@link linkUsed} then enrols, in this transaction.
      await this.links.acceptSignedIn(manager, token, principal.userId);
      return row.cohortId;
    });
    const mine = await this.enrolments.mine(principal);
    return mine.find((e) => e.cohortId === cohortId) as MyEnrolment;
  }

  /**
   * A link was used. An enrolment link accepts its invitation (or fails: the cohort closed). An account
   * created by an invitation, setting its password, accepts the invitation that created it, whichever
   * of its invitation links it used (an admin may have sent a new one).
   */
  private async linkUsed(manager: EntityManager, link: AcceptedLink): Promise<void> {
    if (link.purpose === 'password_reset') return;
    const strict = link.purpose === 'enrolment';
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM enrolment_invitations
        WHERE user_id = $1 AND accepted_at IS NULL AND (action_token_id = $2 OR ($3 AND new_account))
        ORDER BY invited_at FOR UPDATE`,
      [link.userId, link.tokenId, !strict],
    );
    if (strict && !rows.length) throw invitationGone();
    for (const { id } of rows) {
      const row = await manager.findOneOrFail(EnrolmentInvitationEntity, { where: { id } });
      const cohort = await manager.findOneOrFail(CohortEntity, { where: { id: row.cohortId } });
      if (cohort.status === 'closed') {
        if (strict)
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'cohort-closed',
            'Cohort closed',
            'This cohort is closed: it takes no new coaches.',
          );
        continue;
      }
      await this.provisioning.grantRole(
        manager,
        [link.userId],
        { role: 'coach', territoryId: cohort.territoryId },
        row.invitedBy,
        { cohortId: cohort.id },
      );
      await activateEnrolments(manager, cohort.id, [link.userId], row.source);
      if (row.actionTokenId !== link.tokenId) await this.links.revoke(manager, [row.actionTokenId]);
      // Kept, as accepted: the trainers' list says so.
      await manager.update(EnrolmentInvitationEntity, { id: row.id }, { acceptedAt: new Date() });
    }
  }

  /** The cohort, locked, if the principal manages it and it still takes coaches. */
  private async openCohort(
    principal: AuthPrincipal,
    cohortId: string,
    manager: EntityManager,
  ): Promise<CohortEntity> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId, manager, true);
    if (cohort.status === 'closed') throw cohortClosed('A closed cohort takes no new coaches.');
    return cohort;
  }

  /**
   * A new link for each row, in the caller's transaction and in the rows' order: the previous links
   * stop working, each row points at its new link. Deliver them after the commit.
   */
  private async reissue(
    manager: EntityManager,
    principal: AuthPrincipal,
    rows: EnrolmentInvitationEntity[],
  ): Promise<ProvisionedInvitation[]> {
    if (!rows.length) return [];
    await this.links.revoke(
      manager,
      rows.map((r) => r.actionTokenId),
    );
    const issued = await this.provisioning.issueLinks(
      manager,
      rows.map((r) => ({
        userId: r.userId,
        email: r.email,
        // A link that sets a password only for an account this invitation created (identity checks).
        purpose: r.newAccount ? ('invitation' as const) : ('enrolment' as const),
      })),
      principal.userId,
    );
    await manager.query(
      `UPDATE enrolment_invitations i SET action_token_id = u.token_id, sent_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS u(id, token_id)
        WHERE i.id = u.id`,
      [rows.map((r) => r.id), issued.map((i) => i.tokenId)],
    );
    return issued;
  }
}

/** A delivered link as the trainer sees it (the address is said by the invitation beside it). */
function actionLink(delivered: ActionLink | undefined): ActionLink {
  return {
    url: delivered?.url ?? null,
    expiresAt: delivered?.expiresAt ?? new Date().toISOString(),
    emailed: delivered?.emailed ?? false,
  };
}
