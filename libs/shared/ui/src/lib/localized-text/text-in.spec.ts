import { textIn } from './text-in';

describe('textIn', () => {
  it('picks the text in the interface language, else French, else any', () => {
    expect(textIn({ fr: 'Maroc', ar: 'المغرب' }, 'ar')).toBe('المغرب');
    expect(textIn({ fr: 'Maroc', ar: ' ' }, 'ar')).toBe('Maroc');
    expect(textIn({ en: 'Morocco' }, 'ar')).toBe('Morocco');
    expect(textIn(null, 'fr')).toBe('');
    expect(textIn(undefined, 'fr')).toBe('');
  });

  it("falls back on the course's default locale when given", () => {
    expect(textIn({ fr: 'Titre', en: 'Title', ar: '' }, 'ar', 'en')).toBe('Title');
    expect(textIn({ fr: 'Titre', ar: '' }, 'ar', 'en')).toBe('Titre');
  });

  it('trims what it returns and passes over blank texts', () => {
    expect(textIn({ fr: '  Titre ' }, 'fr')).toBe('Titre');
    expect(textIn({ fr: ' ', en: '', ar: '  عنوان ' }, 'fr', 'en')).toBe('عنوان');
    expect(textIn({ fr: ' ', en: '' }, 'fr')).toBe('');
  });
});
