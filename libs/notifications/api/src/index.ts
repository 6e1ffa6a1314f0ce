export { NotificationsModule } from './lib/notifications.module';
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
export type { JobQueueOptions } from './lib/notifications.options';
