import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditPage } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  ApiProblemResponses,
  ApiContractResponse,
  ApiFileResponse,
  SPREADSHEET_CONTENT_TYPES,
} from '@tc/shared/api';
import { AuditExportQueryDto, AuditQueryDto } from './audit.dto';
import { AuditExportService } from './audit-export.service';
import { AuditService } from './audit.service';

/** The append-only audit log, for admins (regional admins: their territories' entries). */
@ApiProblemResponses()
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly exports: AuditExportService,
  ) {}

  @Get()
  @ApiContractResponse('AuditPage', { description: 'Newest first; follow nextCursor for older entries' })
  list(@CurrentUser() principal: AuthPrincipal, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(principal, query);
  }

  /** The entries the filters select, as a file in the reader's language (audited). */
  @Get('export')
  @ApiFileResponse(
    ['text/csv', SPREADSHEET_CONTENT_TYPES.xlsx],
    'The entries, newest first, one sentence each',
  )
  async export(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: AuditExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { stream, name } = await this.exports.file(principal, query);
    void reply
      .header('content-type', SPREADSHEET_CONTENT_TYPES[query.format])
      .header('content-disposition', `attachment; filename="${name}.${query.format}"`)
      .header('cache-control', 'no-store');
    return new StreamableFile(stream);
  }
}
