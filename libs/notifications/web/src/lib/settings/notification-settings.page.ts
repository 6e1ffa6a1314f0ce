import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  DEFAULT_NOTIFICATION_TIME_ZONE,
  DEFAULT_QUIET_HOURS,
  EMAIL_MODES,
  type EmailMode,
  type NotificationDeliveryChannel,
  type NotificationSettings,
  type ProblemDetails,
} from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { NotificationSettingsService } from '../data-access/notification-settings.service';

/**
 * The time zones offered: the platform's (Morocco's) first, its neighbours and where its people often
 * are, and the browser's own; a zone saved from elsewhere is added when the settings load. A short list
 * reads better on a phone than the ~400 IANA names.
 */
const ZONES = [
  DEFAULT_NOTIFICATION_TIME_ZONE,
  'Africa/Algiers',
  'Africa/Tunis',
  'Africa/Cairo',
  'Africa/Dakar',
  'Africa/Abidjan',
  'Europe/Lisbon',
  'Europe/London',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Berlin',
  'Europe/Rome',
  'Asia/Riyadh',
  'Asia/Dubai',
  'America/Montreal',
  'America/New_York',
  'UTC',
];

function timeZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([...ZONES, own].filter(Boolean))];
}

/**
 * `/notifications/settings`: which kinds the person is told by e-mail and by push (a table, kinds ×
 * channels; in the app they always are), e-mail at once or as a daily digest or not at all, quiet
 * hours and time zone. Saved all at once.
 */
@Component({
  selector: 'tc-notification-settings-page',
  imports: [RouterLink, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notification-settings.page.html',
  styleUrl: './notification-settings.page.scss',
})
export class NotificationSettingsPage implements OnInit {
  private readonly api = inject(NotificationSettingsService);

  protected readonly settings = signal<NotificationSettings | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly modes = EMAIL_MODES;
  protected readonly hours = Array.from({ length: 24 }, (_, h) => h);
  protected readonly zones = signal<string[]>(timeZones());
  protected readonly quiet = computed(() => this.settings()?.quietHoursStart != null);
  protected readonly channels: NotificationDeliveryChannel[] = ['email', 'push'];

  ngOnInit(): void {
    this.api.get().subscribe({
      next: (s) => this.load(s),
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  /** The i18n key of a kind's label (`certificate.issued` → `notifications.settings.kinds.certificate.issued`). */
  protected kindKey(kind: string): string {
    return `notifications.settings.kinds.${kind}`;
  }

  protected hourLabel(h: number): string {
    return `${String(h).padStart(2, '0')}:00`;
  }

  protected toggle(kind: string, channel: NotificationDeliveryChannel, on: boolean): void {
    this.change((s) => ({
      ...s,
      kinds: s.kinds.map((k) => (k.kind === kind ? { ...k, [channel]: on } : k)),
    }));
  }

  protected setMode(mode: string): void {
    this.change((s) => ({ ...s, emailMode: mode as EmailMode }));
  }

  protected setDigestHour(hour: string): void {
    this.change((s) => ({ ...s, digestHour: Number(hour) }));
  }

  protected setQuiet(on: boolean): void {
    this.change((s) =>
      on
        ? { ...s, quietHoursStart: DEFAULT_QUIET_HOURS.start, quietHoursEnd: DEFAULT_QUIET_HOURS.end }
        : { ...s, quietHoursStart: null, quietHoursEnd: null },
    );
  }

  protected setQuietStart(value: string): void {
    if (value) this.change((s) => ({ ...s, quietHoursStart: value }));
  }

  protected setQuietEnd(value: string): void {
    if (value) this.change((s) => ({ ...s, quietHoursEnd: value }));
  }

  protected setTimeZone(zone: string): void {
    this.change((s) => ({ ...s, timeZone: zone }));
  }

  protected save(event: Event): void {
    event.preventDefault();
    const s = this.settings();
    if (!s || this.saving()) return;
    this.saving.set(true);
    this.problem.set(null);
    this.api.save(s).subscribe({
      next: (saved) => {
        this.load(saved);
        this.saving.set(false);
        this.saved.set(true);
      },
      error: (e: unknown) => {
        this.problem.set(problemOf(e));
        this.saving.set(false);
      },
    });
  }

  private load(s: NotificationSettings): void {
    this.settings.set(s);
    if (!this.zones().includes(s.timeZone)) this.zones.update((z) => [s.timeZone, ...z]);
  }

  private change(fn: (s: NotificationSettings) => NotificationSettings): void {
    const s = this.settings();
    if (!s) return;
    this.settings.set(fn(s));
    this.saved.set(false);
  }
}
