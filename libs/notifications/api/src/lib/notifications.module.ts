import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { DeadLettersController } from './admin/dead-letters.controller';
import { DeadLettersService } from './admin/dead-letters.service';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels';
import { DeliveryService } from './delivery.service';
import { JobQueue } from './job-queue';
import { MyNotificationsController } from './notifications.controller';
import {
  DEFAULT_JOB_QUEUE_OPTIONS,
  DEFAULT_MAIL_OPTIONS,
  JOB_QUEUE_OPTIONS,
  NOTIFICATIONS_MAIL_OPTIONS,
  type JobQueueOptions,
  type NotificationsMailOptions,
} from './notifications.options';
import { NotificationsService } from './notifications.service';
import { NotificationPreferences } from './preferences/notification-preferences.service';
import { NotificationSettingsController } from './preferences/notification-settings.controller';

export interface NotificationsModuleOptions extends Partial<JobQueueOptions> {
  /** Channel instances (a spec's fake). */
  channels?: NotificationChannel[];
  /**
   * Channel classes, provided in this module (so they inject the DataSource, {@link JobQueue},
   * {@link NotificationPreferences}, the mail options) and handed to the delivery job in this order.
   */
  channelTypes?: Type<NotificationChannel>[];
  /** SMTP and links for the e-mail channel (none: it sends nothing). */
  mail?: Partial<NotificationsMailOptions>;
}

/**
 * In-app notifications, the job queue, each person's notification settings and the channels beyond
 * the app. Global: every domain that tells people something injects {@link NotificationsService} (and
 * a domain with background work of its own, {@link JobQueue}).
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions = {}): DynamicModule {
    const { channels = [], channelTypes = [], mail = {}, ...queue } = options;
    const channelProvider: Provider = {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...typed: NotificationChannel[]) => [...channels, ...typed],
      inject: channelTypes,
    };
    return {
      module: NotificationsModule,
      global: true,
      controllers: [MyNotificationsController, NotificationSettingsController, DeadLettersController],
      providers: [
        { provide: JOB_QUEUE_OPTIONS, useValue: { ...DEFAULT_JOB_QUEUE_OPTIONS, ...queue } },
        { provide: NOTIFICATIONS_MAIL_OPTIONS, useValue: { ...DEFAULT_MAIL_OPTIONS, ...mail } },
        ...channelTypes,
        channelProvider,
        JobQueue,
        NotificationsService,
        NotificationPreferences,
        DeliveryService,
        DeadLettersService,
      ],
      exports: [JobQueue, NotificationsService, NotificationPreferences],
    };
  }
}
