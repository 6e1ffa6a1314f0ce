import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PushPublicKey, PushSubscriptionsRemoved, PushSubscriptionSummary } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  SignedIn,
  type AuthPrincipal,
} from '@tc/shared/api';
import { PushSubscriptionDto, PushSubscriptionRemovalDto } from './dto/push-subscriptions.dto';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { VapidKeysService } from './vapid-keys.service';

/** The server's VAPID public key, which a browser subscribes with. */
@ApiProblemResponses()
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('push')
export class PushKeyController {
  constructor(private readonly vapid: VapidKeysService) {}

  @Get('public-key')
  @SignedIn()
  @ApiContractResponse('PushPublicKey')
  async publicKey(): Promise<PushPublicKey> {
    return { publicKey: (await this.vapid.keys()).publicKey };
  }
}

/** The signed-in person's own push subscriptions: this browser on, this browser off. */
@ApiProblemResponses()
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/push-subscriptions')
export class MyPushSubscriptionsController {
  constructor(private readonly subscriptions: PushSubscriptionsService) {}

  /** Registers this browser's subscription (again: refreshes it). */
  @Post()
  @SignedIn()
  @ApiContractResponse('PushSubscriptionSummary', { status: 201 })
  subscribe(
    @CurrentUser() principal: AuthPrincipal,
    @Body() dto: PushSubscriptionDto,
  ): Promise<PushSubscriptionSummary> {
    return this.subscriptions.subscribe(principal, dto);
  }

  /** Removes this browser's subscription, named by its endpoint (one's own only). */
  @Delete()
  @HttpCode(HttpStatus.OK)
  @SignedIn()
  @ApiContractResponse('PushSubscriptionsRemoved')
  unsubscribe(
    @CurrentUser() principal: AuthPrincipal,
    @Body() dto: PushSubscriptionRemovalDto,
  ): Promise<PushSubscriptionsRemoved> {
    return this.subscriptions.unsubscribe(principal, dto.endpoint);
  }
}
