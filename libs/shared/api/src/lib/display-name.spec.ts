import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsDisplayName, isPlainEmail, isVisibleDisplayName, normalizeDisplayName } from './display-name';

class Named {
  @IsDisplayName() displayName!: string;
}

async function check(displayName: unknown): Promise<{ value: unknown; errors: string[] }> {
  const dto = plainToInstance(Named, { displayName });
  const errors = await validate(dto);
  return { value: dto.displayName, errors: errors.map((e) => e.property) };
}

describe('display names: what is kept of a person’s name', () => {
  it('keeps an ordinary name as it is, in any script', () => {
    for (const name of ['Fatima Zahra', 'فاطمة الزهراء', 'ⵜⴰⵎⴰⵣⵉⵖⵜ', 'Jean-Luc O’Neil', 'Agent 47'])
      expect(normalizeDisplayName(name)).toBe(name);
  });

  it('trims and collapses every kind of white space to one space', () => {
    expect(normalizeDisplayName('  Fatima \t\n Zahra  ')).toBe('Fatima Zahra');
    expect(normalizeDisplayName('Fatima\u00A0\u3000\u2003Zahra')).toBe('Fatima Zahra');
    expect(normalizeDisplayName('Fatima\u2028Zahra')).toBe('Fatima Zahra');
  });

  it('drops bidi controls, zero-width and other format or control characters', () => {
    // Overrides and embeddings (U+202A–202E), isolates (U+2066–2069), marks (U+200E/F, U+061C).
    expect(normalizeDisplayName('\u202EnimdA\u202C')).toBe('nimdA');
    expect(normalizeDisplayName('\u2066Salma\u2069 \u2067O.\u2069')).toBe('Salma O.');
    expect(normalizeDisplayName('\u200ESalma\u200F\u061C')).toBe('Salma');
    // Zero-width space, joiners, word joiner, BOM, soft hyphen, controls.
    expect(normalizeDisplayName('Sal\u200Bma\u200C\u200D\u2060\uFEFF\u00AD\u0007\u007F')).toBe('Salma');
    // What is left around a dropped character is collapsed too.
    expect(normalizeDisplayName('Salma \u200B O.')).toBe('Salma O.');
  });

  it('drops fillers that are letters but show nothing', () => {
    expect(normalizeDisplayName('\u3164\u115F\u1160\uFFA0')).toBe('');
  });

  it('composes to NFC', () => {
    const decomposed = 'Aiche\u0301';
    expect(normalizeDisplayName(decomposed)).toBe('Aich\u00E9');
    expect(normalizeDisplayName(decomposed)).toHaveLength(5);
  });

  it('is visible only with a letter or a digit left', () => {
    expect(isVisibleDisplayName('Salma')).toBe(true);
    expect(isVisibleDisplayName('47')).toBe(true);
    for (const blank of ['', ' ', '.', '\u0301\u0301', '\u2800'])
      expect({ blank, visible: isVisibleDisplayName(blank) }).toEqual({ blank, visible: false });
  });

  it('as a DTO rule: cleans the value, and refuses (naming the field) what shows nothing', async () => {
    await expect(check('  \u202ESalma\u202C   O. ')).resolves.toEqual({ value: 'Salma O.', errors: [] });
    for (const invisible of [
      '',
      '   ',
      '\u200B',
      '\u200E\u200F',
      '\uFEFF',
      '\u202A\u202E\u2066\u2069',
      '\t\n',
    ])
      await expect(check(invisible)).resolves.toMatchObject({ errors: ['displayName'] });
    await expect(check(42)).resolves.toMatchObject({ errors: ['displayName'] });
    await expect(check('x'.repeat(121))).resolves.toMatchObject({ errors: ['displayName'] });
    // Measured after cleaning: invisible padding does not count against the length.
    await expect(check(`${'x'.repeat(120)}\u200B\u200B`)).resolves.toEqual({
      value: 'x'.repeat(120),
      errors: [],
    });
  });
});

describe('isPlainEmail', () => {
  it('takes an ordinary address, and no address with invisible or direction-changing characters', () => {
    expect(isPlainEmail('fatima.zahra@coop.ma')).toBe(true);
    for (const hidden of [
      'a\u202Eexe.pdf@x.org',
      'a\u200Bb@x.org',
      'a\u2066b@x.org',
      '\uFEFFa@x.org',
      'a b@x.org',
    ])
      expect(isPlainEmail(hidden)).toBe(false);
    expect(isPlainEmail('not an email')).toBe(false);
    expect(isPlainEmail(42)).toBe(false);
  });
});
