import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from '@tc/shared/contracts';
import { placeholdersOf } from './help-markdown';
import { HELP_SECTIONS, type HelpSection } from './help-sections';

/**
 * The help's files against the app they describe: every part in every language, every button they
 * name is a real key of that language's translations (so the words shown are the app's own), the
 * same buttons and topics in each language, and nothing the renderer would throw away.
 */
const root = join(__dirname, '..', '..', '..', '..', '..');
const helpDir = join(root, 'apps', 'web', 'public', 'help');
const i18nDir = join(root, 'apps', 'web', 'public', 'i18n');

type Tree = { [key: string]: string | Tree };
const translations = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(join(i18nDir, `${l}.json`), 'utf8')) as Tree]),
) as Record<Locale, Tree>;

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key
    .split('.')
    .reduce<string | Tree | undefined>(
      (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
      tree,
    );
}

function read(lang: Locale, section: HelpSection): string {
  return readFileSync(join(helpDir, lang, `${section}.md`), 'utf8');
}

const cases = LOCALES.flatMap((lang) => HELP_SECTIONS.map((section) => [lang, section] as const));

describe('the help texts', () => {
  it('has every part in every language, and nothing else', () => {
    for (const lang of LOCALES) {
      expect(readdirSync(join(helpDir, lang)).sort()).toEqual(HELP_SECTIONS.map((s) => `${s}.md`).sort());
      for (const section of HELP_SECTIONS) expect(read(lang, section).trim().length).toBeGreaterThan(500);
    }
    expect(readdirSync(helpDir).sort()).toEqual([...LOCALES].sort());
  });

  it.each(cases)('%s/%s names only buttons and words the app has, in that language', (lang, section) => {
    const unknown = placeholdersOf(read(lang, section)).filter((name) => {
      if (name === 'k') return false;
      const text = lookup(translations[lang], name);
      // A text with other parameters than k would show them raw ("{{ count }}").
      return typeof text !== 'string' || placeholdersOf(text).some((p) => p !== 'k');
    });
    expect(unknown).toEqual([]);
  });

  it.each(HELP_SECTIONS)('%s: every language names the same buttons and has the same topics', (section) => {
    const shape = (lang: Locale) => ({
      placeholders: [...new Set(placeholdersOf(read(lang, section)))].sort(),
      topics: read(lang, section).match(/^## /gm)?.length ?? 0,
      steps: read(lang, section).match(/^\d+\. /gm)?.length ?? 0,
    });
    for (const lang of LOCALES) expect({ lang, ...shape(lang) }).toEqual({ lang, ...shape('fr') });
  });

  it.each(cases)('%s/%s holds no HTML and links only to the app, https or mail', (lang, section) => {
    const text = read(lang, section);
    expect(text.match(/<\/?[a-z][^>]*>/gi) ?? []).toEqual([]);
    const links = [...text.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1] as string);
    expect(links.filter((href) => !/^(\/(?!\/)|https:\/\/|mailto:)/.test(href))).toEqual([]);
  });

  it('explains the observatory’s "< k" with the configured k, in every language', () => {
    for (const lang of LOCALES) {
      const text = read(lang, 'observer');
      expect(text).toContain('< {{ k }}');
      expect(text).toContain('{{ observatory.tiles.suppressed }}');
    }
  });
});
