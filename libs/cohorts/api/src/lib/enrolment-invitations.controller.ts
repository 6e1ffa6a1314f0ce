import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CohortInvitation, MyEnrolment } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { AcceptCohortInvitationDto } from './dto/cohorts.dto';
import { EnrolmentInvitationsService } from './enrolment-invitations.service';

/** The invitee's side of an invitation into a cohort: see it, accept it (signed in as its account). */
@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('me/cohort-invitations')
export class MyCohortInvitationsController {
  constructor(private readonly invitations: EnrolmentInvitationsService) {}

  @Get(':token')
  @SignedIn()
  @ApiContractResponse('CohortInvitation')
  lookup(@CurrentUser() principal: AuthPrincipal, @Param('token') token: string): Promise<CohortInvitation> {
    return this.invitations.lookup(principal, token);
  }

  @Post('accept')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('MyEnrolment')
  accept(
    @CurrentUser() principal: AuthPrincipal,
    @Body() dto: AcceptCohortInvitationDto,
  ): Promise<MyEnrolment> {
    return this.invitations.accept(principal, dto.token);
  }
}

/** The trainer's side: an invitation not accepted yet is taken back. */
@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortInvitationsController {
  constructor(private readonly invitations: EnrolmentInvitationsService) {}

  @Delete(':id/invitations/:invitationId')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async withdraw(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    await this.invitations.withdraw(principal, id, invitationId);
  }
}
