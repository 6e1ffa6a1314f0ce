import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HelpInfo } from '@tc/shared/contracts';
import { ApiContractResponse, ApiProblemResponses, Public } from '@tc/shared/api';

/** What the help page says that depends on this deployment, from the configuration. */
export const HELP_INFO = Symbol('HELP_INFO');

/**
 * The help page's texts are files of the web app; what varies from one deployment to the next (whom
 * to contact, the observatory's threshold) comes from here. Public: the sign-in page links to the help.
 */
@ApiTags('help')
@ApiProblemResponses()
@Controller('help')
export class HelpController {
  constructor(@Inject(HELP_INFO) private readonly info: HelpInfo) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "The deployment's contact for help, and the observatory's suppression threshold" })
  @ApiContractResponse('HelpInfo')
  read(): HelpInfo {
    return this.info;
  }
}
