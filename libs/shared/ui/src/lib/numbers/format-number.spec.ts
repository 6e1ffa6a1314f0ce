import { LOCALES } from '@tc/shared/contracts';
import { intlLocale } from '../language/intl-locale';
import { formatNumber } from './format-number';

describe('formatNumber', () => {
  it.each([...LOCALES])('writes 0–999 as Intl does in %s (the short way skips Intl)', (lang) => {
    const intl = new Intl.NumberFormat(intlLocale(lang));
    for (let n = 0; n < 1000; n++) expect(formatNumber(n, lang)).toBe(intl.format(n));
  });

  it.each([...LOCALES])('goes through Intl for other numbers in %s', (lang) => {
    const intl = new Intl.NumberFormat(intlLocale(lang));
    for (const n of [1000, 12_345, 1_234_567, -3, 2.5]) expect(formatNumber(n, lang)).toBe(intl.format(n));
  });
});
