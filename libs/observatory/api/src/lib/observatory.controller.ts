import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  CompetenceReport,
  CompletionReport,
  ExportFormat,
  ObservatoryScope,
} from '@tc/shared/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type AuthPrincipal,
  CurrentUser,
  Roles,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CompetenceReportService } from './competence-report.service';
import { CompletionReportService } from './completion-report.service';
import { CompetenceQueryDto, CompletionQueryDto, DEFAULT_PAGE } from './dto/observatory-query.dto';
import { competenceTable, completionTable, type ExportTable, exportStream } from './exports';
import { ObservatoryScopeService } from './observatory-scope.service';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** The same without parameters, as the document names them. */
const FILE_TYPES: Record<ExportFormat, string> = { csv: 'text/csv', xlsx: CONTENT_TYPES.xlsx };

/** Aggregates only, for observers (and admins) within their territories. */
@ApiProblemResponses()
@ApiTags('observatory')
@ApiBearerAuth()
@Controller('observatory')
export class ObservatoryController {
  constructor(
    private readonly scopes: ObservatoryScopeService,
    private readonly completionReports: CompletionReportService,
    private readonly competenceReports: CompetenceReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('scope')
  @Roles('observer', 'admin')
  @ApiContractResponse('ObservatoryScope')
  scope(@CurrentUser() principal: AuthPrincipal): Promise<ObservatoryScope> {
    return this.scopes.scope(principal);
  }

  /** The completion funnel of a territory grouped one way; `format=csv|xlsx` for a file. */
  @Get('completion')
  @Roles('observer', 'admin')
  @ApiContractResponse('CompletionReport', {
    description: 'CompletionReport (JSON), or the same table as a file',
    files: [FILE_TYPES.csv, FILE_TYPES.xlsx],
  })
  async completion(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: CompletionQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompletionReport | StreamableFile> {
    // A file holds the whole table; JSON a page of it.
    const { offset, limit, ...filters } = query;
    if (!query.format)
      return this.completionReports.completion(principal, { ...filters, offset, limit: limit ?? DEFAULT_PAGE });
    const report = await this.completionReports.completion(principal, filters);
    const name = `completion-${report.territory.code || report.territory.id}-${report.filters.groupBy}`;
    await this.auditExport(principal, 'completion', report.territory.id, query.format);
    return file(reply, completionTable(report, query.lang ?? 'fr'), query.format, name);
  }

  /** DigComp coverage (completions per area) and self-assessed gain per competence. */
  @Get('competences')
  @Roles('observer', 'admin')
  @ApiContractResponse('CompetenceReport', {
    description: 'CompetenceReport (JSON), or the same table as a file',
    files: [FILE_TYPES.csv, FILE_TYPES.xlsx],
  })
  async competences(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: CompetenceQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompetenceReport | StreamableFile> {
    const report = await this.competenceReports.competences(principal, query);
    if (!query.format) return report;
    const name = `competences-${report.territory.code || report.territory.id}`;
    await this.auditExport(principal, 'competences', report.territory.id, query.format);
    return file(reply, competenceTable(report, query.lang ?? 'fr'), query.format, name);
  }

  /** Statistics leaving the platform as a file: who, which table, which territory, which format. */
  private auditExport(
    principal: AuthPrincipal,
    table: 'completion' | 'competences',
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

function file(reply: FastifyReply, table: ExportTable, format: ExportFormat, name: string): StreamableFile {
  void reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`)
    .header('cache-control', 'no-store');
  return new StreamableFile(exportStream(table, format));
}
