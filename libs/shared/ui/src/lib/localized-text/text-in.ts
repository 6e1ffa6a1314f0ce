import type { Locale, LocalizedText } from '@tc/shared/contracts';

/**
 * Course content (or a territory name) in `lang`, else in `fallback` (a course's default locale;
 * French when not given), else in any language that has it; trimmed, empty when none has it.
 */
export function textIn(
  text: LocalizedText | null | undefined,
  lang: Locale,
  fallback: Locale = 'fr',
): string {
  if (!text) return '';
  return (
    text[lang]?.trim() ||
    text[fallback]?.trim() ||
    Object.values(text)
      .find((t) => t?.trim())
      ?.trim() ||
    ''
  );
}
