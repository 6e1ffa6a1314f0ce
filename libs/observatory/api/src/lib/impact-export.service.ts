import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExportFormat, ImpactQuery, Locale } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { territoryFileName } from './exports';
import { impactTable } from './impact-exports';
import { ImpactReportService } from './impact-report.service';
import { observatoryTerritory } from './observatory-scope.service';
import type { ExportedTable } from './statistics-export.service';
import { StatisticsRepository } from './statistics.repository';

/** The impact report leaving the platform as a file: built from the suppressed report, audited. */
@Injectable()
export class ImpactExportService {
  constructor(
    private readonly reports: ImpactReportService,
    private readonly stats: StatisticsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async impact(
    principal: AuthPrincipal,
    query: ImpactQuery,
    format: ExportFormat,
    lang: Locale,
  ): Promise<ExportedTable> {
    const report = await this.reports.report(principal, query, lang);
    const territory = (await this.stats.territories([report.territory.id])).get(report.territory.id);
    const name = `impact-${territory ? territoryFileName(observatoryTerritory(territory)) : 'territory'}`;
    await writeAudit(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'observatory.exported',
      subjectType: 'territory',
      subjectId: report.territory.id,
      territoryId: report.territory.id,
      details: { table: 'impact', format },
    });
    const filters = {
      from: query.from ?? null,
      to: query.to ?? null,
      sector: query.sector ?? null,
      kind: query.kind ?? null,
      womenLed: query.womenLed ?? null,
    };
    return { name, table: impactTable(report, filters, lang) };
  }
}
