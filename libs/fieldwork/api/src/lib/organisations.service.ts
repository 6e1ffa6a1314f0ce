import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  LikelyDuplicate,
  OrganisationList,
  OrganisationsQuery,
  SavedOrganisation,
  SaveOrganisationRequest,
} from '@tc/shared/contracts';
import {
  coversTerritory,
  ProblemException,
  transactionQuery,
  validationProblem,
  type AuthPrincipal,
} from '@tc/shared/api';
import { consentGiven, recordConsent, writeAudit } from '@tc/audit/api';
import {
  accessParams,
  ORGANISATION_COLUMNS_SQL,
  ORGANISATION_SQL,
  organisationOf,
  readableOrganisation,
  writableOrganisation,
  type OrganisationRow,
} from './field-access';
import { nameKey } from './name-key';
import { refreshImpactFacts } from './impact/impact-facts';

/** What an entrepreneur's record is called once they withdrew their agreement. */
export const ANONYMISED_NAME = '—';

const idTaken = () =>
  new ProblemException(HttpStatus.CONFLICT, 'field-record-id-taken', 'This id is taken', undefined, [
    { field: 'id', message: 'Another record has this id', code: 'field-record-id-taken' },
  ]);

/**
 * The organisations of coaches' field logs: registered and edited by their coach (PUT with the
 * client's id: a resend answers as the first did), listed for a coach (own and shared) or a supervisor
 * (one coach's), deleted with their log (audited). Every write refreshes the impact facts in its
 * transaction.
 */
@Injectable()
export class OrganisationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Registers (created: true) or edits the coach's organisation. The same id sent again with the same
   * fields before any edit is the registration again (created: true, nothing written); an id held by
   * another coach's record: 409; a coach it is shared with may not edit it (403).
   */
  async save(
    principal: AuthPrincipal,
    id: string,
    dto: SaveOrganisationRequest,
  ): Promise<{ created: boolean; saved: SavedOrganisation }> {
    if (dto.id !== id)
      throw validationProblem([{ field: 'id', message: "The path's organisation id", code: 'invalid' }]);
    return this.dataSource.transaction(async (manager) => {
      await this.coachedTerritory(manager, principal, dto.territoryId);
      if (dto.kind === 'young-enterprise' && dto.consent !== true)
        throw validationProblem([
          {
            field: 'consent',
            message: 'A young entrepreneur must agree to be recorded',
            code: 'consent-required',
          },
        ]);
      const members = dto.members ?? null;
      const women = dto.womenMembers ?? null;
      if (members !== null && women !== null && women > members)
        throw validationProblem([
          { field: 'womenMembers', message: 'More women than members', code: 'women-above-members' },
        ]);
      const key = nameKey(dto.name);
      const values = [
        dto.id,
        principal.userId,
        dto.name.trim(),
        key,
        dto.kind,
        dto.sector,
        dto.territoryId,
        dto.foundedYear ?? null,
        members,
        women,
        dto.womenLed,
        dto.youthLed,
        dto.kind === 'young-enterprise',
      ];
      const [existing] = await transactionQuery<{
        owner_id: string;
        same: boolean;
        edited: boolean;
      }>(
        manager,
        `SELECT owner_id,
                (name = $2 AND kind = $3 AND sector = $4 AND territory_id = $5
                 AND founded_year IS NOT DISTINCT FROM $6::int AND members IS NOT DISTINCT FROM $7::int
                 AND women_members IS NOT DISTINCT FROM $8::int AND women_led = $9 AND youth_led = $10) AS same,
                updated_at > created_at AS edited
           FROM field_organisations WHERE id = $1 FOR UPDATE`,
        [dto.id, ...values.slice(2, 3), ...values.slice(4, 12)],
      );
      let created = false;
      if (!existing) {
        await transactionQuery(
          manager,
          `INSERT INTO field_organisations (id, owner_id, name, name_key, kind, sector, territory_id, founded_year,
                  members, women_members, women_led, youth_led, consent_noted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $13 THEN now() END)`,
          values,
        );
        created = true;
      } else {
        if (existing.owner_id !== principal.userId) {
          const [shared] = await transactionQuery(
            manager,
            'SELECT 1 FROM field_organisation_coaches WHERE organisation_id = $1 AND coach_id = $2',
            [dto.id, principal.userId],
          );
          if (shared)
            throw new ProblemException(
              HttpStatus.FORBIDDEN,
              'field-record-not-own',
              'Only its coach may edit the organisation',
            );
          throw idTaken();
        }
        if (existing.same && !existing.edited) created = true;
        else
          await transactionQuery(
            manager,
            `UPDATE field_organisations SET name = $3, name_key = $4, kind = $5, sector = $6, territory_id = $7,
                    founded_year = $8, members = $9, women_members = $10, women_led = $11, youth_led = $12,
                    consent_noted_at = COALESCE(consent_noted_at, CASE WHEN $13 THEN now() END),
                    updated_at = GREATEST(now(), created_at + interval '1 microsecond')
              WHERE id = $1 AND owner_id = $2`,
            values,
          );
      }
      // The coach notes the entrepreneur's agreement with the words they confirmed; once per agreement.
      const subject = { organisationId: dto.id };
      if (dto.kind === 'young-enterprise' && !(await consentGiven(manager, subject, 'entrepreneur-record')))
        await recordConsent(manager, {
          subject,
          purpose: 'entrepreneur-record',
          given: true,
          recordedBy: principal.userId,
        });
      await refreshImpactFacts(manager, [dto.id]);
      const row = await readableOrganisation(manager, principal, dto.id);
      return {
        created,
        saved: {
          organisation: organisationOf(row),
          likelyDuplicates: await this.likelyDuplicates(manager, principal, row),
        },
      };
    });
  }

  /** A coach's own and shared organisations; for a supervisor, `coachId`'s that they may see. */
  async list(principal: AuthPrincipal, query: OrganisationsQuery): Promise<OrganisationList> {
    const coachId = query.coachId ?? principal.userId;
    const rows = await transactionQuery<OrganisationRow>(
      this.dataSource.manager,
      `${ORGANISATION_SQL}
        WHERE o.owner_id = $4
           OR EXISTS (SELECT 1 FROM field_organisation_coaches s WHERE s.organisation_id = o.id AND s.coach_id = $4)
      ) x WHERE x.access IS NOT NULL ORDER BY x.name_key, x.id`,
      [...accessParams(principal), coachId],
    );
    return { items: rows.map(organisationOf) };
  }

  /** Its owner deletes it with its whole log (audited, without its name or notes). */
  async remove(principal: AuthPrincipal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await writableOrganisation(manager, principal, id, true);
      await transactionQuery(manager, 'DELETE FROM field_organisations WHERE id = $1', [id]);
      await refreshImpactFacts(manager, [id]);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'fieldwork.organisation-deleted',
        subjectType: 'user',
        subjectId: row.owner_id,
        territoryId: row.territory_id,
        details: { organisationId: id, kind: row.kind },
      });
    });
  }

  /**
   * Its coach notes that the young entrepreneur withdrew their agreement: from then on the record
   * identifies nobody. It is anonymised, not deleted, so that the impact statistics keep counting an
   * entrepreneur who was really accompanied (deleting it would lower the counts of past months as if
   * the work had not been done): its name becomes a neutral placeholder, and the visit notes, next
   * steps, milestone evidence and comments (free text that may name or describe the person) are
   * blanked. Kind, sector, territory, dates and member counts stay: they are what the counts are made of.
   */
  async withdrawConsent(principal: AuthPrincipal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await writableOrganisation(manager, principal, id, true);
      if (row.kind !== 'young-enterprise')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'conflict',
          'Not a young entrepreneur',
          'Only a young entrepreneur’s record rests on their consent.',
        );
      // A key of its own: anonymised records are nobody's likely duplicates.
      await transactionQuery(
        manager,
        `UPDATE field_organisations SET name = $2, name_key = $3,
                updated_at = GREATEST(now(), created_at + interval '1 microsecond')
          WHERE id = $1`,
        [id, ANONYMISED_NAME, `${ANONYMISED_NAME} ${id}`],
      );
      await transactionQuery(
        manager,
        `UPDATE field_visits SET notes = '', next_steps = '' WHERE organisation_id = $1`,
        [id],
      );
      await transactionQuery(
        manager,
        `UPDATE field_milestones SET evidence_url = NULL, evidence_note = NULL WHERE organisation_id = $1`,
        [id],
      );
      await transactionQuery(manager, `UPDATE field_comments SET body = $2 WHERE organisation_id = $1`, [
        id,
        ANONYMISED_NAME,
      ]);
      if (await consentGiven(manager, { organisationId: id }, 'entrepreneur-record'))
        await recordConsent(manager, {
          subject: { organisationId: id },
          purpose: 'entrepreneur-record',
          given: false,
          recordedBy: principal.userId,
        });
      await refreshImpactFacts(manager, [id]);
    });
  }

  /**
   * Other coaches' organisations of the same territory with the same folded name that the coach does
   * not see yet: probably the same organisation, registered twice.
   */
  async likelyDuplicates(
    manager: EntityManager,
    principal: AuthPrincipal,
    row: Pick<OrganisationRow, 'id' | 'territory_id' | 'name_key'>,
  ): Promise<LikelyDuplicate[]> {
    const rows = await transactionQuery<OrganisationRow & { requested: boolean }>(
      manager,
      `SELECT x.*, EXISTS (SELECT 1 FROM field_share_requests r WHERE r.organisation_id = x.id AND r.coach_id = $1)
                AS requested
         FROM (${ORGANISATION_COLUMNS_SQL}
        WHERE o.territory_id = $4 AND o.name_key = $5 AND o.id <> $6) x
        WHERE x.access IS NULL OR x.access NOT IN ('owner', 'shared')
        ORDER BY x.created_at, x.id`,
      [...accessParams(principal), row.territory_id, row.name_key, row.id],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      territoryName: r.territory_name,
      coach: { id: r.owner_id, name: r.owner_name ?? '' },
      requested: r.requested,
    }));
  }

  /** A province or commune the coach's role covers, else a problem on `territoryId`. */
  private async coachedTerritory(
    manager: EntityManager,
    principal: AuthPrincipal,
    territoryId: string,
  ): Promise<{ path: string }> {
    const [t] = await transactionQuery<{ level: string; path: string }>(
      manager,
      'SELECT level, path FROM territory_tree WHERE id = $1',
      [territoryId],
    );
    if (!t || !['province', 'commune'].includes(t.level) || !coversTerritory(principal, 'coach', t.path))
      throw validationProblem([
        {
          field: 'territoryId',
          message: 'A province or commune where you hold the coach role',
          code: 'territory-not-coached',
        },
      ]);
    return { path: t.path };
  }
}
