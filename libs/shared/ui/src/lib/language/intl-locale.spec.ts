import { LOCALES } from '@tc/shared/contracts';
import { intlLocale } from './intl-locale';

describe('intlLocale', () => {
  it('writes Arabic with Moroccan conventions (Latin digits), the others as they are', () => {
    expect(LOCALES.map(intlLocale)).toEqual(LOCALES.map((l) => (l === 'ar' ? 'ar-MA' : l)));
    expect(intlLocale('ar')).toBe('ar-MA');
    expect(new Intl.NumberFormat(intlLocale('ar')).format(1234)).toMatch(/^1.?234$/);
  });
});
