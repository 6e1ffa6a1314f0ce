import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditSubjectType,
  DEFAULT_LOCALE,
  type Locale,
} from '@tc/shared/contracts';
import { AuthPrincipal, scopesFor } from '@tc/shared/api';
import { AuditContributions } from './audit-contributions';
import type { AuditQueryDto } from './audit.dto';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: AuditAction;
  subject_type: AuditSubjectType;
  subject_id: string;
  territory_id: string | null;
  details: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Reads the audit log for admins, newest first, a page at a time (keyset paging on the id, so pages
 * hold still while new entries arrive). A national admin (an admin role at the top of the tree) reads
 * every entry; a regional admin reads the entries located in their territories' subtrees, and not the
 * entries without a territory (national content such as a course's publication).
 *
 * Each subject comes with what it is called now, and each actor with their name: the log keeps ids
 * only, and an admin reading "Cours 721be09c-…" has to look it up. The domains that own the subjects
 * name them ({@link AuditContributions}), one query per domain per page; this service reads
 * `audit_log` only.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contributions: AuditContributions,
  ) {}

  async list(principal: AuthPrincipal, query: AuditQueryDto): Promise<AuditPage> {
    const manager = this.dataSource.manager;
    const limit = query.limit ?? 50;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scopes = scopesFor(principal, 'admin');
    if (!scopes.some((p) => p.split('/').filter(Boolean).length === 1)) {
      const territoryIds = await this.contributions.territoryScope.territoryIdsWithin(scopes, manager);
      where.push(`a.territory_id = ANY(${param(territoryIds)}::uuid[])`);
    }
    if (query.actorId) where.push(`a.actor_id = ${param(query.actorId)}::uuid`);
    if (query.action) where.push(`a.action = ${param(query.action)}`);
    if (query.subjectType) where.push(`a.subject_type = ${param(query.subjectType)}`);
    if (query.from) where.push(`a.occurred_at >= ${param(query.from)}::timestamptz`);
    if (query.to) where.push(`a.occurred_at < ${param(query.to)}::timestamptz`);
    if (query.cursor) where.push(`a.id < ${param(query.cursor)}::bigint`);
    const rows: AuditRow[] = await manager.query(
      `SELECT a.id::text AS id, a.actor_id, a.action, a.subject_type, a.subject_id, a.territory_id,
              a.details, a.occurred_at
         FROM audit_log a
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const labels = await this.labels(page, query.locale ?? DEFAULT_LOCALE);
    const people = labels.get('user');
    return {
      items: page.map((r): AuditEntry => ({
        id: r.id,
        actorId: r.actor_id,
        actorName: r.actor_id ? (people?.get(r.actor_id) ?? null) : null,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectLabel: labels.get(r.subject_type)?.get(r.subject_id) ?? null,
        territoryId: r.territory_id,
        details: r.details,
        occurredAt: new Date(r.occurred_at).toISOString(),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /** The names of the page's subjects (and actors, who are `user`s), by subject type then id. */
  private async labels(
    page: AuditRow[],
    locale: Locale,
  ): Promise<Map<AuditSubjectType, Map<string, string>>> {
    const ids = new Map<AuditSubjectType, Set<string>>();
    const add = (type: AuditSubjectType, id: string) => {
      const set = ids.get(type) ?? new Set<string>();
      set.add(id);
      ids.set(type, set);
    };
    for (const r of page) {
      add(r.subject_type, r.subject_id);
      if (r.actor_id) add('user', r.actor_id);
    }
    const answers = await Promise.all(
      [...ids].map(async ([type, wanted]) => {
        const owner = this.contributions.labelsOf(type);
        if (!owner) return [type, new Map<string, string>()] as const;
        return [type, await owner.labels([...wanted], locale, this.dataSource.manager)] as const;
      }),
    );
    return new Map(answers);
  }
}
