import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONSENT_PURPOSES, LOCALES } from '@tc/shared/contracts';
import { CONSENT_WORDINGS, consentWordingKey, currentConsentWording } from './consent-wordings';

const I18N = resolve(__dirname, '../../../../../../apps/web/public/i18n');

/** A key's text in a language's file of the web app. */
function webText(lang: string, key: string): unknown {
  const tree = JSON.parse(readFileSync(resolve(I18N, `${lang}.json`), 'utf8')) as Record<string, unknown>;
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('consent wordings', () => {
  it.each(LOCALES)('%s: the words recorded are the words the screen shows', (lang) => {
    for (const purpose of CONSENT_PURPOSES)
      expect(webText(lang, consentWordingKey(purpose))).toBe(currentConsentWording(purpose).text[lang]);
  });

  it('numbers each purpose’s versions 1, 2, … and says something in every language', () => {
    for (const purpose of CONSENT_PURPOSES) {
      const versions = CONSENT_WORDINGS[purpose];
      expect(versions.map((v) => v.version)).toEqual(versions.map((_v, i) => i + 1));
      for (const v of versions) for (const lang of LOCALES) expect(v.text[lang].length).toBeGreaterThan(40);
    }
  });
});
