import type { Locale, LocalizedText } from '@tc/shared/contracts';

/** Whether a localized text has something in `locale`. */
export function hasText(text: LocalizedText | null | undefined, locale: Locale): boolean {
  return !!text?.[locale]?.trim();
}

/** A copy with `locale` set (an empty value removes the locale). */
export function withText(
  text: LocalizedText | null | undefined,
  locale: Locale,
  value: string,
): LocalizedText {
  const next: LocalizedText = { ...(text ?? {}) };
  if (value === '') delete next[locale];
  else next[locale] = value;
  return next;
}

/** Keeps only the offered locales and drops blank values (what is sent to the server). */
export function cleanText(text: LocalizedText | null | undefined, locales: readonly Locale[]): LocalizedText {
  const out: LocalizedText = {};
  for (const l of locales) {
    const v = text?.[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

/**
 * The locales whose tab needs attention: the default locale when a text lacks it, another locale
 * when a text has the default but not that one (the coach would see the default instead).
 */
export function missingLocales(
  texts: readonly (LocalizedText | null | undefined)[],
  locales: readonly Locale[],
  defaultLocale: Locale,
): Locale[] {
  return locales.filter((l) =>
    texts.some((t) => (l === defaultLocale ? !hasText(t, l) : hasText(t, defaultLocale) && !hasText(t, l))),
  );
}
