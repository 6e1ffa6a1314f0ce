import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { Locale, LocalizedText } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';

/** Course content in `lang`, else French, else any language that has it. */
export function textIn(text: LocalizedText | null | undefined, lang: Locale): string {
  if (!text) return '';
  return (
    text[lang]?.trim() ||
    text.fr?.trim() ||
    Object.values(text)
      .find((t) => t?.trim())
      ?.trim() ||
    ''
  );
}

/** Course content (course or module title) in the interface language, else French, else any. */
@Pipe({ name: 'courseTitle', pure: false })
export class CourseTitlePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(text: LocalizedText | null | undefined): string {
    return textIn(text, this.language.lang());
  }
}
