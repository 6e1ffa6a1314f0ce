import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '../language/intl-locale';

/**
 * A moment (ISO timestamp) as date and time in the interface language, the date in `dateStyle`
 * ("29 nov. 2026, 14:05" medium, "29 novembre 2026 à 14:05" long). Empty for no moment; anything
 * that is not a moment is returned as it is.
 */
export function formatMoment(
  iso: string | null | undefined,
  lang: Locale,
  dateStyle: 'medium' | 'long' = 'medium',
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle, timeStyle: 'short' }).format(date);
}
