import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Announcement, AnnouncementPage, CoachAnnouncements } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { AnnouncementsService } from './announcements.service';
import {
  AnnouncementParams,
  AnnouncementsQueryDto,
  CreateAnnouncementDto,
  UpdateAnnouncementDto,
} from './dto/announcements.dto';

/**
 * A cohort's announcements: its trainers and the admins of its territory write them; its coaches read
 * them once published. Anyone else: 404.
 */
@ApiProblemResponses()
@ApiTags('conversation')
@ApiBearerAuth()
@Controller('cohorts/:cohortId/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  /** Pinned first, then newest; coaches see only what is published, its runners also what is scheduled. */
  @Get()
  @SignedIn()
  @ApiContractResponse('AnnouncementPage')
  list(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Query() query: AnnouncementsQueryDto,
  ): Promise<AnnouncementPage> {
    return this.announcements.page(principal, cohortId, query);
  }

  @Post()
  @Roles('trainer', 'admin')
  @ApiContractResponse('Announcement', { status: 201, description: 'Posted (or scheduled)' })
  create(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('cohortId') cohortId: string,
    @Body() dto: CreateAnnouncementDto,
  ): Promise<Announcement> {
    return this.announcements.create(principal, cohortId, dto);
  }

  /** One announcement; a coach who opens it has read it. */
  @Get(':id')
  @SignedIn()
  @ApiContractResponse('Announcement')
  get(@CurrentUser() principal: AuthPrincipal, @Param() params: AnnouncementParams): Promise<Announcement> {
    return this.announcements.get(principal, params.cohortId, params.id);
  }

  @Patch(':id')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Announcement')
  update(
    @CurrentUser() principal: AuthPrincipal,
    @Param() params: AnnouncementParams,
    @Body() dto: UpdateAnnouncementDto,
  ): Promise<Announcement> {
    return this.announcements.update(principal, params.cohortId, params.id, dto);
  }

  /** Deleted for everyone; the audit log keeps who did it. */
  @Delete(':id')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentUser() principal: AuthPrincipal, @Param() params: AnnouncementParams): Promise<void> {
    await this.announcements.remove(principal, params.cohortId, params.id);
  }

  /** Marks it read by the caller; a second time changes nothing. */
  @Put(':id/read')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  async read(@CurrentUser() principal: AuthPrincipal, @Param() params: AnnouncementParams): Promise<void> {
    await this.announcements.read(principal, params.cohortId, params.id);
  }

  @Put(':id/pin')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Announcement')
  pin(@CurrentUser() principal: AuthPrincipal, @Param() params: AnnouncementParams): Promise<Announcement> {
    return this.announcements.pin(principal, params.cohortId, params.id, true);
  }

  @Delete(':id/pin')
  @Roles('trainer', 'admin')
  @ApiContractResponse('Announcement')
  unpin(@CurrentUser() principal: AuthPrincipal, @Param() params: AnnouncementParams): Promise<Announcement> {
    return this.announcements.pin(principal, params.cohortId, params.id, false);
  }
}

/** The coach's home page: what waits unread in their cohorts. */
@ApiProblemResponses()
@ApiTags('conversation')
@ApiBearerAuth()
@Controller('announcements')
export class CoachAnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Get('unread')
  @Roles('coach')
  @ApiContractResponse('CoachAnnouncements')
  unread(@CurrentUser() principal: AuthPrincipal): Promise<CoachAnnouncements> {
    return this.announcements.unread(principal);
  }
}
