import { fromLocalInput, shownLocale, toLocalInput } from './shown-text';

describe('the language an announcement is shown in', () => {
  it("is the reader's when written in it", () => {
    expect(shownLocale({ title: { fr: 'Bonjour', ar: 'مرحبا' } }, 'ar')).toBe('ar');
  });

  it('falls back to French, then to the first written', () => {
    expect(shownLocale({ title: { fr: 'Bonjour', en: 'Hello' } }, 'ar')).toBe('fr');
    expect(shownLocale({ title: { en: 'Hello' } }, 'ar')).toBe('en');
  });

  it('skips a language whose title is blank', () => {
    expect(shownLocale({ title: { ar: '  ', en: 'Hello' } }, 'ar')).toBe('en');
  });
});

describe('a scheduled time in a datetime-local field', () => {
  it('round-trips through the browser time zone to the minute', () => {
    const iso = new Date(2026, 11, 24, 9, 5).toISOString();
    expect(toLocalInput(iso)).toBe('2026-12-24T09:05');
    expect(fromLocalInput('2026-12-24T09:05')).toBe(iso);
  });

  it('reads an empty field as "now" (null)', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
