import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { AuditLabelsProvider, type AuditSubjectLabels, uuidsAmong } from '@tc/audit/api';

/** Cohorts in the audit log are shown by their name. */
@Injectable()
@AuditLabelsProvider()
export class CohortAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'cohort';

  async labels(
    ids: readonly string[],
    _locale: Locale,
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const uuids = uuidsAmong(ids);
    if (!uuids.length) return new Map();
    const rows: { id: string; label: string }[] = await manager.query(
      'SELECT id, name AS label FROM cohorts WHERE id = ANY($1::uuid[])',
      [uuids],
    );
    return new Map(rows.map((r) => [r.id, r.label]));
  }
}
