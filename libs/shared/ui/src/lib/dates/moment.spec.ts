import { formatMoment } from './moment';

// A timestamp without offset is read on the local clock, so the examples hold in any time zone.
const at = '2026-11-29T14:05:00';

describe('formatMoment', () => {
  it('writes date and time in the interface language, the date medium by default', () => {
    expect(formatMoment(at, 'fr')).toBe('29 nov. 2026, 14:05');
    expect(formatMoment(at, 'en').replace(/\u202f/g, ' ')).toBe('Nov 29, 2026, 2:05 PM');
    expect(formatMoment(at, 'ar')).toBe('29\u200f/11\u200f/2026، 14:05');
  });

  it('writes the date long when asked', () => {
    expect(formatMoment(at, 'fr', 'long')).toBe('29 novembre 2026 à 14:05');
    expect(formatMoment(at, 'en', 'long').replace(/\u202f/g, ' ')).toBe('November 29, 2026 at 2:05 PM');
    expect(formatMoment(at, 'ar', 'long')).toBe('29 نونبر 2026 في 14:05');
  });

  it('no moment, nothing; not a moment, as it is', () => {
    expect(formatMoment(null, 'fr')).toBe('');
    expect(formatMoment(undefined, 'en')).toBe('');
    expect(formatMoment('', 'ar', 'long')).toBe('');
    expect(formatMoment('soon', 'fr')).toBe('soon');
  });
});
