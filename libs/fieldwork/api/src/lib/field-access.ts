import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoachRef, Organisation } from '@tc/shared/contracts';
import { ProblemException, scopesFor, transactionQuery, type AuthPrincipal } from '@tc/shared/api';

/**
 * How the reader stands to an organisation: its owner, a coach it is shared with, an admin whose role
 * covers its territory, or a trainer (or admin) running a cohort where its owner or one of its shared
 * coaches is (or was) enrolled. Anyone else: null, and the organisation answers 404.
 */
export type FieldAccess = 'owner' | 'shared' | 'admin' | 'trainer';

/** The reader's parameters of {@link ACCESS_SQL}: `$1` the reader, `$2` admin scopes, `$3` cohort-running scopes. */
export function accessParams(principal: AuthPrincipal): [string, string[], string[]] {
  const like = (paths: string[]) => paths.map((p) => `${p}%`);
  const admin = like(scopesFor(principal, 'admin'));
  return [principal.userId, admin, [...admin, ...like(scopesFor(principal, 'trainer'))]];
}

/** The reader's access to `o` (a `field_organisations` row), with {@link accessParams} as `$1`–`$3`. */
export const ACCESS_SQL = `CASE
  WHEN o.owner_id = $1 THEN 'owner'
  WHEN EXISTS (SELECT 1 FROM field_organisation_coaches s WHERE s.organisation_id = o.id AND s.coach_id = $1)
    THEN 'shared'
  WHEN EXISTS (SELECT 1 FROM territory_tree at WHERE at.id = o.territory_id AND at.path LIKE ANY($2::text[]))
    THEN 'admin'
  WHEN EXISTS (SELECT 1 FROM enrolment_directory e JOIN territory_tree ct ON ct.id = e.territory_id
                WHERE ct.path LIKE ANY($3::text[])
                  AND (e.user_id = o.owner_id OR e.user_id IN
                        (SELECT s.coach_id FROM field_organisation_coaches s WHERE s.organisation_id = o.id)))
    THEN 'trainer'
  END`;

/** A territory's name in the reader's language (`$1` the reader), with its province for a commune. */
const name = (t: string) => `COALESCE(CASE (SELECT language FROM user_directory WHERE id = $1)
    WHEN 'ar' THEN ${t}.name_ar WHEN 'en' THEN ${t}.name_en END, ${t}.name_fr)`;
export const TERRITORY_NAME_SQL = `CASE WHEN t.level = 'commune' AND pt.id IS NOT NULL
    THEN ${name('t')} || CASE (SELECT language FROM user_directory WHERE id = $1) WHEN 'ar' THEN '، ' ELSE ', ' END
         || ${name('pt')}
    ELSE ${name('t')} END`;

/**
 * One organisation per row with what its card shows: counts, first and latest overall scores, last
 * visit, shared coaches and the reader's access (null: none). Correlated sub-queries on the log's
 * indexes (organisation first): a field log of 50 organisations and 500 visits reads in one query.
 */
export const ORGANISATION_COLUMNS_SQL = `
  SELECT o.id, o.name, o.name_key, o.kind, o.sector, o.territory_id, o.founded_year, o.members,
         o.women_members, o.women_led, o.youth_led, o.consent_noted_at, o.owner_id, o.created_at, o.updated_at,
         ou.display_name AS owner_name,
         ${TERRITORY_NAME_SQL} AS territory_name,
         t.path AS territory_path,
         (SELECT count(*)::int FROM field_visits v WHERE v.organisation_id = o.id) AS visits,
         (SELECT count(*)::int FROM field_milestones m WHERE m.organisation_id = o.id) AS milestones,
         (SELECT to_char(max(v.visited_on), 'YYYY-MM-DD') FROM field_visits v WHERE v.organisation_id = o.id)
           AS last_visit_on,
         (SELECT c.overall FROM field_checks c WHERE c.organisation_id = o.id
           ORDER BY c.taken_on, c.created_at, c.id LIMIT 1) AS first_score,
         (SELECT c.overall FROM field_checks c WHERE c.organisation_id = o.id
           ORDER BY c.taken_on DESC, c.created_at DESC, c.id DESC LIMIT 1) AS latest_score,
         COALESCE((SELECT json_agg(json_build_object('id', s.coach_id, 'name', su.display_name)
                                   ORDER BY su.display_name, s.coach_id)
                     FROM field_organisation_coaches s JOIN user_directory su ON su.id = s.coach_id
                    WHERE s.organisation_id = o.id), '[]'::json) AS shared_with,
         ${ACCESS_SQL} AS access
    FROM field_organisations o
    JOIN territory_tree t ON t.id = o.territory_id
    LEFT JOIN territory_tree pt ON pt.id = t.parent_id
    LEFT JOIN user_directory ou ON ou.id = o.owner_id`;

/** {@link ORGANISATION_COLUMNS_SQL} opened as `x`: the caller adds its WHERE and closes with `) x`. */
export const ORGANISATION_SQL = `SELECT * FROM (${ORGANISATION_COLUMNS_SQL}`;

export interface OrganisationRow {
  id: string;
  name: string;
  name_key: string;
  kind: Organisation['kind'];
  sector: Organisation['sector'];
  territory_id: string;
  territory_path: string;
  founded_year: number | null;
  members: number | null;
  women_members: number | null;
  women_led: boolean;
  youth_led: boolean;
  consent_noted_at: Date | string | null;
  owner_id: string;
  owner_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  territory_name: string;
  visits: number;
  milestones: number;
  last_visit_on: string | null;
  first_score: number | null;
  latest_score: number | null;
  shared_with: CoachRef[] | string;
  access: FieldAccess | null;
}

export const iso = (d: Date | string) => new Date(d).toISOString();

export function organisationOf(r: OrganisationRow): Organisation {
  const shared =
    typeof r.shared_with === 'string' ? (JSON.parse(r.shared_with) as CoachRef[]) : r.shared_with;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    sector: r.sector,
    territoryId: r.territory_id,
    territoryName: r.territory_name,
    foundedYear: r.founded_year === null ? null : Number(r.founded_year),
    members: r.members === null ? null : Number(r.members),
    womenMembers: r.women_members === null ? null : Number(r.women_members),
    womenLed: r.women_led,
    youthLed: r.youth_led,
    consentNotedAt: r.consent_noted_at ? iso(r.consent_noted_at) : null,
    coach: { id: r.owner_id, name: r.owner_name ?? '' },
    sharedWith: shared.map((c) => ({ id: c.id, name: c.name ?? '' })),
    access: r.access === 'owner' || r.access === 'shared' ? r.access : 'supervisor',
    firstScore: r.first_score === null ? null : Number(r.first_score),
    latestScore: r.latest_score === null ? null : Number(r.latest_score),
    visits: Number(r.visits),
    milestones: Number(r.milestones),
    lastVisitOn: r.last_visit_on,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const notFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not found', 'No such organisation.');

/** The organisation as the reader may see it, else 404 (its existence not revealed). */
export async function readableOrganisation(
  manager: EntityManager,
  principal: AuthPrincipal,
  id: string,
): Promise<OrganisationRow> {
  const [row] = await transactionQuery<OrganisationRow>(
    manager,
    `${ORGANISATION_SQL} WHERE o.id = $4) x WHERE x.access IS NOT NULL`,
    [...accessParams(principal), id],
  );
  if (!row) throw notFound();
  return row;
}

/**
 * The organisation's row locked for a write by a coach who works on it (its owner, or a coach it is
 * shared with; `ownerOnly`: its owner). A supervisor: 403; anyone else: 404.
 */
export async function writableOrganisation(
  manager: EntityManager,
  principal: AuthPrincipal,
  id: string,
  ownerOnly = false,
): Promise<OrganisationRow> {
  await transactionQuery(manager, 'SELECT id FROM field_organisations WHERE id = $1 FOR UPDATE', [id]);
  const row = await readableOrganisation(manager, principal, id);
  if (row.access === 'owner' || (!ownerOnly && row.access === 'shared')) return row;
  throw new ProblemException(
    HttpStatus.FORBIDDEN,
    'field-record-not-own',
    ownerOnly ? 'Only its coach may do this' : 'Only the coaches who work with it may do this',
  );
}
