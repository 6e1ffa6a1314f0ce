export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface JobQueueOptions {
  /** How often an idle worker asks for jobs, seconds (at least 0.5: pg-boss's floor). */
  pollingIntervalSeconds: number;
  /** How long a stop waits for the jobs in progress, ms. */
  stopTimeoutMs: number;
}

export const DEFAULT_JOB_QUEUE_OPTIONS: JobQueueOptions = { pollingIntervalSeconds: 2, stopTimeoutMs: 10000 };

export const NOTIFICATIONS_MAIL_OPTIONS = Symbol('NOTIFICATIONS_MAIL_OPTIONS');

export interface NotificationsMailOptions {
  /** `SMTP_URL`; null: the e-mail channel sends nothing. */
  smtpUrl: string | null;
  /** `MAIL_FROM`. */
  mailFrom: string;
  /** `PUBLIC_URL`: the links in e-mails point there. */
  publicUrl: string;
}

export const DEFAULT_MAIL_OPTIONS: NotificationsMailOptions = {
  smtpUrl: null,
  mailFrom: 'Coaching territorial <no-reply@localhost>',
  publicUrl: 'http://localhost:3000',
};
