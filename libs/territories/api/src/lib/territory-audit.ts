import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import {
  AuditLabelsProvider,
  type AuditSubjectLabels,
  AuditTerritoryScopeProvider,
  type AuditTerritoryScope,
  labelsFrom,
} from '@tc/audit/api';

/** Territories in the audit log are shown by their name in the reader's language. */
@Injectable()
@AuditLabelsProvider()
export class TerritoryAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'territory';

  labels(ids: readonly string[], locale: Locale, manager: EntityManager): Promise<Map<string, string>> {
    return labelsFrom(
      manager,
      ids,
      `SELECT id, CASE $2::text WHEN 'ar' THEN name_ar WHEN 'en' THEN name_en ELSE name_fr END AS label
         FROM territories WHERE id = ANY($1::uuid[])`,
      [locale],
    );
  }
}

/**
 * A regional admin reads the audit entries located in their subtrees: the log asks for the ids of the
 * territories there and filters its own rows on them, so it never reads this table (why an id list
 * rather than a view: see AuditTerritoryScope).
 */
@Injectable()
@AuditTerritoryScopeProvider()
export class TerritoryAuditScope implements AuditTerritoryScope {
  async territoryIdsWithin(paths: readonly string[], manager: EntityManager): Promise<string[]> {
    if (!paths.length) return [];
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM territories WHERE path LIKE ANY($1::text[])',
      [paths.map((p) => `${p}%`)],
    );
    return rows.map((r) => r.id);
  }
}
