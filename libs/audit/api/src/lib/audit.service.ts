import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditSubjectType,
  DEFAULT_LOCALE,
} from '@tc/shared/contracts';
import { AuthPrincipal, scopesFor } from '@tc/shared/api';
import type { AuditQueryDto } from './audit.dto';

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  subject_type: AuditSubjectType;
  subject_id: string;
  subject_label: string | null;
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
 * Each subject comes with what it is called now, read from its own table: the log keeps ids only
 * (names change, and a person's name is not the log's to keep), and an admin reading
 * "Cours 721be09c-…" has to look it up. The tables of other domains are read here, by this one
 * query, for that purpose only.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: AuthPrincipal, query: AuditQueryDto): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scopes = scopesFor(principal, 'admin');
    if (!scopes.some((p) => p.split('/').filter(Boolean).length === 1)) {
      where.push(
        `EXISTS (SELECT 1 FROM territories t WHERE t.id = a.territory_id AND t.path LIKE ANY(${param(
          scopes.map((p) => `${p}%`),
        )}::text[]))`,
      );
    }
    if (query.actorId) where.push(`a.actor_id = ${param(query.actorId)}::uuid`);
    if (query.action) where.push(`a.action = ${param(query.action)}`);
    if (query.subjectType) where.push(`a.subject_type = ${param(query.subjectType)}`);
    if (query.from) where.push(`a.occurred_at >= ${param(query.from)}::timestamptz`);
    if (query.to) where.push(`a.occurred_at < ${param(query.to)}::timestamptz`);
    if (query.cursor) where.push(`a.id < ${param(query.cursor)}::bigint`);
    const locale = param(query.locale ?? DEFAULT_LOCALE);
    // Ids of users, courses, cohorts and territories are uuids; the guard keeps a malformed one (none
    // is written) from failing the whole page on the cast.
    const uuid = `a.subject_id ~ '^[0-9a-fA-F-]{36}$'`;
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT a.id::text AS id, a.actor_id, u.display_name AS actor_name, a.action, a.subject_type,
              a.subject_id, a.territory_id, a.details, a.occurred_at,
              CASE
                WHEN NOT ${uuid} THEN NULL
                WHEN a.subject_type = 'user' THEN
                  (SELECT s.display_name FROM users s WHERE s.id = a.subject_id::uuid)
                WHEN a.subject_type = 'course' THEN
                  (SELECT coalesce(c.title ->> ${locale}, c.title ->> c.default_locale)
                     FROM courses c WHERE c.id = a.subject_id::uuid)
                WHEN a.subject_type = 'cohort' THEN
                  (SELECT h.name FROM cohorts h WHERE h.id = a.subject_id::uuid)
                WHEN a.subject_type = 'territory' THEN
                  (SELECT CASE ${locale} WHEN 'ar' THEN t.name_ar WHEN 'en' THEN t.name_en ELSE t.name_fr END
                     FROM territories t WHERE t.id = a.subject_id::uuid)
              END AS subject_label
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r): AuditEntry => ({
        id: r.id,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectLabel: r.subject_label,
        territoryId: r.territory_id,
        details: r.details,
        occurredAt: new Date(r.occurred_at).toISOString(),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
