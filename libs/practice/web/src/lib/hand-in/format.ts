import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/** A moment as the page's language writes it, date and time (a hand-in, a review). */
export function formatWhen(iso: string, lang: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** `m:ss` (a recording's length). */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A size in kB or MB, in the page's language's digits. */
export function formatBytes(bytes: number, locale: string): { value: string; unit: 'kB' | 'MB' } {
  const mb = bytes >= 1024 * 1024;
  const n = mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return {
    value: new Intl.NumberFormat(locale, { maximumFractionDigits: mb ? 1 : 0 }).format(n),
    unit: mb ? 'MB' : 'kB',
  };
}
