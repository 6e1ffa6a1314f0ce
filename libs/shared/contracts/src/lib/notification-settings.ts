import type { NotificationKind } from './notifications';

/** The channels a person chooses per kind; in-app is always on (it is the notification itself). */
export const NOTIFICATION_DELIVERY_CHANNELS = ['email', 'push'] as const;
export type NotificationDeliveryChannel = (typeof NOTIFICATION_DELIVERY_CHANNELS)[number];

/** E-mail: each notification at once, one daily digest of the day's unread ones, or none. */
export const EMAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Whether one kind goes out on each channel. */
export interface NotificationKindSetting {
  kind: NotificationKind;
  email: boolean;
  push: boolean;
}

/** `GET/PUT /api/v1/me/notification-settings`: the signed-in person's own choices. */
export interface NotificationSettings {
  /** One row per kind (every kind the platform has; a kind missing from a PUT stays as it was). */
  kinds: NotificationKindSetting[];
  emailMode: EmailMode;
  /** The digest's hour, 0–23, in `timeZone` (default 18). */
  digestHour: number;
  /**
   * Quiet hours, `HH:MM` in `timeZone` (default 22:00–07:00; may span midnight): e-mail and push wait
   * until they end. Both null: no quiet hours.
   */
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  /** An IANA time zone name (default Africa/Casablanca). */
  timeZone: string;
}

export type NotificationSettingsUpdate = NotificationSettings;

export const DEFAULT_NOTIFICATION_TIME_ZONE = 'Africa/Casablanca';
export const DEFAULT_DIGEST_HOUR = 18;
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;
