import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The title of the tile grid in one language of the interface. */
function title(lang: 'fr' | 'ar' | 'en'): string {
  const file = resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`);
  const words = JSON.parse(readFileSync(file, 'utf8')) as { observatory: { tiles: { title: string } } };
  return words.observatory.tiles.title;
}

// The child territories are drawn as a grid of coloured tiles, not on a map (no public-domain
// boundaries of Morocco's twelve 2015 regions exist to draw one): the title says so in every language.
describe('the title of the territory tiles', () => {
  it.each([
    ['fr', /carte/i, /territoires/i],
    ['en', /\bmap\b/i, /territories/i],
    ['ar', /خريط/, /المجالات الترابية/],
  ] as const)('does not call the tiles a map in %s, and names the territories', (lang, map, territories) => {
    expect(title(lang)).not.toMatch(map);
    expect(title(lang)).toMatch(territories);
  });
});
