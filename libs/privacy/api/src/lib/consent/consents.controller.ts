import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MyConsents } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  SignedIn,
  type AuthPrincipal,
} from '@tc/shared/api';
import { ConsentPurposeParams, NoConsentQueryDto } from './dto/consents.dto';
import { ConsentsService } from './consents.service';

/** The signed-in person's consents: where each stands, the history, and withdrawing one. */
@ApiProblemResponses()
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('me/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  /** Each purpose's state with the date and words of its latest record, and the history, newest first. */
  @Get()
  @SignedIn()
  @ApiContractResponse('MyConsents')
  mine(@CurrentUser() principal: AuthPrincipal, @Query() _query: NoConsentQueryDto): Promise<MyConsents> {
    return this.consents.mine(principal);
  }

  /** Withdraws a consent: what it grounded is cleared (demographics, push subscriptions, digests). */
  @Delete(':purpose')
  @SignedIn()
  @ApiContractResponse('MyConsents')
  withdraw(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: ConsentPurposeParams,
    @Query() _query: NoConsentQueryDto,
  ): Promise<MyConsents> {
    return this.consents.withdraw(principal, params.purpose);
  }
}
