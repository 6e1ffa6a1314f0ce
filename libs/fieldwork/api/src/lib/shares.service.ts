import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldError, Organisation, ShareOrganisationRequest } from '@tc/shared/contracts';
import { coversTerritory, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { UserDirectory } from '@tc/identity/api';
import { NotificationsService } from '@tc/notifications/api';
import { idsOfPath } from '@tc/territories/api';
import { notFound, organisationOf, readableOrganisation, writableOrganisation } from './field-access';
import { refreshImpactFacts } from './impact/impact-facts';

/**
 * Sharing an organisation between the coaches of its territory: a coach who found it as a likely
 * duplicate of their own asks its coach (`fieldwork.share-requested`); its coach shares it with a
 * coach whose role covers its territory (`fieldwork.shared`; audited) or stops sharing (audited).
 */
@Injectable()
export class SharesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * A coach asks to share an organisation they were warned of: one of their own organisations has the
   * same territory and folded name, and their coach role covers that territory; anyone else: 404.
   * Asking again changes nothing; its coach is told once per coach who asks.
   */
  async request(principal: AuthPrincipal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [target] = await transactionQuery<{
        owner_id: string;
        name: string;
        path: string;
        twin: boolean;
        shared: boolean;
      }>(
        manager,
        `SELECT o.owner_id, o.name, t.path,
                EXISTS (SELECT 1 FROM field_organisations m
                         WHERE m.owner_id = $2 AND m.territory_id = o.territory_id AND m.name_key = o.name_key)
                  AS twin,
                EXISTS (SELECT 1 FROM field_organisation_coaches s WHERE s.organisation_id = o.id AND s.coach_id = $2)
                  AS shared
           FROM field_organisations o JOIN territory_tree t ON t.id = o.territory_id
          WHERE o.id = $1`,
        [id, principal.userId],
      );
      if (!target || !target.twin || !coversTerritory(principal, 'coach', target.path)) throw notFound();
      if (target.owner_id === principal.userId || target.shared) return;
      const [asked] = await transactionQuery<{ requested_at: Date }>(
        manager,
        `INSERT INTO field_share_requests (organisation_id, coach_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING requested_at`,
        [id, principal.userId],
      );
      if (!asked) return;
      await this.notifications.notify(manager, {
        recipientId: target.owner_id,
        kind: 'fieldwork.share-requested',
        subject: { type: 'organisation', id },
        moment: `asked:${principal.userId}`,
        params: { organisationName: target.name },
      });
    });
  }

  /**
   * Its coach shares it with a coach whose role covers its territory (by id or e-mail; anyone else:
   * a problem on the field given). Sharing again changes nothing. The coach is told; audited.
   */
  async grant(principal: AuthPrincipal, id: string, dto: ShareOrganisationRequest): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      if ((dto.coachId === undefined) === (dto.email === undefined))
        throw validationProblem([
          {
            field: 'coachId',
            message: 'Give a coach id or an e-mail, not both',
            code: 'share-coach-or-email',
          },
        ]);
      const row = await writableOrganisation(manager, principal, id, true);
      const field = dto.coachId !== undefined ? 'coachId' : 'email';
      const refused: FieldError = {
        field,
        message: "Not a coach of this organisation's territory",
        code: 'share-target-not-coach',
      };
      const coachId =
        dto.coachId ??
        (await this.directory.findActiveWithRoleByEmail(dto.email as string, ['coach'], manager))?.id;
      if (!coachId || coachId === row.owner_id) throw validationProblem([refused]);
      const covers = await this.directory.holdingRoleOn(
        [coachId],
        ['coach'],
        idsOfPath(row.territory_path),
        manager,
      );
      if (!covers.has(coachId)) throw validationProblem([refused]);
      const [granted] = await transactionQuery<{ granted_at: Date | string }>(
        manager,
        `INSERT INTO field_organisation_coaches (organisation_id, coach_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING granted_at`,
        [id, coachId],
      );
      await transactionQuery(
        manager,
        'DELETE FROM field_share_requests WHERE organisation_id = $1 AND coach_id = $2',
        [id, coachId],
      );
      if (granted) {
        await refreshImpactFacts(manager, [id]);
        await writeAudit(manager, {
          actorId: principal.userId,
          action: 'fieldwork.shared',
          subjectType: 'user',
          subjectId: coachId,
          territoryId: row.territory_id,
          details: { organisationId: id },
        });
        await this.notifications.notify(manager, {
          recipientId: coachId,
          kind: 'fieldwork.shared',
          subject: { type: 'organisation', id },
          moment: `shared:${new Date(granted.granted_at).toISOString()}`,
          params: { organisationName: row.name },
        });
      }
      return organisationOf(await readableOrganisation(manager, principal, id));
    });
  }

  /** Its coach stops sharing it with a coach (audited); not shared with them: nothing changes. */
  async revoke(principal: AuthPrincipal, id: string, coachId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await writableOrganisation(manager, principal, id, true);
      const removed = await transactionQuery<{ coach_id: string }>(
        manager,
        'DELETE FROM field_organisation_coaches WHERE organisation_id = $1 AND coach_id = $2 RETURNING coach_id',
        [id, coachId],
      );
      if (!removed.length) return;
      await refreshImpactFacts(manager, [id]);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'fieldwork.unshared',
        subjectType: 'user',
        subjectId: coachId,
        territoryId: row.territory_id,
        details: { organisationId: id },
      });
    });
  }
}
