import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuthPrincipal, poolQuery } from '@tc/shared/api';
import type { Role } from '@tc/shared/contracts';

/** Loads who is calling, with the territory path each role covers, fresh on every request. */
@Injectable()
export class PrincipalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The principal of an active (not disabled, password set) user whose session is still open, or null.
   * The session is the refresh-token family the access token was issued in: signing out, a replayed
   * refresh token, a password reset or disabling the account revokes it, and a family past its expiry
   * has ended. Checked in the same statement as the principal, so each request still costs one query.
   */
  async load(userId: string, sessionId: string): Promise<AuthPrincipal | null> {
    const rows: {
      email: string;
      assignment_id: string | null;
      role: Role | null;
      territory_id: string | null;
      path: string | null;
    }[] = await poolQuery(
      this.dataSource,
      `SELECT u.email, ra.id AS assignment_id, ra.role, ra.territory_id, t.path
           FROM users u
           LEFT JOIN role_assignments ra ON ra.user_id = u.id
           LEFT JOIN territory_tree t ON t.id = ra.territory_id
          WHERE u.id = $1 AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
            AND EXISTS (SELECT 1 FROM refresh_tokens rt
                         WHERE rt.family_id = $2 AND rt.user_id = u.id
                           AND rt.revoked_at IS NULL AND rt.expires_at > now())`,
      [userId, sessionId],
    );
    const first = rows[0];
    if (!first) return null;
    return {
      userId,
      email: first.email,
      roles: rows
        .filter((r) => r.assignment_id && r.role && r.territory_id && r.path)
        .map((r) => ({
          assignmentId: r.assignment_id as string,
          role: r.role as Role,
          territoryId: r.territory_id as string,
          territoryPath: r.path as string,
        })),
    };
  }
}
