import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/** A calendar date `YYYY-MM-DD` in the interface language (medium style, without Intl's start-up cost). */
export { formatCalendarDay as formatDay } from '@tc/shared/ui';

/** A moment (ISO timestamp) as a date in the interface language. */
export function formatDate(iso: string | null | undefined, lang: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(iso));
}

/** A number in the interface language, without Intl's start-up cost for 0–999. */
export { formatNumber } from '@tc/shared/ui';

/**
 * A moment as a time of day (HH:MM) in the interface language; with the date when not today.
 * Today's time is written as Intl writes it (24-hour "13:42" in fr and ar-MA, whose digits are
 * Latin; "01:42 PM" in en) without Intl, whose first date formatter costs a phone tens of
 * milliseconds on the learning pages' first render, where the sync status says when it last
 * synced. A spec checks both ways agree for every minute of a day.
 */
export function formatTime(iso: string, lang: Locale, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  if (sameDay && !Number.isNaN(at.getTime())) {
    const h = at.getHours();
    const mm = String(at.getMinutes()).padStart(2, '0');
    if (lang !== 'en') return `${String(h).padStart(2, '0')}:${mm}`;
    return `${String(h % 12 || 12).padStart(2, '0')}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
  }
  return new Intl.DateTimeFormat(intlLocale(lang), {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** A size in bytes: kilobytes (whole) under 0.1 MB, else megabytes with one decimal. */
export function formatSize(bytes: number, lang: Locale): { value: string; unit: 'kB' | 'MB' } {
  if (bytes < 100_000) {
    return {
      value: new Intl.NumberFormat(intlLocale(lang)).format(Math.max(1, Math.round(bytes / 1_000))),
      unit: 'kB',
    };
  }
  return {
    value: new Intl.NumberFormat(intlLocale(lang), {
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
    }).format(bytes / 1_000_000),
    unit: 'MB',
  };
}
