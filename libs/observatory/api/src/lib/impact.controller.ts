import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ImpactReport } from '@tc/shared/contracts';
import {
  type AuthPrincipal,
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
} from '@tc/shared/api';
import { ImpactExportQueryDto, ImpactQueryDto } from './dto/impact-query.dto';
import { exportStream } from './exports';
import { ImpactExportService } from './impact-export.service';
import { ImpactReportService } from './impact-report.service';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The field log's impact, counts only, for observers (and admins) within their territories. */
@ApiProblemResponses()
@ApiTags('observatory')
@ApiBearerAuth()
@Controller('observatory/impact')
export class ImpactController {
  constructor(
    private readonly reports: ImpactReportService,
    private readonly exports: ImpactExportService,
  ) {}

  /**
   * Organisations registered, visits, milestones and organisations checked twice with their median gain,
   * in all and per child territory, sector, kind, month and leadership; milestones by kind; trained
   * coaches' organisations beside the others. Counts below k hidden.
   */
  @Get()
  @Roles('observer', 'admin')
  @ApiContractResponse('ImpactReport')
  impact(@CurrentUser() principal: AuthPrincipal, @Query() query: ImpactQueryDto): Promise<ImpactReport> {
    const { lang, ...filters } = query;
    return this.reports.report(principal, filters, lang ?? 'fr');
  }

  /** The same report as a CSV or XLSX file (the same suppression), each export written to the audit log. */
  @Get('export')
  @Roles('observer', 'admin')
  @ApiContractResponse('ImpactReport', {
    description: 'The impact report as a file',
    files: ['text/csv', CONTENT_TYPES.xlsx],
  })
  async export(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: ImpactExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { format, lang, ...filters } = query;
    const { table, name } = await this.exports.impact(principal, filters, format, lang ?? 'fr');
    void reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`)
      .header('cache-control', 'no-store');
    return new StreamableFile(exportStream(table, format));
  }
}
