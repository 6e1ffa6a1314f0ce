import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { DEFAULT_LOCALE, type Locale, isLocale } from '@tc/shared/contracts';

export const LANGUAGE_STORAGE_KEY = 'tc.language';

export type TextDirection = 'ltr' | 'rtl';

/**
 * The interface language: switches Transloco, sets `<html lang dir>` and remembers the choice in
 * localStorage (the signed-in user's choice is also saved on their profile by identity).
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Locale>(DEFAULT_LOCALE);

  readonly lang = this.current.asReadonly();
  readonly dir = computed<TextDirection>(() => (this.current() === 'ar' ? 'rtl' : 'ltr'));

  /** The language remembered on this device, else French. */
  stored(): Locale {
    try {
      const value = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLocale(value) ? value : DEFAULT_LOCALE;
    } catch {
      return DEFAULT_LOCALE;
    }
  }

  use(lang: Locale): void {
    this.current.set(lang);
    this.transloco.setActiveLang(lang);
    const html = this.document.documentElement;
    html.lang = lang;
    html.dir = this.dir();
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
}
