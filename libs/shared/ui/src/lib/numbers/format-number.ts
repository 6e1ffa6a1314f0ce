import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '../language/intl-locale';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number in the interface language. Whole numbers from 0 to 999 are written with the digits 0–9
 * and no separator in all three (fr, en and ar-MA, whose numbering system is Latin): they skip
 * Intl, whose first number formatter costs a phone tens of milliseconds (ICU's locale data) in the
 * first render of a page, for "2 / 9" or a bell's "3". A spec checks that both ways agree.
 * Formatters are kept.
 */
export function formatNumber(n: number, lang: Locale): string {
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  const locale = intlLocale(lang);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}
