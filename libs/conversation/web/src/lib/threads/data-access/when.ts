import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/** A moment as the reader's language writes it: a date and a time. */
export function formatWhen(iso: string, lang: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
