import type { Locale } from '@tc/shared/contracts';

/** The Intl locale of an interface language (Moroccan Arabic conventions for Arabic). */
export function intlLocale(lang: Locale): string {
  return lang === 'ar' ? 'ar-MA' : lang;
}

/** A calendar date `YYYY-MM-DD` in the interface language (Intl: no Angular locale data). */
export function formatDay(day: string | null | undefined, lang: Locale): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A moment (ISO timestamp) as a date in the interface language. */
export function formatDate(iso: string | null | undefined, lang: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(iso));
}

/** A number in the interface language. */
export function formatNumber(n: number, lang: Locale): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(n);
}

/** Today as `YYYY-MM-DD` on the device's calendar. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
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
