import type { NotificationKind, NotificationParams, NotificationSubject } from '@tc/shared/contracts';

/** What a channel is given to deliver one notification (read again from its row by the delivery job). */
export interface Delivery {
  notificationId: string;
  recipientId: string;
  kind: NotificationKind;
  subject: NotificationSubject;
  params: NotificationParams;
  createdAt: Date;
}

/**
 * A way of telling a person beyond their in-app feed: e-mail, Web Push. The delivery job calls every
 * channel for each new notification, outside the producer's transaction, at least once: a channel
 * that throws is retried with back-off (and the job ends in the dead-letter queue after its last
 * attempt), so a channel must itself be idempotent per `notificationId` (e.g. a sent-at column, a
 * message id derived from it).
 *
 * A channel decides for itself whether this person gets this kind on it (their settings, quiet hours,
 * a push subscription) and writes in the recipient's language from `kind` and `params`.
 */
export interface NotificationChannel {
  /** `email`, `web-push`: names the channel in logs. */
  readonly name: string;
  deliver(delivery: Delivery): Promise<void>;
}

/** The channels the delivery job calls, provided as an array (none yet: in-app is the row itself). */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
