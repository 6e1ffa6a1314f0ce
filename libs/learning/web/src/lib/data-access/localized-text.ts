import type { Locale, LocalizedText } from '@tc/shared/contracts';

/** Course content in `lang`, else in `fallback` (the course default), else any language that has it. */
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
