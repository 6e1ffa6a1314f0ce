import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { LocalizedText } from '@tc/shared/contracts';
import { LanguageService, textIn } from '@tc/shared/ui';

/** Course content (course or module title) in the interface language, else French, else any. */
@Pipe({ name: 'courseTitle', pure: false })
export class CourseTitlePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(text: LocalizedText | null | undefined): string {
    return textIn(text, this.language.lang());
  }
}
