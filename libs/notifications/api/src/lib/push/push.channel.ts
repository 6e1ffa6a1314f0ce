import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { generateRequestDetails, type RequestOptions } from 'web-push';
import type { Delivery, NotificationChannel } from '../channels';
import { JobQueue } from '../job-queue';
import { COLUMNS, type Row, toNotification } from '../notifications.service';
import { NotificationPreferences } from '../preferences/notification-preferences.service';
import { PUSH_OPTIONS, type PushOptions } from './push.options';
import { PushSubscriptionsService, type StoredSubscription } from './push-subscriptions.service';
import { pushLanguage, pushPayload } from './push-texts';
import { VapidKeysService } from './vapid-keys.service';

/** The queue of pushes held by quiet hours: `{ notificationId }`, started when they end. */
export const PUSH_QUEUE = 'notifications.push';

/** How long one request to a push service may stay silent, ms. */
const SEND_TIMEOUT_MS = 10_000;

/** A push service's answer other than accepted. */
class PushRefused extends Error {
  constructor(readonly status: number) {
    super(`push service answered HTTP ${status}`);
  }
}

/**
 * Sends one push: web-push encrypts the payload (RFC 8291, aes128gcm) and signs the VAPID header; the
 * request itself goes through `fetch`, which also reaches a local push service over http (specs) and
 * lets the answer's body go unread (a push service has nothing to say in it).
 */
async function send(
  subscription: StoredSubscription,
  payload: string,
  options: RequestOptions,
  timeoutMs: number,
): Promise<void> {
  const request = generateRequestDetails(subscription, payload, options);
  const res = await fetch(request.endpoint, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: new Uint8Array(request.body),
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new PushRefused(res.status);
}

/** A push service's answer that the subscription is gone for good (unsubscribed, expired). */
function isGone(e: unknown): boolean {
  return e instanceof PushRefused && (e.status === 404 || e.status === 410);
}

/**
 * Web Push: each new notification to every browser where its recipient enabled notifications, in the
 * recipient's language, when their settings allow push for its kind. In quiet hours it waits: a
 * {@link PUSH_QUEUE} job starts when they end and asks the settings again.
 *
 * Once per (notification, subscription): a `push_deliveries` row is claimed before the push is sent,
 * so a retried or doubled job skips what was pushed. A push that fails (service down) gives its claim
 * back and fails the job, which is retried for those subscriptions only; a subscription the service
 * says is gone (404/410) is deleted.
 */
@Injectable()
export class PushChannel implements NotificationChannel, OnModuleInit {
  readonly name = 'web-push';
  private readonly log = new Logger(PushChannel.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly preferences: NotificationPreferences,
    private readonly subscriptions: PushSubscriptionsService,
    private readonly vapid: VapidKeysService,
    @Inject(PUSH_OPTIONS) private readonly options: PushOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.define<{ notificationId: string }>(PUSH_QUEUE, ({ notificationId }) =>
      this.deliverHeld(notificationId),
    );
  }

  deliver(delivery: Delivery): Promise<void> {
    return this.push(delivery, new Date(), notificationKey(delivery.notificationId));
  }

  /** A push held by quiet hours: the notification as it is now (gone with its person: nothing). */
  private async deliverHeld(notificationId: string): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS}, "recipient_id" FROM "notifications" WHERE "id" = $1`,
      [notificationId],
    )) as (Row & { recipient_id: string })[];
    if (!row) return;
    const n = toNotification(row);
    const now = new Date();
    await this.push(
      {
        notificationId,
        recipientId: row.recipient_id,
        kind: n.kind,
        subject: n.subject,
        params: n.params,
        createdAt: row.created_at,
      },
      now,
      `${notificationKey(notificationId)}:${now.toISOString()}`,
    );
  }

  private async push(d: Delivery, now: Date, holdKey: string): Promise<void> {
    if (!(await this.preferences.allows(d.recipientId, d.kind, 'push'))) return;
    const subscriptions = await this.subscriptions.of(d.recipientId);
    if (!subscriptions.length) return;
    const allowedAt = await this.preferences.nextAllowedAt(d.recipientId, now);
    if (allowedAt.getTime() > now.getTime()) {
      await this.dataSource.transaction((manager) =>
        this.queue.send(
          manager,
          PUSH_QUEUE,
          { notificationId: d.notificationId },
          {
            startAfter: allowedAt,
            singletonKey: holdKey,
          },
        ),
      );
      return;
    }
    const language = await this.languageOf(d.recipientId);
    const payload = pushPayload(d, language);
    const keys = await this.vapid.keys();
    let failed: unknown = null;
    for (const subscription of subscriptions) {
      try {
        await this.sendOnce(d.notificationId, subscription, payload, keys);
      } catch (e) {
        failed = e;
      }
    }
    if (failed) throw failed;
  }

  private async sendOnce(
    notificationId: string,
    subscription: StoredSubscription,
    payload: string,
    keys: { publicKey: string; privateKey: string },
  ): Promise<void> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO "push_deliveries" ("notification_id", "subscription_id") VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1 AS "claimed"`,
      [notificationId, subscription.id],
    )) as unknown[];
    if (!claimed.length) return; // pushed already (a retried job)
    try {
      await send(
        subscription,
        payload,
        {
          vapidDetails: { subject: this.options.subject, ...keys },
          TTL: this.options.ttlSeconds,
          urgency: 'normal',
          // A push service keeps one undelivered message per topic: a doubled send replaces itself.
          topic: notificationKey(notificationId),
        },
        SEND_TIMEOUT_MS,
      );
    } catch (e) {
      if (isGone(e)) {
        await this.subscriptions.forget(subscription.id); // its claim goes with it (cascade)
        this.log.log(`Push subscription ${subscription.id} is gone: deleted`);
        return;
      }
      await this.dataSource.query(
        `DELETE FROM "push_deliveries" WHERE "notification_id" = $1 AND "subscription_id" = $2`,
        [notificationId, subscription.id],
      );
      this.log.warn(
        `Push of notification ${notificationId} to subscription ${subscription.id} failed: ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
      throw e;
    }
  }

  /** The recipient's preferred language (identity's read view), French when unknown. */
  private async languageOf(recipientId: string) {
    const [row] = (await this.dataSource.query(`SELECT "language" FROM "user_directory" WHERE "id" = $1`, [
      recipientId,
    ])) as { language: string | null }[];
    return pushLanguage(row?.language);
  }
}

/** The notification's id as a push topic: 32 characters of the base64url alphabet. */
function notificationKey(notificationId: string): string {
  return notificationId.replace(/-/g, '');
}
