import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { AuditLabelsProvider, type AuditSubjectLabels, labelsFrom } from '@tc/audit/api';

/** People in the audit log (subjects and actors) are shown by their display name, and found by it. */
@Injectable()
@AuditLabelsProvider()
export class UserAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'user';

  labels(ids: readonly string[], _locale: Locale, manager: EntityManager): Promise<Map<string, string>> {
    return labelsFrom(manager, ids, 'SELECT id, display_name AS label FROM users WHERE id = ANY($1::uuid[])');
  }

  /** People whose name or e-mail holds `text` (case ignored): the log's author filter. */
  async search(text: string, limit: number, manager: EntityManager): Promise<string[]> {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM users WHERE display_name ILIKE $1 OR email ILIKE $1 ORDER BY id LIMIT $2',
      [like, limit],
    );
    return rows.map((r) => r.id);
  }
}
