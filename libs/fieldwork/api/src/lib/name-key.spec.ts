import { nameKey } from './name-key';

describe("an organisation's name folded for comparison", () => {
  it('drops accents, letter case, punctuation and extra spaces', () => {
    expect(nameKey('  Coopérative   AL-AMAL. ')).toBe('cooperative al amal');
    expect(nameKey('cooperative al amal')).toBe('cooperative al amal');
    expect(nameKey("L'Oasis d'Argan — Saïdia")).toBe('l oasis d argan saidia');
  });

  it('keeps Arabic letters, without short vowels or tatweel', () => {
    expect(nameKey('تعاونية الأمل')).toBe(nameKey('تَعاوُنيّة  الأمـــل'));
    expect(nameKey('تعاونية الأمل')).toMatch(/^[\u0600-\u06FF ]+$/);
    expect(nameKey('تعاونية الأمل')).not.toBe('');
  });

  it('reads compatibility forms as their letters and keeps digits', () => {
    expect(nameKey('ﬁlière Nº 2')).toBe('filiere no 2');
    expect(nameKey('Coop ２０２４')).toBe('coop 2024');
  });

  it('tells different names apart', () => {
    expect(nameKey('Coopérative Al Amal')).not.toBe(nameKey('Coopérative Al Amel'));
  });
});
