import { HttpStatus, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CohortInvitation, MyEnrolment, PendingInvitation } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { LinkAcceptance, LinksService, Provisioning, type AcceptedLink } from '@tc/identity/api';
import { CohortsService } from './cohorts.service';
import { activateEnrolments } from './enrolment-rows';
import { EnrolmentsService } from './enrolments.service';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentInvitationEntity } from './entities/enrolment-invitation.entity';

const invitationGone = () =>
  new ProblemException(
    HttpStatus.GONE,
    'invitation-gone',
    'Invitation no longer valid',
    'This invitation was withdrawn or already accepted.',
  );

/**
 * Invitations into a cohort, from the trainer's list or CSV file, until they are accepted: the person
 * opens the link and, signed in (or by choosing the password of an account the invitation created),
 * accepts; the enrolment and the coach role of the cohort's territory are given then, the role audited
 * as granted by whoever invited (`role.granted`, `via: enrolment`).
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
      where: { cohortId },
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

  /** The trainer takes an invitation back: its link stops working. */
  async withdraw(principal: AuthPrincipal, cohortId: string, invitationId: string): Promise<void> {
    await this.cohorts.requireManageable(principal, cohortId);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(EnrolmentInvitationEntity, {
        where: { id: invitationId, cohortId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundException('No such invitation in this cohort.');
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
    if (!row) throw invitationGone();
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
      if (!row) throw invitationGone();
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
        WHERE user_id = $1 AND (action_token_id = $2 OR ($3 AND new_account))
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
      await manager.delete(EnrolmentInvitationEntity, { id: row.id });
    }
  }
}
