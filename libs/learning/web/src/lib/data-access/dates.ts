import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/** A calendar date `YYYY-MM-DD` in the interface language (medium style, without Intl's start-up cost). */
export { formatCalendarDay as formatDay } from '@tc/shared/ui';

/** A moment (ISO timestamp) as a date in the interface language. */
export function formatDate(iso: string | null | undefined, lang: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(iso));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number in the interface language. Whole numbers from 0 to 999 are written with the digits 0–9
 * and no separator in all three (fr, en and ar-MA, whose numbering system is Latin): they skip
 * Intl, whose first formatter costs a phone tens of milliseconds (ICU's locale data) on the lesson
 * page's first render, for "2 / 9". A spec checks that both ways agree. Formatters are kept.
 */
export function formatNumber(n: number, lang: Locale): string {
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  const locale = intlLocale(lang);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/** A moment as a time of day (HH:MM) in the interface language; with the date when not today. */
export function formatTime(iso: string, lang: Locale, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
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
