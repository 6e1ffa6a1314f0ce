import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, PROBLEM_CODES, type Locale } from '@tc/shared/contracts';

type Tree = { [key: string]: string | Tree };

const i18nDir = join(__dirname, '..', '..', '..', 'public', 'i18n');
const files = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(join(i18nDir, `${l}.json`), 'utf8')) as Tree]),
) as Record<Locale, Tree>;

function text(locale: Locale, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined),
      files[locale],
    );
}

/**
 * Every code the API can answer with (PROBLEM_CODES, the list the server's problems are typed by) has
 * a text in every language of the interface, so no screen falls back to the server's English.
 */
describe('texts of the API problem codes', () => {
  it.each(LOCALES)('has a text in %s for every code', (locale) => {
    const missing = PROBLEM_CODES.filter((code) => {
      const value = text(locale, `problems.codes.${code}`);
      return typeof value !== 'string' || !value.trim();
    });
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('has no text in %s for a code the API no longer emits', (locale) => {
    const codes = new Set<string>(PROBLEM_CODES);
    const stale = Object.keys((text(locale, 'problems.codes') as Tree | undefined) ?? {}).filter(
      (code) => !codes.has(code),
    );
    expect(stale).toEqual([]);
  });

  it('words a list item and a field in a language the same way in every language', () => {
    for (const locale of LOCALES) {
      expect([
        text(locale, 'problems.located'),
        text(locale, 'problems.fields.inLanguage'),
        text(locale, 'problems.fields.line'),
      ]).toEqual([
        expect.stringMatching(/\{\{ field \}\}.*\{\{ message \}\}/),
        expect.stringMatching(/\{\{ field \}\}.*\{\{ language \}\}/),
        expect.stringContaining('{{ n }}'),
      ]);
    }
  });
});
