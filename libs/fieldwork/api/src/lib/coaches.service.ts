import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SupervisedCoachList } from '@tc/shared/contracts';
import { transactionQuery, type AuthPrincipal } from '@tc/shared/api';
import { accessParams } from './field-access';

/**
 * The coaches a trainer or admin supervises, with the size of their field log: the coaches enrolled
 * (now or before) in the cohorts they run (their trainer or admin role covers the cohort's territory),
 * and, for an admin, the coaches with organisations in the territories they cover.
 */
@Injectable()
export class CoachesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async supervised(principal: AuthPrincipal): Promise<SupervisedCoachList> {
    const rows = await transactionQuery<{
      id: string;
      name: string | null;
      organisations: number;
      visits: number;
      milestones: number;
      last_visit_on: string | null;
    }>(
      this.dataSource.manager,
      `WITH coaches AS (
         SELECT e.user_id AS id FROM enrolment_directory e JOIN territory_tree ct ON ct.id = e.territory_id
          WHERE ct.path LIKE ANY($3::text[])
         UNION
         SELECT o.owner_id FROM field_organisations o JOIN territory_tree t ON t.id = o.territory_id
          WHERE t.path LIKE ANY($2::text[])
       )
       SELECT c.id, u.display_name AS name,
              (SELECT count(*)::int FROM field_organisations o
                WHERE o.owner_id = c.id
                   OR EXISTS (SELECT 1 FROM field_organisation_coaches s
                               WHERE s.organisation_id = o.id AND s.coach_id = c.id)) AS organisations,
              (SELECT count(*)::int FROM field_visits v WHERE v.coach_id = c.id) AS visits,
              (SELECT count(*)::int FROM field_milestones m WHERE m.coach_id = c.id) AS milestones,
              (SELECT to_char(max(v.visited_on), 'YYYY-MM-DD') FROM field_visits v WHERE v.coach_id = c.id)
                AS last_visit_on
         FROM coaches c JOIN user_directory u ON u.id = c.id
        WHERE c.id <> $1
        ORDER BY u.display_name, c.id`,
      accessParams(principal),
    );
    return {
      items: rows.map((r) => ({
        coach: { id: r.id, name: r.name ?? '' },
        organisations: Number(r.organisations),
        visits: Number(r.visits),
        milestones: Number(r.milestones),
        lastVisitOn: r.last_visit_on,
      })),
    };
  }
}
