import { Directive, Pipe, type PipeTransform, input } from '@angular/core';
import type { Locale } from '@tc/shared/contracts';

/** Writing direction of a locale. */
export function dirOf(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * Isolates a user-authored text (a course or cohort name, a module title) from the page around it,
 * so a French title in an Arabic page keeps its full stop at its end and a label such as
 * "Module 1 · title" does not reorder. With the text's locale, sets `lang` and `dir` exactly;
 * without it (`tcText` or `tcText=""`), lets the browser pick the direction from the text itself.
 */
@Directive({
  selector: '[tcText]',
  host: {
    '[attr.dir]': 'locale() ? dir(locale()) : "auto"',
    '[attr.lang]': 'locale() || null',
    '[style.unicode-bidi]': '"isolate"',
  },
})
export class TextDirDirective {
  /** The text's locale when known; empty when the browser should guess. */
  readonly locale = input<Locale | '' | null | undefined>('', { alias: 'tcText' });
  protected readonly dir = (l: Locale | '' | null | undefined): 'rtl' | 'ltr' => dirOf(l as Locale);
}

/**
 * The same isolation for a text placed inside a translated sentence ("Retour à {{ title }}"), where
 * no element can hold it: wraps it in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE.
 */
@Pipe({ name: 'isolated' })
export class IsolatedPipe implements PipeTransform {
  transform(text: string | null | undefined): string {
    return text ? `\u2068${text}\u2069` : '';
  }
}
