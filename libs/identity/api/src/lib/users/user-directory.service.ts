import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity';
import { UserEntity } from '../entities/user.entity';
import { normalizeEmail } from '../crypto.util';
import type { Role } from '@tc/shared/contracts';

export interface DirectoryEntry {
  id: string;
  email: string;
  displayName: string;
}

/**
 * What other domains may know about people: look-ups by e-mail and names for display. Inside a
 * transaction, pass its manager: the embedded database has one connection, and a query on another one
 * would wait for the transaction forever.
 */
@Injectable()
export class UserDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An account that can sign in (password set, not disabled), by e-mail. */
  async findActiveByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DirectoryEntry | null> {
    const user = await manager.findOne(UserEntity, {
      where: { email: normalizeEmail(email), disabledAt: IsNull(), passwordHash: Not(IsNull()) },
    });
    return user ? { id: user.id, email: user.email, displayName: user.displayName } : null;
  }

  /**
   * An account that can sign in and holds one of these roles (anywhere), by e-mail; null for an unknown
   * address and for an account without such a role alike, so the answer tells nothing more.
   */
  async findActiveWithRoleByEmail(
    email: string,
    roles: readonly Role[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DirectoryEntry | null> {
    const person = await this.findActiveByEmail(email, manager);
    if (!person) return null;
    const held = await manager.count(RoleAssignmentEntity, {
      where: { userId: person.id, role: In([...roles]) },
    });
    return held > 0 ? person : null;
  }

  async preferredLanguage(userId: string): Promise<string | null> {
    const user = await this.dataSource.manager.findOne(UserEntity, {
      where: { id: userId },
      select: { id: true, preferredLanguage: true },
    });
    return user?.preferredLanguage ?? null;
  }

  /**
   * Which of these people hold one of the roles on one of these territories. A role covers its
   * territory's whole subtree: to ask who covers a territory, give it with its ancestors.
   */
  async holdingRoleOn(
    ids: string[],
    roles: string[],
    territoryIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (!ids.length || !territoryIds.length) return new Set();
    const rows = await manager.find(RoleAssignmentEntity, {
      where: { userId: In([...new Set(ids)]), role: In(roles), territoryId: In(territoryIds) },
      select: { userId: true },
    });
    return new Set(rows.map((r) => r.userId));
  }

  /** Which of these people hold one of the roles (anywhere). */
  async holdingRole(
    ids: string[],
    roles: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await manager.find(RoleAssignmentEntity, {
      where: { userId: In(ids), role: In(roles) },
      select: { userId: true },
    });
    return new Set(rows.map((r) => r.userId));
  }

  /** Where each of these people works (their account's territory; null when not stated). */
  async territoriesOf(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const users = await manager.find(UserEntity, {
      where: { id: In([...new Set(ids)]) },
      select: { id: true, territoryId: true },
    });
    return new Map(users.map((u) => [u.id, u.territoryId]));
  }

  async entries(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, DirectoryEntry>> {
    if (!ids.length) return new Map();
    const users = await manager.find(UserEntity, { where: { id: In([...new Set(ids)]) } });
    return new Map(users.map((u) => [u.id, { id: u.id, email: u.email, displayName: u.displayName }]));
  }
}
