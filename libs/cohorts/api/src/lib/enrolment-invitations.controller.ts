import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  CohortInvitation,
  CohortInvitationList,
  MyEnrolment,
  ResentInvitation,
  ResentInvitations,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { AcceptCohortInvitationDto, ResendInvitationsDto } from './dto/cohorts.dto';
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

/**
 * The trainer's side: every invitation with its state; a new link for one, or for all those still
 * open (e-mailed, or handed back without a mail server); an invitation not accepted yet taken back.
 */
@ApiProblemResponses()
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortInvitationsController {
  constructor(private readonly invitations: EnrolmentInvitationsService) {}

  @Get(':id/invitations')
  @Roles('trainer', 'admin')
  @ApiContractResponse('CohortInvitationList')
  list(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<CohortInvitationList> {
    return this.invitations.list(principal, id);
  }

  /** New links for the invitations named, those not accepted yet; the previous ones stop working. */
  @Post(':id/invitations/resend')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('ResentInvitations')
  resendAll(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: ResendInvitationsDto,
  ): Promise<ResentInvitations> {
    return this.invitations.resendAll(principal, id, dto.invitationIds);
  }

  /** A new link for one invitation not accepted yet; the previous one stops working. */
  @Post(':id/invitations/:invitationId/resend')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('ResentInvitation')
  resend(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<ResentInvitation> {
    return this.invitations.resend(principal, id, invitationId);
  }

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
