import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordConsent } from '@tc/audit/api';
import {
  DEFAULT_DIGEST_HOUR,
  DEFAULT_NOTIFICATION_TIME_ZONE,
  DEFAULT_QUIET_HOURS,
  NOTIFICATION_KINDS,
  type EmailMode,
  type NotificationDeliveryChannel,
  type NotificationKind,
  type NotificationSettings,
  type NotificationSettingsUpdate,
} from '@tc/shared/contracts';
import { formatClock, nextLocalHour, parseClock, quietHoursEnd } from './zoned-time';

/** A person's choices as the channels use them (times in minutes after local midnight). */
export interface Preferences {
  emailMode: EmailMode;
  digestHour: number;
  quiet: { start: number; end: number } | null;
  timeZone: string;
  /** Per channel, the kinds switched off. */
  muted: Record<NotificationDeliveryChannel, string[]>;
}

interface SettingsRow {
  email_mode: EmailMode;
  digest_hour: number;
  quiet_start: number | null;
  quiet_end: number | null;
  time_zone: string;
  muted: Partial<Record<NotificationDeliveryChannel, string[]>>;
}

export const DEFAULT_PREFERENCES: Preferences = {
  emailMode: 'immediate',
  digestHour: DEFAULT_DIGEST_HOUR,
  quiet: { start: parseClock(DEFAULT_QUIET_HOURS.start), end: parseClock(DEFAULT_QUIET_HOURS.end) },
  timeZone: DEFAULT_NOTIFICATION_TIME_ZONE,
  muted: { email: [], push: [] },
};

/**
 * Each person's notification settings: which kinds on which channel (e-mail, push; in-app is always
 * on), the e-mail mode (immediate, daily digest, off), quiet hours and time zone. A person who never
 * saved any has the defaults (every kind on, e-mail immediate, quiet 22:00–07:00,
 * Africa/Casablanca).
 *
 * The channels ask {@link allows} whether to tell this person this kind, and {@link nextAllowedAt} when:
 * a delivery that falls in quiet hours waits until they end (the channel re-queues itself with
 * `startAfter`).
 */
@Injectable()
export class NotificationPreferences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's preferences (the defaults if they never saved any). */
  async of(recipientId: string): Promise<Preferences> {
    const [row] = (await this.dataSource.query(
      `SELECT "email_mode", "digest_hour", "quiet_start", "quiet_end", "time_zone", "muted"
         FROM "notification_settings" WHERE "user_id" = $1`,
      [recipientId],
    )) as SettingsRow[];
    if (!row) return DEFAULT_PREFERENCES;
    return {
      emailMode: row.email_mode,
      digestHour: row.digest_hour,
      quiet:
        row.quiet_start === null || row.quiet_end === null
          ? null
          : { start: row.quiet_start, end: row.quiet_end },
      timeZone: row.time_zone,
      muted: { email: row.muted.email ?? [], push: row.muted.push ?? [] },
    };
  }

  /**
   * Whether `recipientId` wants `kind` on `channel` at all (e-mail: also not when their e-mail mode is
   * off). Says nothing about when: see {@link nextAllowedAt}.
   */
  async allows(
    recipientId: string,
    kind: NotificationKind | string,
    channel: NotificationDeliveryChannel,
  ): Promise<boolean> {
    return allowsKind(await this.of(recipientId), kind, channel);
  }

  /** `now` outside the person's quiet hours; during them, the instant they end. */
  async nextAllowedAt(recipientId: string, now: Date = new Date()): Promise<Date> {
    const p = await this.of(recipientId);
    return quietHoursEnd(now, p.quiet, p.timeZone);
  }

  /** `GET /me/notification-settings`. */
  async settings(userId: string): Promise<NotificationSettings> {
    return toSettings(await this.of(userId));
  }

  /** `PUT /me/notification-settings` (validated by its DTO); a kind not listed keeps its choice. */
  async update(userId: string, update: NotificationSettingsUpdate): Promise<NotificationSettings> {
    const current = await this.of(userId);
    const muted: Record<NotificationDeliveryChannel, Set<string>> = {
      email: new Set(current.muted.email),
      push: new Set(current.muted.push),
    };
    for (const k of update.kinds) {
      for (const channel of ['email', 'push'] as const) {
        if (k[channel]) muted[channel].delete(k.kind);
        else muted[channel].add(k.kind);
      }
    }
    const quiet =
      update.quietHoursStart && update.quietHoursEnd
        ? [parseClock(update.quietHoursStart), parseClock(update.quietHoursEnd)]
        : [null, null];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "notification_settings"
         ("user_id", "email_mode", "digest_hour", "quiet_start", "quiet_end", "time_zone", "muted", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())
       ON CONFLICT ("user_id") DO UPDATE SET
         "email_mode" = EXCLUDED."email_mode", "digest_hour" = EXCLUDED."digest_hour",
         "quiet_start" = EXCLUDED."quiet_start", "quiet_end" = EXCLUDED."quiet_end",
         "time_zone" = EXCLUDED."time_zone", "muted" = EXCLUDED."muted", "updated_at" = now()`,
        [
          userId,
          update.emailMode,
          update.digestHour,
          quiet[0],
          quiet[1],
          update.timeZone,
          JSON.stringify({ email: [...muted.email].sort(), push: [...muted.push].sort() }),
        ],
      );
      // Turning digests on is consenting to them; turning them off, withdrawing it.
      const digest = update.emailMode === 'digest';
      if (digest !== (current.emailMode === 'digest'))
        await recordConsent(manager, {
          subject: { userId },
          purpose: 'digest',
          given: digest,
          recordedBy: userId,
        });
    });
    return this.settings(userId);
  }

  /** The next digest of this person: its local day and when it is due. */
  nextDigest(p: Preferences, now: Date): { day: string; at: Date } {
    return nextLocalHour(now, p.digestHour, p.timeZone);
  }
}

export function allowsKind(
  p: Preferences,
  kind: NotificationKind | string,
  channel: NotificationDeliveryChannel,
): boolean {
  if (channel === 'email' && p.emailMode === 'off') return false;
  return !p.muted[channel].includes(kind);
}

export function toSettings(p: Preferences): NotificationSettings {
  return {
    kinds: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      email: !p.muted.email.includes(kind),
      push: !p.muted.push.includes(kind),
    })),
    emailMode: p.emailMode,
    digestHour: p.digestHour,
    quietHoursStart: p.quiet ? formatClock(p.quiet.start) : null,
    quietHoursEnd: p.quiet ? formatClock(p.quiet.end) : null,
    timeZone: p.timeZone,
  };
}
