import { DynamicModule, Module } from '@nestjs/common';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels';
import { DeliveryService } from './delivery.service';
import { JobQueue } from './job-queue';
import { MyNotificationsController } from './notifications.controller';
import { DEFAULT_JOB_QUEUE_OPTIONS, JOB_QUEUE_OPTIONS, type JobQueueOptions } from './notifications.options';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications and the job queue. Global: every domain that tells people something injects
 * {@link NotificationsService} (and a domain with background work of its own, {@link JobQueue}).
 */
@Module({})
export class NotificationsModule {
  static forRoot(
    options: Partial<JobQueueOptions> & { channels?: NotificationChannel[] } = {},
  ): DynamicModule {
    const { channels = [], ...queue } = options;
    return {
      module: NotificationsModule,
      global: true,
      controllers: [MyNotificationsController],
      providers: [
        { provide: JOB_QUEUE_OPTIONS, useValue: { ...DEFAULT_JOB_QUEUE_OPTIONS, ...queue } },
        { provide: NOTIFICATION_CHANNELS, useValue: channels },
        JobQueue,
        NotificationsService,
        DeliveryService,
      ],
      exports: [JobQueue, NotificationsService],
    };
  }
}
