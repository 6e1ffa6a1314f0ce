import type { EntityManager } from 'typeorm';
import type { Me, Role, RoleAssignment, UserSummary } from '@tc/shared/contracts';
import { UserEntity, statusOf } from '../entities/user.entity';

interface RoleRow {
  user_id: string;
  id: string;
  role: Role;
  territory_id: string;
  name_fr: string;
  name_ar: string;
  name_en: string;
}

/** Role assignments of several users with the names of their territories, in one query. */
export async function rolesOf(
  manager: EntityManager,
  userIds: string[],
): Promise<Map<string, RoleAssignment[]>> {
  const out = new Map<string, RoleAssignment[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows: RoleRow[] = await manager.query(
    `SELECT ra.user_id, ra.id, ra.role, ra.territory_id, t.name_fr, t.name_ar, t.name_en
       FROM role_assignments ra JOIN territory_tree t ON t.id = ra.territory_id
      WHERE ra.user_id = ANY($1::uuid[])
      ORDER BY ra.role, t.depth, t.name_fr`,
    [userIds],
  );
  for (const r of rows) {
    out.get(r.user_id)?.push({
      id: r.id,
      role: r.role,
      territoryId: r.territory_id,
      territoryName: { fr: r.name_fr, ar: r.name_ar, en: r.name_en },
    });
  }
  return out;
}

export async function loadMe(manager: EntityManager, userId: string): Promise<Me> {
  const u = await manager.findOneOrFail(UserEntity, { where: { id: userId } });
  const roles = (await rolesOf(manager, [userId])).get(userId) ?? [];
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    preferredLanguage: u.preferredLanguage,
    territoryId: u.territoryId,
    organisationType: u.organisationType,
    organisationName: u.organisationName,
    gender: u.gender,
    birthYear: u.birthYear,
    demographicsWithheld: u.demographicsWithheld,
    roles,
  };
}

/** Admin rows; `hasPassword` says whether an invitation was accepted. */
export async function loadSummaries(
  manager: EntityManager,
  users: (UserEntity & { hasPassword: boolean })[],
): Promise<UserSummary[]> {
  const roles = await rolesOf(
    manager,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    status: statusOf(u),
    roles: roles.get(u.id) ?? [],
    territoryId: u.territoryId,
    organisationName: u.organisationName,
    createdAt: u.createdAt.toISOString(),
  }));
}
