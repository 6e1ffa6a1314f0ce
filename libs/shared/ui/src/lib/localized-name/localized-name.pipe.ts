import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { LocalizedName } from '@tc/shared/contracts';
import { LanguageService } from '../language/language.service';

/** A reference-data name (territory…) in the current interface language, French as fallback. */
@Pipe({ name: 'localizedName', pure: false })
export class LocalizedNamePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(name: Partial<LocalizedName> | null | undefined): string {
    if (!name) return '';
    return name[this.language.lang()] || name.fr || name.en || name.ar || '';
  }
}
