import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { Locale, LocalizedText } from '@tc/shared/contracts';
import { LanguageService, textIn } from '@tc/shared/ui';

/** Course content in the interface language, else in the course's default locale. */
@Pipe({ name: 'localizedText', pure: false })
export class LocalizedTextPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(text: LocalizedText | null | undefined, fallback: Locale = 'fr'): string {
    return textIn(text, this.language.lang(), fallback);
  }
}
