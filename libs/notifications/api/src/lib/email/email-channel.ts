import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import {
  isLocale,
  type Locale,
  type NotificationParams,
  type NotificationSubject,
} from '@tc/shared/contracts';
import type { Delivery, NotificationChannel } from '../channels';
import { JobQueue } from '../job-queue';
import { NOTIFICATIONS_MAIL_OPTIONS, type NotificationsMailOptions } from '../notifications.options';
import { allowsKind, NotificationPreferences } from '../preferences/notification-preferences.service';
import { nextLocalHour, quietHoursEnd } from '../preferences/zoned-time';
import { digestMail, notificationMail, type Item, type MailText, type Reader } from './email-texts';

/** A notification's e-mail held by quiet hours: the job that sends it when they end. */
export const EMAIL_QUEUE = 'notifications.email';
/** One person's daily digest: the job due at their digest hour. */
export const DIGEST_QUEUE = 'notifications.digest';

interface NotificationRow {
  recipient_id: string;
  kind: string;
  subject_type: NotificationSubject['type'];
  subject_id: string;
  params: NotificationParams;
  read_at: Date | null;
}

/**
 * The e-mail channel (`SMTP_URL`, `MAIL_FROM`; links to `PUBLIC_URL`). Per notification, after the
 * recipient's settings ({@link NotificationPreferences}):
 *
 * - kind off for e-mail, or e-mail mode `off`: nothing (`skipped`);
 * - mode `immediate`: one mail at once, or, in quiet hours, a job on {@link EMAIL_QUEUE} held until
 *   they end (`waiting`), which mails it then unless it was read in the app meanwhile;
 * - mode `digest`: noted for that day's digest (`digest`), and one job per person and local day on
 *   {@link DIGEST_QUEUE}, due at their digest hour, which mails the day's unread ones together.
 *
 * What it did is kept in `notification_emails` (one row per notification) and `notification_digests`
 * (one per person and day), so a retried job does not decide twice. Sending is at least once: the row
 * says `sent` after the SMTP server accepted the mail; a crash between the two sends it again on the
 * retry, with the same Message-ID (`<notification-<id>@host>`, `<digest-<person>-<day>@host>`), which
 * lets mail systems that drop duplicates do so. Marking before sending would lose a mail instead.
 *
 * Without `SMTP_URL` it does nothing (said once in the log at start).
 */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleInit {
  readonly name = 'email';
  private readonly log = new Logger(EmailChannel.name);
  private readonly transport: Transporter | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly preferences: NotificationPreferences,
    @Inject(NOTIFICATIONS_MAIL_OPTIONS) private readonly options: NotificationsMailOptions,
  ) {
    this.transport = options.smtpUrl ? createTransport(options.smtpUrl) : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.transport) {
      this.log.warn('No SMTP_URL: notifications are not e-mailed');
      return;
    }
    await this.queue.define<{ notificationId: string }>(EMAIL_QUEUE, ({ notificationId }) =>
      this.handle(notificationId, new Date(), true),
    );
    await this.queue.define<{ recipientId: string; day: string }>(DIGEST_QUEUE, ({ recipientId, day }) =>
      this.sendDigest(recipientId, day, new Date()),
    );
  }

  async deliver(delivery: Delivery): Promise<void> {
    if (!this.transport) return;
    await this.handle(delivery.notificationId, new Date(), false);
  }

  /**
   * Decides (once) what to do with one notification, and mails it when it is due. `held`: called by
   * the job that quiet hours held, which must queue another one if they still last.
   */
  private async handle(notificationId: string, now: Date, held: boolean): Promise<void> {
    const [done] = (await this.dataSource.query(
      `SELECT "state" FROM "notification_emails" WHERE "notification_id" = $1`,
      [notificationId],
    )) as { state: string }[];
    if (done && done.state !== 'waiting') return;
    const [n] = (await this.dataSource.query(
      `SELECT "recipient_id", "kind", "subject_type", "subject_id", "params", "read_at"
         FROM "notifications" WHERE "id" = $1`,
      [notificationId],
    )) as NotificationRow[];
    if (!n) return;
    const p = await this.preferences.of(n.recipient_id);
    if (!allowsKind(p, n.kind, 'email')) return this.mark(notificationId, n.recipient_id, 'skipped');
    if (p.emailMode === 'digest') return this.addToDigest(notificationId, n.recipient_id, now, p);

    const at = quietHoursEnd(now, p.quiet, p.timeZone);
    if (at.getTime() > now.getTime()) return this.hold(notificationId, n.recipient_id, at, held);
    // Read in the app while quiet hours held it: already seen.
    if (n.read_at) return this.mark(notificationId, n.recipient_id, 'skipped');

    const reader = await this.reader(n.recipient_id);
    if (!reader) return this.mark(notificationId, n.recipient_id, 'skipped');
    const item: Item = {
      kind: n.kind,
      subject: { type: n.subject_type, id: n.subject_id },
      params: n.params,
    };
    await this.send(
      reader.email,
      notificationMail(reader, item, this.options.publicUrl),
      `notification-${notificationId}`,
    );
    await this.mark(notificationId, n.recipient_id, 'sent');
  }

  /** Quiet hours: a job that tries again when they end (one per notification, unless `held`). */
  private async hold(notificationId: string, recipientId: string, at: Date, held: boolean): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const changed = (await m.query(
        `INSERT INTO "notification_emails" ("notification_id", "recipient_id", "state", "due_at")
         VALUES ($1, $2, 'waiting', $3)
         ON CONFLICT ("notification_id") DO UPDATE SET "due_at" = EXCLUDED."due_at"
           WHERE "notification_emails"."state" = 'waiting' AND "notification_emails"."due_at" < EXCLUDED."due_at"
         RETURNING 1`,
        [notificationId, recipientId, at],
      )) as unknown[];
      if (changed.length || held)
        await this.queue.send(m, EMAIL_QUEUE, { notificationId }, { startAfter: at });
    });
  }

  /** Digest mode: noted for the day's digest, whose job is queued by the first notification of the day. */
  private async addToDigest(
    notificationId: string,
    recipientId: string,
    now: Date,
    p: Awaited<ReturnType<NotificationPreferences['of']>>,
  ): Promise<void> {
    const { day, at } = nextLocalHour(now, p.digestHour, p.timeZone);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO "notification_emails" ("notification_id", "recipient_id", "state", "digest_day")
         VALUES ($1, $2, 'digest', $3)
         ON CONFLICT ("notification_id") DO UPDATE SET "state" = 'digest', "digest_day" = EXCLUDED."digest_day"
           WHERE "notification_emails"."state" = 'waiting'`,
        [notificationId, recipientId, day],
      );
      const created = (await m.query(
        `INSERT INTO "notification_digests" ("recipient_id", "day", "due_at") VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [recipientId, day, at],
      )) as unknown[];
      if (created.length) await this.queue.send(m, DIGEST_QUEUE, { recipientId, day }, { startAfter: at });
    });
  }

  /** The digest job: the day's unread notifications in one mail, once (quiet hours: later). */
  private async sendDigest(recipientId: string, day: string, now: Date): Promise<void> {
    const [digest] = (await this.dataSource.query(
      `SELECT "sent_at" FROM "notification_digests" WHERE "recipient_id" = $1 AND "day" = $2`,
      [recipientId, day],
    )) as { sent_at: Date | null }[];
    if (!digest || digest.sent_at) return;
    const p = await this.preferences.of(recipientId);
    const at = quietHoursEnd(now, p.quiet, p.timeZone);
    if (at.getTime() > now.getTime()) {
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE "notification_digests" SET "due_at" = $3 WHERE "recipient_id" = $1 AND "day" = $2`,
          [recipientId, day, at],
        );
        await this.queue.send(m, DIGEST_QUEUE, { recipientId, day }, { startAfter: at });
      });
      return;
    }
    const rows = (await this.dataSource.query(
      `SELECT n."kind", n."subject_type", n."subject_id", n."params"
         FROM "notification_emails" e JOIN "notifications" n ON n."id" = e."notification_id"
        WHERE e."recipient_id" = $1 AND e."digest_day" = $2 AND e."state" = 'digest' AND n."read_at" IS NULL
        ORDER BY n."seq"`,
      [recipientId, day],
    )) as NotificationRow[];
    const reader = rows.length ? await this.reader(recipientId) : null;
    if (reader) {
      const items = rows.map((r) => ({
        kind: r.kind,
        subject: { type: r.subject_type, id: r.subject_id },
        params: r.params,
      }));
      await this.send(
        reader.email,
        digestMail(reader, items, this.options.publicUrl),
        `digest-${recipientId}-${day}`,
      );
    }
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE "notification_digests" SET "sent_at" = now() WHERE "recipient_id" = $1 AND "day" = $2`,
        [recipientId, day],
      );
      await m.query(
        `UPDATE "notification_emails" SET "state" = $3, "sent_at" = now()
          WHERE "recipient_id" = $1 AND "digest_day" = $2 AND "state" = 'digest'`,
        [recipientId, day, reader ? 'sent' : 'skipped'],
      );
    });
  }

  private async mark(notificationId: string, recipientId: string, state: 'sent' | 'skipped'): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "notification_emails" ("notification_id", "recipient_id", "state", "sent_at")
       VALUES ($1, $2, $3::varchar, CASE WHEN $3::varchar = 'sent' THEN now() END)
       ON CONFLICT ("notification_id") DO UPDATE SET "state" = EXCLUDED."state", "sent_at" = EXCLUDED."sent_at"`,
      [notificationId, recipientId, state],
    );
  }

  /** The recipient's address, name and language (identity's read view); null once disabled. */
  private async reader(recipientId: string): Promise<(Reader & { email: string }) | null> {
    const [row] = (await this.dataSource.query(
      `SELECT "email", "display_name", "status", "language" FROM "user_directory" WHERE "id" = $1`,
      [recipientId],
    )) as { email: string; display_name: string; status: string; language: string }[];
    if (!row || row.status === 'disabled') return null;
    const locale: Locale = isLocale(row.language) ? row.language : 'fr';
    return { email: row.email, displayName: row.display_name, locale };
  }

  private async send(to: string, mail: MailText, id: string): Promise<void> {
    if (!this.transport) return;
    const host = new URL(this.options.publicUrl).hostname || 'localhost';
    await this.transport.sendMail({
      from: this.options.mailFrom,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${id}@${host}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }
}
