export { NotificationsModule, type NotificationsModuleOptions } from './lib/notifications.module';
export { NotificationsService, type NotifyRequest } from './lib/notifications.service';
export { DELIVERY_QUEUE } from './lib/queues';
export {
  JobQueue,
  DEFAULT_RETRY,
  deadLetterOf,
  type DeadJob,
  type JobHandler,
  type RetryPolicy,
} from './lib/job-queue';
export { NOTIFICATION_CHANNELS, type Delivery, type NotificationChannel } from './lib/channels';
export type { JobQueueOptions, NotificationsMailOptions } from './lib/notifications.options';
export {
  NotificationPreferences,
  allowsKind,
  type Preferences,
} from './lib/preferences/notification-preferences.service';
export { isTimeZone, quietHoursEnd } from './lib/preferences/zoned-time';
export { EmailChannel, EMAIL_QUEUE, DIGEST_QUEUE } from './lib/email/email-channel';
export { PushModule } from './lib/push/push.module';
export { PushChannel, PUSH_QUEUE } from './lib/push/push.channel';
export type { PushOptions } from './lib/push/push.options';
