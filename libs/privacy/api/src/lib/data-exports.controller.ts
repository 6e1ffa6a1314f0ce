import { createReadStream } from 'node:fs';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataExport, DataExportList } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiFileResponse,
  ApiProblemResponses,
  CurrentUser,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { DataExportsService } from './data-exports.service';
import { DataExportRequestDto, NoPrivacyQueryDto } from './dto/privacy.dto';

/** "Download my data": a person's own archives, and no one else's (whatever their roles). */
@ApiProblemResponses()
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('me/data-exports')
export class DataExportsController {
  constructor(private readonly exports: DataExportsService) {}

  /** Asks for an archive of everything held about the signed-in person; built in the background. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @SignedIn()
  @ApiContractResponse('DataExport', { status: HttpStatus.ACCEPTED })
  request(
    @CurrentUser() principal: AuthPrincipal,
    @Body() _dto: DataExportRequestDto,
    @Query() _query: NoPrivacyQueryDto,
  ): Promise<DataExport> {
    return this.exports.request(principal);
  }

  /** The person's requests, newest first, with their state and link. */
  @Get()
  @SignedIn()
  @ApiContractResponse('DataExportList')
  list(@CurrentUser() principal: AuthPrincipal): Promise<DataExportList> {
    return this.exports.list(principal);
  }

  /** The ZIP, while it is ready (not yet: 409; past its day: 410; someone else's: 404). */
  @Get(':id/archive')
  @SignedIn()
  @ApiFileResponse(['application/zip'], 'The archive: data.json, evidence/, certificates/')
  async archive(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.archive(principal, id);
    await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', file.bytes)
      .send(createReadStream(file.path));
  }
}
