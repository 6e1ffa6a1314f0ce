import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  CompetenceReport,
  CompletionReport,
  ExportFormat,
  ObservatoryScope,
  PracticeReport,
  ThreadActivityReport,
} from '@tc/shared/contracts';
import {
  type AuthPrincipal,
  CurrentUser,
  Roles,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { CompetenceReportService } from './competence-report.service';
import { CompletionReportService } from './completion-report.service';
import {
  CompetenceQueryDto,
  CompletionQueryDto,
  DEFAULT_PAGE,
  PracticeQueryDto,
} from './dto/observatory-query.dto';
import { exportStream } from './exports';
import { ObservatoryScopeService } from './observatory-scope.service';
import { PracticeReportService } from './practice-report.service';
import { type ExportedTable, StatisticsExportService } from './statistics-export.service';
import { ThreadActivityQueryDto } from './dto/thread-activity-query.dto';
import { ThreadActivityService } from './thread-activity.service';

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
    private readonly exports: StatisticsExportService,
    private readonly practiceReports: PracticeReportService,
    private readonly threadActivity: ThreadActivityService,
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
      return this.completionReports.completion(principal, {
        ...filters,
        offset,
        limit: limit ?? DEFAULT_PAGE,
      });
    const exported = await this.exports.completion(principal, filters, query.format, query.lang ?? 'fr');
    return file(reply, exported, query.format);
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
    if (!query.format) return this.competenceReports.competences(principal, query);
    const exported = await this.exports.competences(principal, query, query.format, query.lang ?? 'fr');
    return file(reply, exported, query.format);
  }

  /**
   * Field practice: rounds handed in, reviewed and passed and the median days to review, per child
   * territory, per cohort (a page) and in all, within the months and for the course asked;
   * `format=csv|xlsx` for a file.
   */
  @Get('practice')
  @Roles('observer', 'admin')
  @ApiContractResponse('PracticeReport', {
    description: 'PracticeReport (JSON), or the same tables as a file',
    files: [FILE_TYPES.csv, FILE_TYPES.xlsx],
  })
  async practice(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: PracticeQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PracticeReport | StreamableFile> {
    // A file holds every cohort; JSON a page of them.
    const { offset, limit, format, lang, ...filters } = query;
    if (!format)
      return this.practiceReports.practiceReport(principal, {
        ...filters,
        offset,
        limit: limit ?? DEFAULT_PAGE,
      });
    const exported = await this.exports.practice(principal, filters, format, lang ?? 'fr');
    return file(reply, exported, format);
  }

  /**
   * Questions and discussion threads per cohort of a territory (all time): how many, how many a trainer
   * replied to, and the median hours to a trainer's first reply; counts only, suppressed below k.
   */
  @Get('threads')
  @Roles('observer', 'admin')
  @ApiContractResponse('ThreadActivityReport')
  threads(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: ThreadActivityQueryDto,
  ): Promise<ThreadActivityReport> {
    return this.threadActivity.report(principal, query.territoryId);
  }
}

function file(reply: FastifyReply, { table, name }: ExportedTable, format: ExportFormat): StreamableFile {
  void reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`)
    .header('cache-control', 'no-store');
  return new StreamableFile(exportStream(table, format));
}
