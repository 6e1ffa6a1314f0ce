import type { Locale } from '@tc/shared/contracts';

function intlLocale(lang: Locale): string {
  return lang === 'ar' ? 'ar-MA' : lang;
}

/** A calendar date `YYYY-MM-DD` in the interface language (medium style, without Intl's start-up cost). */
export { formatCalendarDay as formatDay } from '@tc/shared/ui';

/** A moment (ISO timestamp) in the interface language. */
export function formatMoment(iso: string | null | undefined, lang: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** Today as `YYYY-MM-DD` (local calendar). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
