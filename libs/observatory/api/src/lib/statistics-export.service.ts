import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExportFormat, Locale } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CompetenceReportService } from './competence-report.service';
import { CompletionReportService } from './completion-report.service';
import {
  competenceTable,
  completionTable,
  type ExportTable,
  practiceTable,
  territoryFileName,
} from './exports';
import { PracticeReportService } from './practice-report.service';
import type { StatisticsQuery } from './statistics-query';

/** A whole report as a file's table, and the file's name (without its extension). */
export interface ExportedTable {
  name: string;
  table: ExportTable;
}

/**
 * Statistics leaving the platform as a file: the whole table (no page) in the file's language, each
 * export written to the audit log.
 */
@Injectable()
export class StatisticsExportService {
  constructor(
    private readonly completionReports: CompletionReportService,
    private readonly competenceReports: CompetenceReportService,
    private readonly practiceReports: PracticeReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async completion(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'offset' | 'limit'>,
    format: ExportFormat,
    lang: Locale,
  ): Promise<ExportedTable> {
    const report = await this.completionReports.completion(principal, query);
    const name = `completion-${territoryFileName(report.territory)}-${report.filters.groupBy}`;
    await this.audit(principal, 'completion', report.territory.id, format);
    return { name, table: completionTable(report, lang) };
  }

  async competences(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'groupBy' | 'offset' | 'limit'>,
    format: ExportFormat,
    lang: Locale,
  ): Promise<ExportedTable> {
    const report = await this.competenceReports.competences(principal, query);
    const name = `competences-${territoryFileName(report.territory)}`;
    await this.audit(principal, 'competences', report.territory.id, format);
    return { name, table: competenceTable(report, lang) };
  }

  /** Field practice with every cohort (no page). */
  async practice(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'groupBy' | 'offset' | 'limit'>,
    format: ExportFormat,
    lang: Locale,
  ): Promise<ExportedTable> {
    const report = await this.practiceReports.practiceReport(principal, query);
    const name = `practice-${territoryFileName(report.territory)}`;
    await this.audit(principal, 'practice', report.territory.id, format);
    return { name, table: practiceTable(report, lang) };
  }

  /** Who, which table, which territory, which format. */
  private audit(
    principal: AuthPrincipal,
    table: 'completion' | 'competences' | 'practice',
    territoryId: string,
    format: ExportFormat,
  ): Promise<void> {
    return writeAudit(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'observatory.exported',
      subjectType: 'territory',
      subjectId: territoryId,
      territoryId,
      details: { table, format },
    });
  }
}
