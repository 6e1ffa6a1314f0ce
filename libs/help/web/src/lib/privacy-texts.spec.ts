import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from '@tc/shared/contracts';
import { placeholdersOf } from './help-markdown';

/**
 * The privacy notice's default texts against the app: one per language and nothing else, the same
 * parts in each, and every word they quote a real key of that language's translations.
 */
const root = join(__dirname, '..', '..', '..', '..', '..');
const dir = join(root, 'apps', 'web', 'public', 'privacy');
type Tree = { [key: string]: string | Tree };
const read = (lang: Locale) => readFileSync(join(dir, `${lang}.md`), 'utf8');
const translations = (lang: Locale) =>
  JSON.parse(readFileSync(join(root, 'apps', 'web', 'public', 'i18n', `${lang}.json`), 'utf8')) as Tree;
const lookup = (tree: Tree, key: string) =>
  key
    .split('.')
    .reduce<string | Tree | undefined>((n, p) => (n && typeof n === 'object' ? n[p] : undefined), tree);

describe('the privacy notice texts', () => {
  it('has one text per language, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(LOCALES.map((l) => `${l}.md`).sort());
  });

  it.each(LOCALES)('%s: the same parts as the others, and the same figures and words quoted', (lang) => {
    const headings = (l: Locale) => read(l).match(/^## /gm)?.length;
    expect(headings(lang)).toBe(headings('fr'));
    expect(headings(lang)).toBeGreaterThanOrEqual(5);
    expect([...placeholdersOf(read(lang))].sort()).toEqual([...placeholdersOf(read('fr'))].sort());
    expect(placeholdersOf(read(lang))).toEqual(expect.arrayContaining(['k', 'exportDays']));
  });

  it.each(LOCALES)('%s: quotes only words the app has in that language', (lang) => {
    const unknown = placeholdersOf(read(lang)).filter(
      (name) => name !== 'k' && name !== 'exportDays' && typeof lookup(translations(lang), name) !== 'string',
    );
    expect(unknown).toEqual([]);
  });
});
