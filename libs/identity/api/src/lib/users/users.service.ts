import { ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type {
  ActionLink,
  InviteUserResponse,
  Me,
  RoleImpact,
  SignInLockout,
  UserList,
  UserSummary,
} from '@tc/shared/contracts';
import { AuthPrincipal, coversTerritory, ProblemException, scopesFor } from '@tc/shared/api';
import { recordConsent, writeAudit } from '@tc/audit/api';
import { TerritoriesService } from '@tc/territories/api';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity';
import { UserEntity } from '../entities/user.entity';
import { normalizeEmail } from '../crypto.util';
import type {
  AssignRoleDto,
  ChangeRoleDto,
  InviteUserDto,
  ListUsersQueryDto,
  RoleImpactQueryDto,
  UpdateProfileDto,
} from '../dto/identity.dto';
import { LinksService } from '../links/links.service';
import { SignInLockoutService } from '../auth/sign-in-lockout.service';
import { BackgroundWork } from '../background-work';
import { loadMe, loadSummaries } from './user-views';

type UserWithPassword = UserEntity & { hasPassword: boolean };

/** Profiles (each person's own) and the admin's management of accounts and roles. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territories: TerritoriesService,
    private readonly links: LinksService,
    private readonly lockout: SignInLockoutService,
    private readonly background: BackgroundWork,
  ) {}

  me(userId: string): Promise<Me> {
    return loadMe(this.dataSource.manager, userId);
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<Me> {
    if (dto.territoryId) await this.requireTerritory(dto.territoryId, 'territoryId');
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, { where: { id: userId } });
      const next = { ...user, ...dto };
      if (next.demographicsWithheld) {
        // Withheld means gone: nothing left to leak into an aggregate.
        next.gender = null;
        next.birthYear = null;
      }
      await manager.update(
        UserEntity,
        { id: userId },
        {
          displayName: next.displayName,
          preferredLanguage: next.preferredLanguage,
          territoryId: next.territoryId,
          organisationType: next.organisationType,
          organisationName: next.organisationName,
          gender: next.gender,
          birthYear: next.birthYear,
          demographicsWithheld: next.demographicsWithheld,
        },
      );
      // Giving demographics is consenting to their use; clearing them all is withdrawing it. Read back
      // what was saved: a field the request left out is absent (undefined), not cleared.
      const me = await loadMe(manager, userId);
      const had = user.gender !== null || user.birthYear !== null;
      const has = me.gender !== null || me.birthYear !== null;
      const changed = me.gender !== user.gender || me.birthYear !== user.birthYear;
      if (has && changed)
        await recordConsent(manager, {
          subject: { userId },
          purpose: 'demographics',
          given: true,
          recordedBy: userId,
          language: me.preferredLanguage,
        });
      else if (had && !has)
        await recordConsent(manager, {
          subject: { userId },
          purpose: 'demographics',
          given: false,
          recordedBy: userId,
          language: me.preferredLanguage,
        });
      return me;
    });
  }

  async list(principal: AuthPrincipal, query: ListUsersQueryDto): Promise<UserList> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('(u.password_hash IS NOT NULL)', 'has_password')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.email', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const scopes = scopesFor(principal, 'admin');
    if (!scopes.some((p) => p.split('/').filter(Boolean).length === 1)) {
      // A regional admin sees people who work in, or hold a role in, their territories.
      const patterns = scopes.map((p) => `${p}%`);
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM territory_tree wt WHERE wt.id = u.territory_id AND wt.path LIKE ANY(:patterns))
          OR EXISTS (SELECT 1 FROM role_assignments sra JOIN territory_tree st ON st.id = sra.territory_id
                      WHERE sra.user_id = u.id AND st.path LIKE ANY(:patterns)))`,
        { patterns },
      );
    }
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.email ILIKE :like OR u.display_name ILIKE :like)', { like });
    }
    if (query.role) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM role_assignments fra WHERE fra.user_id = u.id AND fra.role = :role)',
        { role: query.role },
      );
    }
    if (query.status === 'disabled') qb.andWhere('u.disabled_at IS NOT NULL');
    if (query.status === 'invited') qb.andWhere('u.disabled_at IS NULL AND u.password_hash IS NULL');
    if (query.status === 'active') qb.andWhere('u.disabled_at IS NULL AND u.password_hash IS NOT NULL');
    const [total, { entities, raw }] = await Promise.all([
      qb.clone().offset(undefined).limit(undefined).orderBy().getCount(),
      qb.getRawAndEntities<{ has_password: boolean }>(),
    ]);
    const users = entities.map((u, i) => Object.assign(u, { hasPassword: !!raw[i]?.has_password }));
    return { items: await loadSummaries(this.dataSource.manager, users), total, page, pageSize };
  }

  async get(principal: AuthPrincipal, id: string): Promise<UserSummary> {
    const user = await this.requireVisible(principal, id);
    return (await loadSummaries(this.dataSource.manager, [user]))[0] as UserSummary;
  }

  /**
   * Invites a new person with a first role, or re-invites one who never accepted and holds no role (when
   * this admin outranks them). An account with a password or any role is a conflict, in or out of the
   * admin's territories alike: a link that sets a password never goes to an account with something to
   * take over (an admin hands such a person a reset link, or assigns the role, instead).
   */
  async invite(principal: AuthPrincipal, dto: InviteUserDto): Promise<InviteUserResponse> {
    const path = await this.requireTerritory(dto.territoryId, 'territoryId');
    this.assertAdminCovers(principal, path);
    const email = normalizeEmail(dto.email);
    const issued = await this.dataSource.transaction(async (manager) => {
      let user = await this.findWithPassword(manager, { email });
      // Taken: a password or a role to take over, or a stray account out of this admin's reach (one answer
      // for all, so the answer tells no more about accounts elsewhere than that the address is in use).
      const taken =
        user &&
        (user.hasPassword ||
          (await manager.exists(RoleAssignmentEntity, { where: { userId: user.id } })) ||
          !(await this.outranks(manager, principal, user)));
      if (taken) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'user-exists',
          'Account already exists',
          'This person already has an account: assign a role instead.',
          [{ field: 'email', message: 'already has an account', code: 'account-exists' }],
        );
      }
      if (!user) {
        const saved = await manager.save(
          manager.create(UserEntity, {
            email,
            displayName: dto.displayName,
            preferredLanguage: dto.preferredLanguage ?? 'fr',
            territoryId: dto.territoryId,
          }),
        );
        user = Object.assign(saved, { hasPassword: false });
      }
      await this.grantRole(manager, principal, user.id, dto.role, dto.territoryId, 'invitation');
      return this.links.issue(manager, user.id, 'invitation', principal.userId);
    });
    const link = await this.links.deliver(issued);
    return { user: await this.get(principal, issued.userId), link };
  }

  async assignRole(principal: AuthPrincipal, userId: string, dto: AssignRoleDto): Promise<UserSummary> {
    await this.assertOutranks(principal, await this.requireVisible(principal, userId));
    const path = await this.requireTerritory(dto.territoryId, 'territoryId');
    this.assertAdminCovers(principal, path);
    await this.dataSource.transaction((manager) =>
      this.grantRole(manager, principal, userId, dto.role, dto.territoryId),
    );
    return this.get(principal, userId);
  }

  /**
   * Grants a role (nothing when the person already holds it); audited in the same transaction, with
   * `via: invitation` when it comes with an invitation to the platform.
   */
  private async grantRole(
    manager: EntityManager,
    principal: AuthPrincipal,
    userId: string,
    role: RoleAssignmentEntity['role'],
    territoryId: string,
    via?: 'invitation',
  ): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(RoleAssignmentEntity)
      .values({ userId, role, territoryId, createdBy: principal.userId })
      .orIgnore()
      .returning(['id'])
      .execute();
    const assignmentId = (inserted.raw as { id: string }[])[0]?.id;
    if (!assignmentId) return;
    await writeAudit(manager, {
      actorId: principal.userId,
      action: 'role.granted',
      subjectType: 'user',
      subjectId: userId,
      territoryId,
      details: { role, assignmentId, ...(via ? { via } : {}) },
    });
  }

  /** The assignment of this person, with its territory (404 when it is not theirs or gone). */
  private async requireAssignment(
    userId: string,
    assignmentId: string,
  ): Promise<RoleAssignmentEntity & { territory: NonNullable<RoleAssignmentEntity['territory']> }> {
    const assignment = await this.dataSource.manager.findOne(RoleAssignmentEntity, {
      where: { id: assignmentId, userId },
      relations: { territory: true },
    });
    if (!assignment?.territory) throw new NotFoundException('No such role assignment for this person.');
    return assignment as RoleAssignmentEntity & { territory: NonNullable<RoleAssignmentEntity['territory']> };
  }

  /**
   * What removing this role, or turning it into `query`'s role and territory, would leave behind: the
   * person's running enrolments that only this coach role covers (through the views the cohorts and
   * territories domains publish, `enrolment_directory` and `territory_tree`). The admin is warned
   * before they confirm.
   */
  async roleImpact(
    principal: AuthPrincipal,
    userId: string,
    assignmentId: string,
    query: RoleImpactQueryDto,
  ): Promise<RoleImpact> {
    await this.requireVisible(principal, userId);
    const assignment = await this.requireAssignment(userId, assignmentId);
    this.assertAdminCovers(principal, assignment.territory.path);
    if (assignment.role !== 'coach') return { activeEnrolments: 0 };
    const keptTerritory =
      (query.role ?? 'coach') === 'coach'
        ? query.territoryId
          ? await this.requireTerritory(query.territoryId, 'territoryId')
          : query.role
            ? assignment.territory.path
            : null
        : null;
    const [row]: { n: number }[] = await this.dataSource.manager.query(
      `SELECT count(*)::int AS n
         FROM enrolment_directory e
         JOIN territory_tree t ON t.id = e.territory_id
        WHERE e.user_id = $1 AND e.in_progress AND t.path LIKE $2
          AND ($4::text IS NULL OR t.path NOT LIKE $4)
          AND NOT EXISTS (
                SELECT 1 FROM role_assignments o JOIN territory_tree ot ON ot.id = o.territory_id
                 WHERE o.user_id = $1 AND o.role = 'coach' AND o.id <> $3 AND t.path LIKE ot.path || '%')`,
      [userId, `${assignment.territory.path}%`, assignmentId, keptTerritory ? `${keptTerritory}%` : null],
    );
    return { activeEnrolments: Number(row?.n ?? 0) };
  }

  /**
   * Changes a role assignment in one step: its role, its territory or both, in one transaction with one
   * `role.changed` entry (the previous role and territory in its details). The admin's territories must
   * cover the old territory and the new one; a change into a role the person already holds there is
   * refused (409), and so is a change of one's own admin role.
   */
  async changeRole(
    principal: AuthPrincipal,
    userId: string,
    assignmentId: string,
    dto: ChangeRoleDto,
  ): Promise<UserSummary> {
    await this.assertOutranks(principal, await this.requireVisible(principal, userId));
    const assignment = await this.requireAssignment(userId, assignmentId);
    this.assertAdminCovers(principal, assignment.territory.path);
    const role = dto.role ?? assignment.role;
    const territoryId = dto.territoryId ?? assignment.territoryId;
    if (role === assignment.role && territoryId === assignment.territoryId)
      return this.get(principal, userId);
    if (territoryId !== assignment.territoryId)
      this.assertAdminCovers(principal, await this.requireTerritory(territoryId, 'territoryId'));
    if (userId === principal.userId && assignment.role === 'admin') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'own-admin-role',
        'Your own admin role',
        'You cannot change your own admin role; ask another admin.',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(RoleAssignmentEntity, { where: { userId, role, territoryId } })) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'role-held',
          'Role already held',
          'This person already holds this role on this territory.',
          [
            {
              field: dto.territoryId !== undefined ? 'territoryId' : 'role',
              message: 'already held by this person',
              code: 'role-held',
            },
          ],
        );
      }
      await manager.update(RoleAssignmentEntity, { id: assignmentId }, { role, territoryId });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'role.changed',
        subjectType: 'user',
        subjectId: userId,
        territoryId,
        details: {
          role,
          previousRole: assignment.role,
          previousTerritoryId: assignment.territoryId,
          assignmentId,
          ...(dto.reason ? { reason: dto.reason } : {}),
        },
      });
    });
    return this.get(principal, userId);
  }

  async removeRole(
    principal: AuthPrincipal,
    userId: string,
    assignmentId: string,
    reason?: string,
  ): Promise<UserSummary> {
    await this.assertOutranks(principal, await this.requireVisible(principal, userId));
    const assignment = await this.requireAssignment(userId, assignmentId);
    this.assertAdminCovers(principal, assignment.territory.path);
    if (userId === principal.userId && assignment.role === 'admin') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'own-admin-role',
        'Your own admin role',
        'You cannot remove your own admin role; ask another admin.',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const removed = await manager.delete(RoleAssignmentEntity, { id: assignmentId });
      if (!removed.affected) return;
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'role.revoked',
        subjectType: 'user',
        subjectId: userId,
        territoryId: assignment.territoryId,
        details: { role: assignment.role, assignmentId, ...(reason ? { reason } : {}) },
      });
    });
    return this.get(principal, userId);
  }

  async setDisabled(
    principal: AuthPrincipal,
    userId: string,
    disabled: boolean,
    reason?: string,
  ): Promise<UserSummary> {
    const user = await this.requireVisible(principal, userId);
    await this.assertOutranks(principal, user);
    if (disabled && userId === principal.userId)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'own-account',
        'Your own account',
        'You cannot disable your own account.',
      );
    await this.dataSource.transaction(async (manager) => {
      // Only a real change is made (and audited): disabling a disabled account changes nothing.
      const changed = await manager.update(
        UserEntity,
        { id: userId, disabledAt: disabled ? IsNull() : Not(IsNull()) },
        { disabledAt: disabled ? new Date() : null },
      );
      if (disabled)
        await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!changed.affected) return;
      await writeAudit(manager, {
        actorId: principal.userId,
        action: disabled ? 'account.disabled' : 'account.enabled',
        subjectType: 'user',
        subjectId: userId,
        territoryId: user.territoryId,
        ...(reason ? { details: { reason } } : {}),
      });
    });
    return this.get(principal, userId);
  }

  /** Failed sign-ins and lockout of an account. */
  async lockoutOf(principal: AuthPrincipal, userId: string): Promise<SignInLockout> {
    const user = await this.requireVisible(principal, userId);
    return this.lockout.status(user.email);
  }

  /** Lifts a sign-in lockout and forgets the failed attempts. */
  async clearLockout(principal: AuthPrincipal, userId: string): Promise<SignInLockout> {
    const user = await this.requireVisible(principal, userId);
    await this.assertOutranks(principal, user);
    await this.lockout.clear(user.email, { id: user.id, territoryId: user.territoryId }, principal.userId);
    return this.lockout.status(user.email);
  }

  /** A reset link an admin hands over (or that is mailed). */
  async adminPasswordReset(principal: AuthPrincipal, userId: string): Promise<ActionLink> {
    const user = await this.requireVisible(principal, userId);
    await this.assertOutranks(principal, user);
    const purpose = user.hasPassword ? 'password_reset' : 'invitation';
    const issued = await this.dataSource.transaction((manager) =>
      this.links.issue(manager, userId, purpose, principal.userId),
    );
    return this.links.deliver(issued);
  }

  /**
   * Self-service reset: silent about whether the account exists, in its answer and in its timing. The
   * caller is answered at once, whatever the address; looking the account up, making the link and
   * mailing it happen after the answer.
   */
  requestPasswordReset(email: string): void {
    const address = normalizeEmail(email);
    this.background.run('Password reset request', () => this.sendPasswordReset(address));
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user = await this.findWithPassword(this.dataSource.manager, { email });
    if (!user || user.disabledAt || !user.hasPassword) return;
    const issued = await this.dataSource.transaction((manager) =>
      this.links.issue(manager, user.id, 'password_reset', null),
    );
    await this.links.deliver(issued);
  }

  private async findWithPassword(
    manager: EntityManager,
    where: { email?: string; id?: string },
  ): Promise<UserWithPassword | null> {
    const qb = manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('(u.password_hash IS NOT NULL)', 'has_password');
    if (where.email) qb.where('u.email = :email', { email: where.email });
    if (where.id) qb.where('u.id = :id', { id: where.id });
    const { entities, raw } = await qb.getRawAndEntities<{ has_password: boolean }>();
    const user = entities[0];
    return user ? Object.assign(user, { hasPassword: !!raw[0]?.has_password }) : null;
  }

  /** The user, if this admin's scope reaches them; 404 otherwise (no probing of other territories). */
  private async requireVisible(principal: AuthPrincipal, id: string): Promise<UserWithPassword> {
    const user = await this.findWithPassword(this.dataSource.manager, { id });
    if (!user) throw new NotFoundException('No such user.');
    const scopes = scopesFor(principal, 'admin');
    if (scopes.some((p) => p.split('/').filter(Boolean).length === 1)) return user;
    const territoryIds = [
      user.territoryId,
      ...(await this.dataSource.manager.find(RoleAssignmentEntity, { where: { userId: id } })).map(
        (r) => r.territoryId,
      ),
    ].filter((t): t is string => !!t);
    const paths = await this.territories.pathsOf(territoryIds);
    if ([...paths.values()].some((p) => coversTerritory(principal, 'admin', p))) return user;
    throw new NotFoundException('No such user.');
  }

  /**
   * Refuses (403) to act on an account that holds more than this admin: seeing a person (their home
   * territory or one of their roles in the admin's territories) is not enough to take their account over.
   */
  private async assertOutranks(principal: AuthPrincipal, user: UserEntity): Promise<void> {
    if (await this.outranks(this.dataSource.manager, principal, user)) return;
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'account-outranks-you',
      'Account outside your admin territories',
      'This person holds a role outside the territories you administer: ask an admin whose territory covers all their roles.',
    );
  }

  /**
   * Whether this admin's territories hold every role the account has; an account without any role is
   * judged by its home territory (none: only a national admin).
   */
  private async outranks(
    manager: EntityManager,
    principal: AuthPrincipal,
    user: UserEntity,
  ): Promise<boolean> {
    const scopes = scopesFor(principal, 'admin');
    if (scopes.some((p) => p.split('/').filter(Boolean).length === 1)) return true;
    const roles = await manager.find(RoleAssignmentEntity, { where: { userId: user.id } });
    const territoryIds = roles.length
      ? roles.map((r) => r.territoryId)
      : user.territoryId
        ? [user.territoryId]
        : [];
    if (!territoryIds.length) return false;
    const paths = await this.territories.pathsOf(territoryIds, manager);
    return territoryIds.every((id) => {
      const path = paths.get(id);
      return !!path && coversTerritory(principal, 'admin', path);
    });
  }

  private async requireTerritory(id: string, field: string): Promise<string> {
    const path = (await this.territories.pathsOf([id])).get(id);
    if (!path) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'territory-not-found',
        'Unknown territory',
        undefined,
        [{ field, message: `No territory with id ${id}`, code: 'territory-unknown' }],
      );
    }
    return path;
  }

  private assertAdminCovers(principal: AuthPrincipal, territoryPath: string): void {
    if (!coversTerritory(principal, 'admin', territoryPath)) {
      throw new ForbiddenException('Your admin role does not cover this territory.');
    }
  }
}
