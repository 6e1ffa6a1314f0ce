import type { AuthPrincipal } from '@tc/shared/api';
import type { Role } from '@tc/shared/contracts';
import type { TestApp } from './test-app';

/**
 * The principal of an account, as the auth guard builds it (its roles with the territory paths they
 * cover): for specs that call a domain's services directly, as the demo seed does.
 */
export async function principalOf(t: Pick<TestApp, 'dataSource'>, email: string): Promise<AuthPrincipal> {
  const rows = (await t.dataSource.query(
    `SELECT u.id AS user_id, ra.id, ra.role, ra.territory_id, tr.path
       FROM users u JOIN role_assignments ra ON ra.user_id = u.id JOIN territories tr ON tr.id = ra.territory_id
      WHERE u.email = $1`,
    [email],
  )) as { user_id: string; id: string; role: Role; territory_id: string; path: string }[];
  if (!rows[0]) throw new Error(`No account with a role has the address ${email}.`);
  return {
    userId: rows[0].user_id,
    email,
    roles: rows.map((r) => ({
      assignmentId: r.id,
      role: r.role,
      territoryId: r.territory_id,
      territoryPath: r.path,
    })),
  };
}
