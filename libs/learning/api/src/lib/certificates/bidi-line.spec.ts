import { visualWords } from './bidi-line';

const texts = (text: string, rtl: boolean) => visualWords(text, rtl).map((w) => w.text);

describe('the drawing order of a certificate line', () => {
  it('an Arabic line runs right to left: its first word is drawn last (rightmost)', () => {
    expect(texts('شهادة إتمام', true)).toEqual(['إتمام', 'شهادة']);
  });

  it('a Latin name inside an Arabic line keeps its own left-to-right order', () => {
    expect(texts('منحت إلى Salma Ouazzani في 2027', true)).toEqual([
      '2027',
      'في',
      'Salma',
      'Ouazzani',
      'إلى',
      'منحت',
    ]);
  });

  it('a French line is drawn as written; an Arabic name inside it reads right to left', () => {
    expect(texts('décerné à سلمى الوزاني le 14 mars', false)).toEqual([
      'décerné',
      'à',
      'الوزاني',
      'سلمى',
      'le',
      '14',
      'mars',
    ]);
  });

  it('marks which words need the Arabic font', () => {
    expect(visualWords('الإصدار 2', true)).toEqual([
      { text: '2', arabic: false },
      { text: 'الإصدار', arabic: true },
    ]);
  });
});
