import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  FieldComment,
  MaturityCheck,
  Milestone,
  Organisation,
  OrganisationList,
  OrganisationLog,
  SavedOrganisation,
  SupervisedCoachList,
  Visit,
} from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { CoachesService } from './coaches.service';
import { FieldLogService } from './field-log.service';
import { OrganisationsService } from './organisations.service';
import { SharesService } from './shares.service';
import { VisitsService } from './visits.service';
import {
  CreateFieldCommentDto,
  CreateMaturityCheckDto,
  CreateMilestoneDto,
  MilestoneParams,
  OrganisationsQueryDto,
  SaveOrganisationDto,
  SaveVisitDto,
  ShareOrganisationDto,
  ShareParams,
  VisitParams,
} from './dto/fieldwork.dto';

type StatusReply = { status(code: number): unknown };

/**
 * The field log: coaches register the organisations they accompany and record checks, visits and
 * milestones; their trainers and the admins of the territory read and comment. Someone else's
 * organisation answers 404 (never 403: its existence is not revealed); observers: 403.
 */
@ApiProblemResponses()
@ApiTags('fieldwork')
@ApiBearerAuth()
@Controller('fieldwork')
export class FieldworkController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly log: FieldLogService,
    private readonly visits: VisitsService,
    private readonly shares: SharesService,
    private readonly coaches: CoachesService,
  ) {}

  /** A coach's own and shared organisations; a supervisor's view of one coach's (`coachId`). */
  @Get('organisations')
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('OrganisationList')
  list(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: OrganisationsQueryDto,
  ): Promise<OrganisationList> {
    return this.organisations.list(principal, query);
  }

  /** Registers (201) or edits (200) the coach's organisation, with the likely duplicates to warn of. */
  @Put('organisations/:id')
  @Roles('coach')
  @ApiContractResponse('SavedOrganisation', { status: 201, description: 'Registered' })
  @ApiContractResponse('SavedOrganisation', { description: 'Edited' })
  async save(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: SaveOrganisationDto,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<SavedOrganisation> {
    const { created, saved } = await this.organisations.save(principal, id, dto);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return saved;
  }

  /** The organisation's whole log. */
  @Get('organisations/:id')
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('OrganisationLog')
  get(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<OrganisationLog> {
    return this.log.log(principal, id);
  }

  /** Its coach deletes it with its log (audited). */
  @Delete('organisations/:id')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<void> {
    await this.organisations.remove(principal, id);
  }

  /** Its coach notes that the young entrepreneur withdrew their agreement: the record is anonymised. */
  @Post('organisations/:id/consent-withdrawal')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async withdrawConsent(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<void> {
    await this.organisations.withdrawConsent(principal, id);
  }

  @Post('organisations/:id/checks')
  @Roles('coach')
  @ApiContractResponse('MaturityCheck', { status: 201, description: 'Recorded' })
  check(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: CreateMaturityCheckDto,
  ): Promise<MaturityCheck> {
    return this.log.createCheck(principal, id, dto);
  }

  /** Records (201) or edits (200) a visit; its own coach edits it. */
  @Put('organisations/:id/visits/:visitId')
  @Roles('coach')
  @ApiContractResponse('Visit', { status: 201, description: 'Recorded' })
  @ApiContractResponse('Visit', { description: 'Edited' })
  async saveVisit(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: VisitParams,
    @Body() dto: SaveVisitDto,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<Visit> {
    const { created, visit } = await this.visits.save(principal, params.id, params.visitId, dto);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return visit;
  }

  @Delete('organisations/:id/visits/:visitId')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async removeVisit(@CurrentUser() principal: AuthPrincipal, @Param() params: VisitParams): Promise<void> {
    await this.visits.remove(principal, params.id, params.visitId);
  }

  /** A milestone reached; a kind already reached: 409 milestone-already-reached. */
  @Post('organisations/:id/milestones')
  @Roles('coach')
  @ApiContractResponse('Milestone', { status: 201, description: 'Recorded' })
  milestone(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: CreateMilestoneDto,
  ): Promise<Milestone> {
    return this.log.createMilestone(principal, id, dto);
  }

  @Delete('organisations/:id/milestones/:milestoneId')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async removeMilestone(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: MilestoneParams,
  ): Promise<void> {
    await this.log.removeMilestone(principal, params.id, params.milestoneId);
  }

  /** A comment; a supervisor's tells the organisation's coach (and the visit's). */
  @Post('organisations/:id/comments')
  @Roles('coach', 'trainer', 'admin')
  @ApiContractResponse('FieldComment', { status: 201, description: 'Posted' })
  comment(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: CreateFieldCommentDto,
  ): Promise<FieldComment> {
    return this.log.comment(principal, id, dto);
  }

  /** A coach warned of it as a likely duplicate asks its coach to share it; its coach is told. */
  @Post('organisations/:id/share-requests')
  @Roles('coach')
  @HttpCode(HttpStatus.ACCEPTED)
  async requestShare(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<void> {
    await this.shares.request(principal, id);
  }

  /** Its coach shares it with a coach of its territory (audited); that coach is told. */
  @Post('organisations/:id/shares')
  @Roles('coach')
  @ApiContractResponse('Organisation', { status: 201, description: 'Shared' })
  share(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: ShareOrganisationDto,
  ): Promise<Organisation> {
    return this.shares.grant(principal, id, dto);
  }

  /** Its coach stops sharing it with a coach (audited). */
  @Delete('organisations/:id/shares/:coachId')
  @Roles('coach')
  @HttpCode(HttpStatus.NO_CONTENT)
  async unshare(@CurrentUser() principal: AuthPrincipal, @Param() params: ShareParams): Promise<void> {
    await this.shares.revoke(principal, params.id, params.coachId);
  }

  /** The coaches a trainer or admin supervises, with the size of their field log. */
  @Get('coaches')
  @Roles('trainer', 'admin')
  @ApiContractResponse('SupervisedCoachList')
  supervised(@CurrentUser() principal: AuthPrincipal): Promise<SupervisedCoachList> {
    return this.coaches.supervised(principal);
  }
}
