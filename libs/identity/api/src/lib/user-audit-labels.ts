import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { AuditLabelsProvider, type AuditSubjectLabels, labelsFrom } from '@tc/audit/api';

/** People in the audit log (subjects and actors) are shown by their display name. */
@Injectable()
@AuditLabelsProvider()
export class UserAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'user';

  labels(ids: readonly string[], _locale: Locale, manager: EntityManager): Promise<Map<string, string>> {
    return labelsFrom(manager, ids, 'SELECT id, display_name AS label FROM users WHERE id = ANY($1::uuid[])');
  }
}
