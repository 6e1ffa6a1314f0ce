import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  type AuditEntry,
  type AuditTranslate,
  auditSentence,
  DEFAULT_LOCALE,
  type Locale,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  EXPORT_TIME_ZONE,
  exportMoment,
  type SpreadsheetFormat,
  spreadsheetStream,
} from '@tc/shared/api';
import { writeAudit } from './audit-log';
import type { AuditExportQueryDto, AuditFiltersDto } from './audit.dto';
import { AuditService } from './audit.service';
import { AUDIT_WORDS } from './audit-words';

/** The most entries one file holds (the newest); the file says when older ones were left out. */
export const AUDIT_EXPORT_MAX = 10_000;

/** The words of the files in one language, with the screen's `{{ name }}` placeholders filled. */
export function auditWords(lang: Locale): AuditTranslate {
  const words = AUDIT_WORDS[lang];
  return (key, params = {}) =>
    (words[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}

/** A row's moment: short, in Morocco's time zone, in the file's language. */
function when(iso: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: EXPORT_TIME_ZONE,
  }).format(new Date(iso));
}

/** The filters a file was made with, as its notes say them. */
function filterNotes(filters: AuditFiltersDto, t: AuditTranslate, lang: Locale): string[] {
  const said = [
    filters.action ? `${t('audit.action')}: ${t(`audit.actions.${filters.action}`)}` : null,
    filters.subjectType ? `${t('audit.subjectType')}: ${t(`audit.subjects.${filters.subjectType}`)}` : null,
    filters.actor ? `${t('audit.actor')}: ${filters.actor}` : null,
    filters.actorId ? `${t('audit.actor')}: ${filters.actorId}` : null,
    filters.from ? `${t('audit.from')}: ${when(filters.from, lang)}` : null,
    filters.to ? `${t('audit.to')}: ${when(filters.to, lang)}` : null,
  ].filter((n): n is string => n !== null);
  return [`${t('audit.export.filters')}: ${said.length ? said.join(' · ') : t('audit.export.noFilter')}`];
}

/**
 * The audit log as a file, in the reader's language: each entry as the sentence the page shows, beside
 * its date, author, action, subject, territory and reason (CSV with `;` for the spreadsheets used here, or
 * XLSX, written by the same writer as the observatory's files). Making one is itself audited
 * (`audit.exported`, on the admin's territory): the file leaves the platform with people's names in it.
 */
@Injectable()
export class AuditExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async file(
    principal: AuthPrincipal,
    query: AuditExportQueryDto,
    now = new Date(),
  ): Promise<{ stream: Readable; name: string }> {
    const lang = query.locale ?? DEFAULT_LOCALE;
    const { items, more } = await this.audit.all(principal, query, AUDIT_EXPORT_MAX);
    const t = auditWords(lang);
    const scope = principal.roles.find((r) => r.role === 'admin');
    await writeAudit(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'audit.exported',
      subjectType: 'territory',
      subjectId: scope?.territoryId ?? '-',
      territoryId: scope?.territoryId ?? null,
      details: { format: query.format, rows: items.length },
    });
    const notes = [
      ...filterNotes(query, t, lang),
      `${t('audit.export.generated')}: ${exportMoment(now.toISOString(), lang, t('audit.export.timeZone'))}`,
      ...(more ? [t('audit.export.truncated', { max: AUDIT_EXPORT_MAX })] : []),
    ];
    const header = [
      t('audit.export.when'),
      t('audit.actor'),
      t('audit.action'),
      t('audit.subjectType'),
      t('audit.export.subject'),
      t('audit.export.territory'),
      t('audit.export.sentence'),
      t('audit.export.reason'),
    ];
    const row = (e: AuditEntry) => [
      when(e.occurredAt, lang),
      e.actorName ?? t('audit.platform'),
      t(`audit.actions.${e.action}`),
      t(`audit.subjects.${e.subjectType}`),
      e.subjectLabel ?? e.subjectId,
      e.territoryLabel ?? '',
      auditSentence(e, t, false),
      typeof e.details['reason'] === 'string' ? e.details['reason'] : '',
    ];
    const stream = spreadsheetStream(
      {
        lang,
        sheetName: t('audit.export.sheet'),
        lines: [[t('audit.title')], ...notes.map((n) => [n]), [], header, ...items.map(row)],
        boldLines: [0, notes.length + 2],
        delimiter: ';',
      },
      query.format satisfies SpreadsheetFormat,
    );
    return { stream, name: `audit-${now.toISOString().slice(0, 10)}` };
  }
}
