import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isIP } from 'node:net';
import { DataSource } from 'typeorm';
import {
  PUSH_SUBSCRIPTIONS_MAX,
  type PushSubscriptionRequest,
  type PushSubscriptionsRemoved,
  type PushSubscriptionSummary,
} from '@tc/shared/contracts';
import { type AuthPrincipal, ProblemException } from '@tc/shared/api';
import { consentGiven, recordConsent } from '@tc/audit/api';
import { PUSH_OPTIONS, type PushOptions } from './push.options';

/** A subscription as the push channel uses it. */
export interface StoredSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

/**
 * Each person's push subscriptions: one per browser where they enabled notifications. An endpoint is
 * the push service's URL that the server will POST to, so it is taken only as `https://` on a host
 * name (no IP literal, no localhost): the server must not be steered at addresses inside its network.
 * A local push service (`http://127.0.0.1`) is accepted only with `allowLoopbackEndpoints`.
 */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PUSH_OPTIONS) private readonly options: PushOptions,
  ) {}

  /**
   * Registers this browser for the signed-in person (again: refreshes its keys). An endpoint another
   * person registered moves to this one: the browser now belongs to whoever signed in on it last. Past
   * {@link PUSH_SUBSCRIPTIONS_MAX}, the person's oldest subscriptions go (browsers long gone, mostly).
   */
  async subscribe(
    principal: AuthPrincipal,
    request: PushSubscriptionRequest,
  ): Promise<PushSubscriptionSummary> {
    this.checkEndpoint(request.endpoint);
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO "push_subscriptions" ("recipient_id", "endpoint", "p256dh", "auth")
         VALUES ($1, $2, $3, $4)
         ON CONFLICT ("endpoint") DO UPDATE
           SET "recipient_id" = EXCLUDED."recipient_id", "p256dh" = EXCLUDED."p256dh", "auth" = EXCLUDED."auth"
         RETURNING "id", "endpoint", "created_at"`,
        [principal.userId, request.endpoint, request.keys.p256dh, request.keys.auth],
      )) as { id: string; endpoint: string; created_at: Date }[];
      await manager.query(
        `DELETE FROM "push_subscriptions" WHERE "id" IN (
           SELECT "id" FROM "push_subscriptions" WHERE "recipient_id" = $1
            ORDER BY "created_at" DESC, "id" DESC OFFSET $2)`,
        [principal.userId, PUSH_SUBSCRIPTIONS_MAX],
      );
      if (!row) throw new Error('push_subscriptions: no row after upsert');
      // Subscribing a browser is consenting to push; a browser more, or its keys refreshed, is not a new one.
      const subject = { userId: principal.userId };
      if (!(await consentGiven(manager, subject, 'push')))
        await recordConsent(manager, { subject, purpose: 'push', given: true, recordedBy: principal.userId });
      return { id: row.id, endpoint: row.endpoint, createdAt: row.created_at.toISOString() };
    });
  }

  /** Removes the signed-in person's subscription with this endpoint (none: nothing, `removed: 0`). */
  async unsubscribe(principal: AuthPrincipal, endpoint: string): Promise<PushSubscriptionsRemoved> {
    const [row] = (await this.dataSource.query(
      `WITH removed AS (
         DELETE FROM "push_subscriptions" WHERE "recipient_id" = $1 AND "endpoint" = $2 RETURNING 1
       ) SELECT count(*)::int AS "n" FROM removed`,
      [principal.userId, endpoint],
    )) as { n: number }[];
    return { removed: row?.n ?? 0 };
  }

  /** The person's subscriptions, for the push channel. */
  async of(recipientId: string): Promise<StoredSubscription[]> {
    const rows = (await this.dataSource.query(
      `SELECT "id", "endpoint", "p256dh", "auth" FROM "push_subscriptions" WHERE "recipient_id" = $1
        ORDER BY "created_at", "id"`,
      [recipientId],
    )) as { id: string; endpoint: string; p256dh: string; auth: string }[];
    return rows.map((r) => ({ id: r.id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } }));
  }

  /** The push service said this subscription is gone (404/410): forget it. */
  async forget(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "push_subscriptions" WHERE "id" = $1`, [id]);
  }

  private checkEndpoint(endpoint: string): void {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {
      url = null;
    }
    const host = url?.hostname.toLowerCase() ?? '';
    const local = this.options.allowLoopbackEndpoints && isLoopbackHost(host);
    const ok =
      url !== null &&
      !url.username &&
      !url.password &&
      (local ||
        (url.protocol === 'https:' &&
          host.includes('.') &&
          !isIP(host.replace(/^\[|\]$/g, '')) &&
          !isLoopbackHost(host)));
    if (!ok)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        'Invalid push subscription',
        undefined,
        [
          {
            field: 'endpoint',
            message: "endpoint must be the push service's https URL",
            code: 'invalid-url',
          },
        ],
      );
  }
}
