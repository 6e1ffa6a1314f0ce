/** The interface languages of the platform. French is the default. */
export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A text given in each interface language (reference data such as territory names). */
export interface LocalizedName {
  fr: string;
  ar: string;
  en: string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
