import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PrivacyInfo } from '@tc/shared/contracts';
import { ApiContractResponse, ApiProblemResponses, Public } from '@tc/shared/api';
import { PrivacyQueryDto } from './dto/privacy.dto';
import { PrivacyNotice } from './privacy-notice';

/**
 * The privacy page's settings: whom to contact, the observatory's threshold, how long an archive
 * stays, and the operator's own notice when they wrote one. Public: the sign-in page links to it.
 */
@ApiTags('privacy')
@ApiProblemResponses()
@Controller('privacy')
export class PrivacyNoticeController {
  constructor(@Inject(PrivacyNotice) private readonly notice: PrivacyNotice) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "The privacy notice's contact and figures, and the operator's text if any" })
  @ApiContractResponse('PrivacyInfo')
  read(@Query() query: PrivacyQueryDto): Promise<PrivacyInfo> {
    return this.notice.read(query.lang ?? 'fr');
  }
}
