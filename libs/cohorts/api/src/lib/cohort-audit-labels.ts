import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { AuditLabelsProvider, type AuditSubjectLabels, labelsFrom } from '@tc/audit/api';

/** Cohorts in the audit log are shown by their name. */
@Injectable()
@AuditLabelsProvider()
export class CohortAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'cohort';

  labels(ids: readonly string[], _locale: Locale, manager: EntityManager): Promise<Map<string, string>> {
    return labelsFrom(manager, ids, 'SELECT id, name AS label FROM cohorts WHERE id = ANY($1::uuid[])');
  }
}
