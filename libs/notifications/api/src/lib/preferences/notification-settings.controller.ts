import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationSettings } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  SignedIn,
  type AuthPrincipal,
} from '@tc/shared/api';
import { NotificationSettingsDto } from './notification-settings.dto';
import { NotificationPreferences } from './notification-preferences.service';

/** A person's own notification settings: only theirs, whatever their roles. */
@ApiProblemResponses()
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly preferences: NotificationPreferences) {}

  /** Which kinds on which channel, e-mail mode, quiet hours, time zone (the defaults until saved). */
  @Get()
  @SignedIn()
  @ApiContractResponse('NotificationSettings')
  get(@CurrentUser() principal: AuthPrincipal): Promise<NotificationSettings> {
    return this.preferences.settings(principal.userId);
  }

  /** Saves them all at once; a kind not listed keeps its choice. */
  @Put()
  @SignedIn()
  @ApiContractResponse('NotificationSettings')
  put(
    @CurrentUser() principal: AuthPrincipal,
    @Body() dto: NotificationSettingsDto,
  ): Promise<NotificationSettings> {
    return this.preferences.update(principal.userId, dto);
  }
}
