import { formatCount, formatDays, formatGain, formatLevel, formatMonth, formatRate } from './format';

// Intl separates numbers from units with (narrow) no-break spaces in French.
const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');

describe('formatting suppressed counts and rates', () => {
  it('writes a suppressed count as "< k" with the threshold of the report', () => {
    expect(formatCount(null, 5, 'fr')).toBe('< 5');
    expect(formatCount(null, 10, 'en')).toBe('< 10');
  });

  it('writes a shown count in the interface language, zero included', () => {
    expect(plain(formatCount(12345, 5, 'fr'))).toBe('12 345');
    expect(formatCount(12345, 5, 'en')).toBe('12,345');
    expect(formatCount(0, 5, 'fr')).toBe('0');
  });

  it('leaves a count that does not apply to the caller (a dash)', () => {
    expect(formatCount(undefined, 5, 'fr')).toBeNull();
  });

  it('writes rates as whole percentages in the interface language', () => {
    expect(plain(formatRate(0.456, 'fr'))).toBe('46 %');
    expect(formatRate(0.456, 'en')).toBe('46%');
    expect(plain(formatRate(0.456, 'ar'))).toBe('46%');
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(0, 'en')).toBe('0%');
  });

  it('has no text for a suppressed or inapplicable rate', () => {
    expect(formatRate(null, 'fr')).toBeNull();
    expect(formatRate(undefined, 'fr')).toBeNull();
  });

  it('writes levels with one decimal and gains with their sign', () => {
    expect(formatLevel(3.04, 'en')).toBe('3.0');
    expect(formatLevel(3.04, 'fr')).toBe('3,0');
    expect(formatGain(1.26, 'en')).toBe('+1.3');
    expect(formatGain(-0.4, 'en')).toBe('-0.4');
    expect(formatGain(0, 'en')).toBe('0.0');
    expect(formatGain(null, 'en')).toBeNull();
  });

  it('writes days with their unit', () => {
    expect(plain(formatDays(12, 'fr'))).toBe('12 jours');
    expect(formatDays(1, 'en')).toBe('1 day');
    expect(formatDays(null, 'en')).toBeNull();
  });

  it('writes months in the interface language and keeps a malformed key as it is', () => {
    expect(formatMonth('2026-03', 'fr')).toBe('mars 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatMonth('2026-03', 'ar')).toBe('مارس 2026');
    expect(formatMonth('2026-13x', 'fr')).toBe('2026-13x');
  });
});
