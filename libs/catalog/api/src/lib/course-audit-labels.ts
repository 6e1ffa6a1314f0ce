import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@tc/shared/contracts';
import { AuditLabelsProvider, type AuditSubjectLabels, labelsFrom } from '@tc/audit/api';

/** Courses in the audit log are shown by their title in the reader's language, else the course's own. */
@Injectable()
@AuditLabelsProvider()
export class CourseAuditLabels implements AuditSubjectLabels {
  readonly subjectType = 'course';

  labels(ids: readonly string[], locale: Locale, manager: EntityManager): Promise<Map<string, string>> {
    return labelsFrom(
      manager,
      ids,
      `SELECT id, coalesce(title ->> $2::text, title ->> default_locale) AS label
         FROM courses WHERE id = ANY($1::uuid[])`,
      [locale],
    );
  }
}
