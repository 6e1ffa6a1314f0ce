import type { Locale } from '@tc/shared/contracts';

/** The Intl locale of an interface language (Moroccan Arabic conventions for Arabic). */
export function intlLocale(lang: Locale): string {
  return lang === 'ar' ? 'ar-MA' : lang;
}
