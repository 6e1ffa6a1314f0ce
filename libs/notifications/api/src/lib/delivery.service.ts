import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels';
import { JobQueue } from './job-queue';
import { COLUMNS, type Row, toNotification } from './notifications.service';
import { DELIVERY_QUEUE } from './queues';

/** Runs the delivery jobs: each new notification, read again from its row, to every channel. */
@Injectable()
export class DeliveryService implements OnModuleInit {
  private readonly log = new Logger(DeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.define<{ notificationId: string }>(DELIVERY_QUEUE, (data) => this.deliver(data));
  }

  /** The delivery job: the notification as it is now, to every channel. */
  private async deliver({ notificationId }: { notificationId: string }): Promise<void> {
    if (!this.channels.length) return;
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS}, "recipient_id" FROM "notifications" WHERE "id" = $1`,
      [notificationId],
    )) as (Row & { recipient_id: string })[];
    if (!row) return; // its recipient's account was deleted meanwhile
    const n = toNotification(row);
    const delivery = {
      notificationId,
      recipientId: row.recipient_id,
      kind: n.kind,
      subject: n.subject,
      params: n.params,
      createdAt: row.created_at,
    };
    // Every channel gets its turn even when one fails (an SMTP server down does not hold back a push);
    // then the job fails, and its retry calls them all again: each is idempotent per notification.
    const failed: string[] = [];
    for (const channel of this.channels) {
      try {
        await channel.deliver(delivery);
        this.log.debug(`Notification ${notificationId} handed to ${channel.name}`);
      } catch (error) {
        failed.push(`${channel.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failed.length) throw new Error(`Delivery of ${notificationId} failed on ${failed.join('; ')}`);
  }
}
