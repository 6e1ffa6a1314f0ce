import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  Notification,
  NotificationPage,
  NotificationsMarkedRead,
  UnreadNotificationCount,
} from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { MarkAllReadDto, NotificationQueryDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

/** A person's own notifications: only theirs, whatever their roles (no one reads another's feed). */
@ApiProblemResponses()
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first, a page at a time; `unread=true` for the unread ones only. */
  @Get()
  @SignedIn()
  @ApiContractResponse('NotificationPage')
  list(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: NotificationQueryDto,
  ): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  /** What the bell shows. */
  @Get('unread-count')
  @SignedIn()
  @ApiContractResponse('UnreadNotificationCount')
  unreadCount(@CurrentUser() principal: AuthPrincipal): Promise<UnreadNotificationCount> {
    return this.notifications.unreadCount(principal);
  }

  /** Marks all of them read. */
  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @SignedIn()
  @ApiContractResponse('NotificationsMarkedRead')
  readAll(
    @CurrentUser() principal: AuthPrincipal,
    @Body() dto: MarkAllReadDto,
  ): Promise<NotificationsMarkedRead> {
    return this.notifications.markAllRead(principal, dto.throughId);
  }

  /** Marks one read (when its reader opens it); someone else's: 404. */
  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @SignedIn()
  @ApiContractResponse('Notification')
  read(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<Notification> {
    return this.notifications.markRead(principal, id);
  }
}
