import { LOCALES } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';
import { formatTime } from './dates';

describe('formatTime', () => {
  const now = new Date(2026, 11, 6, 12, 0);

  it.each([...LOCALES])(
    'writes every minute of today as Intl does in %s (the short way skips Intl)',
    (lang) => {
      const intl = new Intl.DateTimeFormat(intlLocale(lang), { hour: '2-digit', minute: '2-digit' });
      for (let minute = 0; minute < 24 * 60; minute++) {
        const at = new Date(2026, 11, 6, Math.floor(minute / 60), minute % 60, 30);
        expect(formatTime(at.toISOString(), lang, now)).toBe(intl.format(at));
      }
    },
  );

  it.each([...LOCALES])('adds the date, through Intl, for another day in %s', (lang) => {
    const at = new Date(2026, 11, 5, 13, 42);
    const intl = new Intl.DateTimeFormat(intlLocale(lang), {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(formatTime(at.toISOString(), lang, now)).toBe(intl.format(at));
  });
});
