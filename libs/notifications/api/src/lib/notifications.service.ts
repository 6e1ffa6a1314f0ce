import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  Notification,
  NotificationKind,
  NotificationPage,
  NotificationParams,
  NotificationsMarkedRead,
  NotificationSubject,
  NotificationSubjectType,
  UnreadNotificationCount,
} from '@tc/shared/contracts';
import { type AuthPrincipal, ProblemException } from '@tc/shared/api';
import { JobQueue } from './job-queue';

import { DELIVERY_QUEUE } from './queues';

export const NOTIFICATIONS_PAGE_MAX = 100;

/** Requests one `notifyMany` statement inserts at most. */
export const NOTIFY_MANY_CHUNK = 2000;

/** What a domain asks for: who is told what, about which subject, at which moment. */
export interface NotifyRequest {
  recipientId: string;
  kind: NotificationKind;
  subject: NotificationSubject;
  /**
   * What makes this notification one of its kind for this subject: the same request with the same
   * moment is the same notification (a retry, a replay, another replica), told once. A thing that
   * happens once per subject says so (`'issued'`); one that repeats names its occurrence (a round, a
   * date).
   */
  moment: string;
  params?: NotificationParams;
}

export interface Row {
  id: string;
  seq: string;
  kind: NotificationKind;
  subject_type: NotificationSubjectType;
  subject_id: string;
  params: NotificationParams;
  created_at: Date;
  read_at: Date | null;
}

export const COLUMNS = `"id", "seq", "kind", "subject_type", "subject_id", "params", "created_at", "read_at"`;

function keyOf(r: NotifyRequest): string {
  return `${r.recipientId}\u0000${r.kind}\u0000${r.subject.type}\u0000${r.subject.id}\u0000${r.moment}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toNotification(r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    subject: { type: r.subject_type, id: r.subject_id },
    params: r.params,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

/**
 * The notifications domain's public service. Other domains call {@link notify} in the transaction of
 * the change that causes it; the recipient reads and marks their own feed (`/me/notifications`).
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {}

  /**
   * Tells `recipientId` something, in the caller's transaction (`manager`): the in-app row, and the
   * job that hands it to the other channels, both committed with the caller's change or not at all.
   * Told once per (recipient, kind, subject, moment): a second call inserts nothing and enqueues
   * nothing. `params` carry only what the recipient may see.
   */
  async notify(manager: EntityManager, request: NotifyRequest): Promise<{ id: string } | null> {
    const rows = (await manager.query(
      `INSERT INTO "notifications" ("recipient_id", "kind", "subject_type", "subject_id", "moment", "params")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT ("recipient_id", "kind", "subject_type", "subject_id", "moment") DO NOTHING
       RETURNING "id"`,
      [
        request.recipientId,
        request.kind,
        request.subject.type,
        request.subject.id,
        request.moment,
        JSON.stringify(request.params ?? {}),
      ],
    )) as { id: string }[];
    const created = rows[0];
    if (!created) return null;
    await this.queue.send(manager, DELIVERY_QUEUE, { notificationId: created.id });
    return { id: created.id };
  }

  /**
   * {@link notify} for many requests at once, in the caller's transaction: one
   * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` per {@link NOTIFY_MANY_CHUNK} requests,
   * then their delivery jobs in bulk. Told once as `notify` is: a request already told (or repeated
   * in the list) adds nothing. Answers the ids of the notifications it created.
   */
  async notifyMany(manager: EntityManager, requests: readonly NotifyRequest[]): Promise<{ id: string }[]> {
    const created: { id: string }[] = [];
    // In key order: two transactions telling overlapping lists (two replicas' scans) then wait for
    // each other's rows in the same order and cannot deadlock.
    const sorted = [...requests].sort((a, b) => compare(keyOf(a), keyOf(b)));
    for (let i = 0; i < sorted.length; i += NOTIFY_MANY_CHUNK) {
      const chunk = sorted.slice(i, i + NOTIFY_MANY_CHUNK);
      const rows = (await manager.query(
        `INSERT INTO "notifications" ("recipient_id", "kind", "subject_type", "subject_id", "moment", "params")
         SELECT r, k, st, si, m, p::jsonb
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[]) AS u(r, k, st, si, m, p)
         ON CONFLICT ("recipient_id", "kind", "subject_type", "subject_id", "moment") DO NOTHING
         RETURNING "id"`,
        [
          chunk.map((r) => r.recipientId),
          chunk.map((r) => r.kind),
          chunk.map((r) => r.subject.type),
          chunk.map((r) => r.subject.id),
          chunk.map((r) => r.moment),
          chunk.map((r) => JSON.stringify(r.params ?? {})),
        ],
      )) as { id: string }[];
      await this.queue.sendMany(
        manager,
        DELIVERY_QUEUE,
        rows.map((r) => ({ data: { notificationId: r.id } })),
      );
      created.push(...rows.map((r) => ({ id: r.id })));
    }
    return created;
  }

  /** The recipient's own feed, newest first, a page at a time (keyset on `seq`). */
  async list(
    principal: AuthPrincipal,
    query: { unread?: 'true' | 'false'; limit?: number; cursor?: string },
  ): Promise<NotificationPage> {
    const limit = query.limit ?? 20;
    const values: unknown[] = [principal.userId];
    let where = `"recipient_id" = $1`;
    if (query.unread === 'true') where += ` AND "read_at" IS NULL`;
    if (query.cursor) {
      values.push(query.cursor);
      where += ` AND "seq" < $${values.length}::bigint`;
    }
    values.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "notifications" WHERE ${where} ORDER BY "seq" DESC LIMIT $${values.length}`,
      values,
    )) as Row[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(toNotification),
      nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
    };
  }

  async unreadCount(principal: AuthPrincipal): Promise<UnreadNotificationCount> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "notifications" WHERE "recipient_id" = $1 AND "read_at" IS NULL`,
      [principal.userId],
    )) as { n: number }[];
    return { unread: row?.n ?? 0 };
  }

  /** Marks one of the recipient's own notifications read (again: no change); anyone else's is 404. */
  async markRead(principal: AuthPrincipal, id: string): Promise<Notification> {
    const [row] = (await this.dataSource.query(
      `WITH marked AS (
         UPDATE "notifications" SET "read_at" = COALESCE("read_at", now())
         WHERE "id" = $1 AND "recipient_id" = $2 RETURNING ${COLUMNS}
       ) SELECT * FROM marked`,
      [id, principal.userId],
    )) as Row[];
    if (!row) throw new NotFoundException('No such notification.');
    return toNotification(row);
  }

  /**
   * Marks read the person's notifications up to `throughId` (theirs, the newest they have seen) and
   * every older one; one that arrived after it stays unread. Not theirs or unknown: 404 naming `throughId` (as
   * if someone else's did not exist, like marking one read).
   */
  async markAllRead(principal: AuthPrincipal, throughId: string): Promise<NotificationsMarkedRead> {
    const [row] = (await this.dataSource.query(
      `WITH bound AS (
         SELECT "seq" FROM "notifications" WHERE "id" = $2 AND "recipient_id" = $1
       ), marked AS (
         UPDATE "notifications" n SET "read_at" = now() FROM bound
         WHERE n."recipient_id" = $1 AND n."read_at" IS NULL AND n."seq" <= bound."seq" RETURNING 1
       ) SELECT (SELECT count(*) FROM bound)::int AS "found", (SELECT count(*) FROM marked)::int AS "n"`,
      [principal.userId, throughId],
    )) as { found: number; n: number }[];
    if (!row?.found)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'notification-unknown',
        'Unknown notification',
        undefined,
        [
          {
            field: 'throughId',
            message: 'No notification of yours has this id',
            code: 'notification-unknown',
          },
        ],
      );
    return { marked: row.n };
  }
}
