import { DynamicModule, Module } from '@nestjs/common';
import { MyPushSubscriptionsController, PushKeyController } from './push.controller';
import { DEFAULT_PUSH_OPTIONS, PUSH_OPTIONS, type PushOptions } from './push.options';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { VapidKeysService } from './vapid-keys.service';

/**
 * Web Push: the VAPID keys, the subscriptions' routes and what the push channel needs. Global, so
 * that the push channel (push.channel.ts), provided in NotificationsModule among its channels (`channelTypes`),
 * injects these.
 */
@Module({})
export class PushModule {
  static forRoot(options: Partial<PushOptions> = {}): DynamicModule {
    return {
      module: PushModule,
      global: true,
      controllers: [PushKeyController, MyPushSubscriptionsController],
      providers: [
        { provide: PUSH_OPTIONS, useValue: { ...DEFAULT_PUSH_OPTIONS, ...options } },
        VapidKeysService,
        PushSubscriptionsService,
      ],
      exports: [PUSH_OPTIONS, VapidKeysService, PushSubscriptionsService],
    };
  }
}
