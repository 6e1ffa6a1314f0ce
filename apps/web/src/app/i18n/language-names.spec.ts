import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOCALES, type Locale } from '@tc/shared/contracts';

/**
 * Languages are named in the reader's language ("باللغة الفرنسية", "affichée en anglais"); only the
 * pickers of the interface language name each language in itself, so that anyone finds their own.
 */
const root = join(__dirname, '..', '..', '..', '..', '..');

type Tree = { [key: string]: string | Tree };
const load = (l: Locale) =>
  JSON.parse(readFileSync(join(root, 'apps', 'web', 'public', 'i18n', `${l}.json`), 'utf8')) as Tree;

const EXPECTED: Record<Locale, Record<Locale, string>> = {
  fr: { fr: 'français', ar: 'arabe', en: 'anglais' },
  ar: { fr: 'الفرنسية', ar: 'العربية', en: 'الإنجليزية' },
  en: { fr: 'French', ar: 'Arabic', en: 'English' },
};

/** The pickers of the interface language, where each language keeps its own name (with its `lang`). */
const PICKERS = [
  'apps/web/src/app/shell/language-switch.component.ts',
  'libs/identity/web/src/lib/profile/profile.page.html',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('names of languages', () => {
  it.each(LOCALES)('the %s interface names every language in its own words', (ui) => {
    const languages = load(ui)['languages'] as Tree;
    expect(languages['names']).toEqual(EXPECTED[ui]);
  });

  it('an Arabic sentence names the language in Arabic', () => {
    const ar = load('ar');
    const notice = ((ar['learning'] as Tree)['lesson'] as Tree)['fallback'] as string;
    const shown = notice.replace('{{ language }}', EXPECTED.ar.fr);
    expect(shown).toContain('باللغة الفرنسية');
    expect(shown).not.toMatch(/[A-Za-z]/);
  });

  it('outside the language pickers, templates use the names in the reader’s language', () => {
    const dirs = [
      join(root, 'apps', 'web', 'src'),
      ...readdirSync(join(root, 'libs')).map((d) => join(root, 'libs', d, 'web', 'src')),
    ];
    const offenders = dirs
      .filter((d) => {
        try {
          return statSync(d).isDirectory();
        } catch {
          return false;
        }
      })
      .flatMap(sources)
      .map((p) => relative(root, p).split('\\').join('/'))
      .filter((p) => !PICKERS.includes(p))
      .filter((p) => /'languages\.' \+/.test(readFileSync(join(root, p), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
