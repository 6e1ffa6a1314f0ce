import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AUDIT_DETAIL_REFERENCES,
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditSubjectType,
  DEFAULT_LOCALE,
  type Locale,
} from '@tc/shared/contracts';
import { AuthPrincipal, scopesFor } from '@tc/shared/api';
import { AuditContributions } from './audit-contributions';
import type { AuditFiltersDto, AuditQueryDto } from './audit.dto';

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
 * How many people a name filter may match: the log is then filtered on their ids. A name that matches
 * more (two letters of a common name in a large deployment) still filters, on the first ones found;
 * a longer name narrows it.
 */
export const ACTOR_MATCHES_MAX = 1000;

/** The query of one page: a fixed number of entries, newest first, before a cursor. */
interface Selection {
  filters: AuditFiltersDto;
  limit: number;
  cursor?: string;
}

/**
 * Reads the audit log for admins, newest first, a page at a time (keyset paging on the id, so pages
 * hold still while new entries arrive). A national admin (an admin role at the top of the tree) reads
 * every entry; a regional admin reads the entries located in their territories' subtrees, and not the
 * entries without a territory (national content such as a course's publication).
 *
 * Each subject comes with what it is called now, each actor with their name, each entry with its
 * territory's name and the names of what its details refer to ({@link AUDIT_DETAIL_REFERENCES}): the
 * log keeps ids only, and an admin reading "Cours 721be09c-…" has to look it up. The domains that own
 * the subjects name them ({@link AuditContributions}), one query per domain per page; this service
 * reads `audit_log` only.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contributions: AuditContributions,
  ) {}

  async list(principal: AuthPrincipal, query: AuditQueryDto): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const rows = await this.select(principal, { filters: query, limit: limit + 1, cursor: query.cursor });
    const page = rows.slice(0, limit);
    return {
      items: await this.present(page, query.locale ?? DEFAULT_LOCALE),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /**
   * The entries the filters select, newest first, named as {@link list} names them, at most `max`;
   * `more` says whether older ones were left out.
   */
  async all(
    principal: AuthPrincipal,
    filters: AuditFiltersDto,
    max: number,
  ): Promise<{ items: AuditEntry[]; more: boolean }> {
    const items: AuditEntry[] = [];
    let cursor: string | undefined;
    for (;;) {
      const want = Math.min(500, max - items.length);
      const rows = await this.select(principal, { filters, limit: want + 1, cursor });
      const page = rows.slice(0, want);
      items.push(...(await this.present(page, filters.locale ?? DEFAULT_LOCALE)));
      if (rows.length <= want) return { items, more: false };
      if (items.length >= max) return { items, more: true };
      cursor = page[page.length - 1]?.id;
    }
  }

  private async select(principal: AuthPrincipal, { filters, limit, cursor }: Selection): Promise<AuditRow[]> {
    const manager = this.dataSource.manager;
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
    if (filters.actorId) where.push(`a.actor_id = ${param(filters.actorId)}::uuid`);
    if (filters.actor) {
      const people = this.contributions.labelsOf('user');
      const ids = (await people?.search?.(filters.actor, ACTOR_MATCHES_MAX, manager)) ?? [];
      if (!ids.length) return [];
      where.push(`a.actor_id = ANY(${param(ids)}::uuid[])`);
    }
    if (filters.action) where.push(`a.action = ${param(filters.action)}`);
    if (filters.subjectType) where.push(`a.subject_type = ${param(filters.subjectType)}`);
    if (filters.from) where.push(`a.occurred_at >= ${param(filters.from)}::timestamptz`);
    if (filters.to) where.push(`a.occurred_at < ${param(filters.to)}::timestamptz`);
    if (cursor) where.push(`a.id < ${param(cursor)}::bigint`);
    return manager.query(
      `SELECT a.id::text AS id, a.actor_id, a.action, a.subject_type, a.subject_id, a.territory_id,
              a.details, a.occurred_at
         FROM audit_log a
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT ${param(limit)}`,
      params,
    );
  }

  /** The page's entries with the names of everything they refer to, in `locale`. */
  private async present(page: AuditRow[], locale: Locale): Promise<AuditEntry[]> {
    const labels = await this.labels(page, locale);
    const name = (type: AuditSubjectType, id: unknown) =>
      typeof id === 'string' ? (labels.get(type)?.get(id) ?? null) : null;
    return page.map((r): AuditEntry => {
      const detailLabels: Record<string, string> = {};
      for (const [key, type] of references(r.details)) {
        const label = name(type, r.details[key]);
        if (label !== null) detailLabels[key] = label;
      }
      return {
        id: r.id,
        actorId: r.actor_id,
        actorName: name('user', r.actor_id),
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectLabel: name(r.subject_type, r.subject_id),
        territoryId: r.territory_id,
        territoryLabel: name('territory', r.territory_id),
        details: r.details,
        detailLabels,
        occurredAt: new Date(r.occurred_at).toISOString(),
      };
    });
  }

  /**
   * The names of what the page refers to (subjects, actors, territories, the ids in details), by
   * subject type then id: one question per type to the domain that owns it.
   */
  private async labels(
    page: AuditRow[],
    locale: Locale,
  ): Promise<Map<AuditSubjectType, Map<string, string>>> {
    const ids = new Map<AuditSubjectType, Set<string>>();
    const add = (type: AuditSubjectType, id: unknown) => {
      if (typeof id !== 'string' || !id) return;
      const set = ids.get(type) ?? new Set<string>();
      set.add(id);
      ids.set(type, set);
    };
    for (const r of page) {
      add(r.subject_type, r.subject_id);
      add('user', r.actor_id);
      add('territory', r.territory_id);
      for (const [key, type] of references(r.details)) add(type, r.details[key]);
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

/** The details of an entry that name a subject by id, with that subject's type. */
function references(details: Record<string, unknown>): [string, AuditSubjectType][] {
  return Object.entries(AUDIT_DETAIL_REFERENCES).filter(([key]) => typeof details[key] === 'string');
}
