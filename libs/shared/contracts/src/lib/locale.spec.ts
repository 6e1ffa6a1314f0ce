import { DEFAULT_LOCALE, isLocale, LOCALES } from './locale';

describe('interface languages', () => {
  it('are French (default), Arabic and English', () => {
    expect(LOCALES).toEqual(['fr', 'ar', 'en']);
    expect(DEFAULT_LOCALE).toBe('fr');
  });

  it('recognises only those', () => {
    expect(isLocale('ar')).toBe(true);
    expect(isLocale('AR')).toBe(false);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
