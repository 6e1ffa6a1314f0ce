import { LOCALES, type Locale } from '@tc/shared/contracts';
import { formatCalendarDay } from './calendar-day';

const intl = (day: string, lang: Locale) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
};

describe('formatCalendarDay', () => {
  const days = Array.from(
    { length: 12 },
    (_, i) => `2026-${String(i + 1).padStart(2, '0')}-${i % 2 ? 28 : '05'}`,
  );

  it.each([...LOCALES])('writes every month as Intl does (%s)', (lang) => {
    for (const day of [...days, '1999-12-31', '2031-02-03', '2026-11-01', '2026-08-09'])
      expect(formatCalendarDay(day, lang)).toBe(intl(day, lang));
  });

  it('examples, for the reader', () => {
    expect(formatCalendarDay('2026-11-29', 'fr')).toBe('29 nov. 2026');
    expect(formatCalendarDay('2026-11-29', 'en')).toBe('Nov 29, 2026');
    expect(formatCalendarDay('2026-11-29', 'ar')).toBe('29\u200f/11\u200f/2026');
  });

  it('no date, nothing; not a date, as it is', () => {
    expect(formatCalendarDay(null, 'fr')).toBe('');
    expect(formatCalendarDay('', 'en')).toBe('');
    for (const text of ['soon', '2026-13-01', '2026-00-10', '2026-11-32', '2026-11-29T10:00:00Z']) {
      expect(formatCalendarDay(text, 'ar')).toBe(text);
    }
  });
});
