import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CourseContent, LessonContent, Locale } from '@tc/shared/contracts';
import {
  ROSTER_FILE_WORDS,
  attachmentHeader,
  csvText,
  rosterFileLines,
  rosterFileName,
  spreadsheetMoment,
  type RosterFileRow,
} from './roster-file';

const LOCALES: Locale[] = ['fr', 'ar', 'en'];
const I18N = resolve(__dirname, '../../../../../apps/web/public/i18n');

type Tree = { [key: string]: string | Tree };
function screen(lang: Locale): (key: string) => string | undefined {
  const tree = JSON.parse(readFileSync(resolve(I18N, `${lang}.json`), 'utf8')) as Tree;
  return (key) => {
    const value = key.split('.').reduce<string | Tree | undefined>((t, k) => (t as Tree)?.[k], tree);
    return typeof value === 'string' ? value : undefined;
  };
}

function lesson(key: string, kind: LessonContent['kind'], title: string): LessonContent {
  return {
    key,
    kind,
    title: { fr: title, ar: `${title} (ar)` },
    competences: [],
    estimatedMinutes: null,
    body: {},
    media: null,
    quiz: kind === 'quiz' ? { passMark: 70, maxAttempts: null, revealAnswers: 'never', questions: [] } : null,
  };
}

const CONTENT: Pick<CourseContent, 'modules' | 'defaultLocale'> = {
  defaultLocale: 'fr',
  modules: [
    {
      key: 'm1',
      title: { fr: 'Les bases', en: 'The basics' },
      lessons: [lesson('l1', 'text', 'Lire'), lesson('l2', 'text', 'Écrire'), lesson('q1', 'quiz', 'Quiz 1')],
    },
    { key: 'm2', title: { fr: 'Aller plus loin' }, lessons: [lesson('l3', 'media', 'Vidéo')] },
  ],
};

function row(over: Partial<RosterFileRow> = {}): RosterFileRow {
  return {
    enrolmentId: 'e1',
    userId: 'u1',
    displayName: 'Fatima Zahra',
    email: 'fatima@coop.ma',
    accountStatus: 'active',
    enrolmentStatus: 'active',
    enrolledAt: '2027-01-10T08:30:00.000Z',
    lessonsDone: 3,
    lessonsTotal: 4,
    lastActivityAt: '2027-01-20T23:30:00.000Z',
    overdueModules: ['m2'],
    territory: { name: { fr: 'Berkane', ar: 'بركان', en: 'Berkane' }, code: 'MA-BER' },
    done: new Set(['l1', 'l2', 'q1']),
    bestPercent: new Map([['q1', 85]]),
    ...over,
  };
}

describe('the roster file says what the screen says', () => {
  for (const lang of LOCALES) {
    it(`uses the screen's words in ${lang}`, () => {
      const t = screen(lang);
      const differ = Object.entries(ROSTER_FILE_WORDS[lang])
        .map(([key, file]) => ({ key, file, screen: t(key) }))
        .filter((x) => x.file !== x.screen);
      expect(differ).toEqual([]);
    });
  }
});

describe('roster file lines', () => {
  it('heads the columns in French, dates in Morocco time, a column per module and per quiz', () => {
    const [header, line] = rosterFileLines([row()], CONTENT, 'fr');
    expect(header).toEqual([
      'Nom',
      'Adresse e-mail',
      'Territoire',
      'Compte',
      'Inscription',
      'Inscrit·e le (heure du Maroc)',
      'Leçons faites',
      'Leçons du cours',
      'Dernière activité (heure du Maroc)',
      'Modules en retard',
      'Les bases : leçons faites sur 3',
      'Aller plus loin : leçons faites sur 1',
      'Quiz 1 : meilleur score (%)',
    ]);
    expect(line).toEqual([
      'Fatima Zahra',
      'fatima@coop.ma',
      'Berkane (MA-BER)',
      'Actif',
      'Inscrit·e',
      '2027-01-10 09:30',
      3,
      4,
      // 23:30 UTC is the next day in Morocco (UTC+1).
      '2027-01-21 00:30',
      'Aller plus loin',
      3,
      0,
      85,
    ]);
  });

  it('writes the values in Arabic, titles falling back to the course language', () => {
    const [header, line] = rosterFileLines(
      [
        row({
          accountStatus: 'invited',
          enrolmentStatus: 'withdrawn',
          bestPercent: new Map(),
          territory: null,
        }),
      ],
      CONTENT,
      'ar',
    );
    expect(header?.[0]).toBe('الاسم');
    expect(header?.[10]).toBe('Les bases: الدروس المنجزة من 3');
    expect(header?.[12]).toBe('Quiz 1 (ar): أفضل نتيجة (%)');
    expect(line?.slice(2, 5)).toEqual(['', 'مدعو', 'منسحب']);
    // Never attempted: an empty cell, not 0 %.
    expect(line?.[12]).toBe('');
  });

  it('leaves the last activity empty for a coach who never started', () => {
    const [, line] = rosterFileLines([row({ lastActivityAt: null })], CONTENT, 'en');
    expect(line?.[8]).toBe('');
  });
});

describe('roster CSV', () => {
  it('is UTF-8 with a BOM, `;`-separated, CRLF lines, quoted as RFC 4180 says', () => {
    const csv = csvText([
      ['Nom', 'Note'],
      ['Dupont; Marie', 'dit "bonjour"'],
      ['Deux\nlignes', 12],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('Nom;Note\r\n"Dupont; Marie";"dit ""bonjour"""\r\n"Deux\nlignes";12\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, not numbers', () => {
    const csv = csvText([['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', 'ok'], [-3]]);
    expect(csv.slice(1).split('\r\n')).toEqual([
      `"'=HYPERLINK(""http://evil"")";'+1;'-2;'@SUM(A1);ok`,
      '-3',
      '',
    ]);
  });
});

describe('Morocco time', () => {
  it('is UTC+1, and UTC+0 during Ramadan', () => {
    expect(spreadsheetMoment('2027-01-20T10:00:00Z')).toBe('2027-01-20 11:00');
    // Ramadan 2027 (about 8 February – 9 March): Morocco goes back to UTC+0.
    expect(spreadsheetMoment('2027-02-20T10:00:00Z')).toBe('2027-02-20 10:00');
    expect(spreadsheetMoment(null)).toBe('');
  });
});

describe('roster file name', () => {
  it('names the cohort and the day in Morocco, never the id', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(rosterFileName('Oujda — hiver 2027', at)).toEqual({
      name: 'roster-oujda-hiver-2027-2027-01-01.csv',
      ascii: 'roster-oujda-hiver-2027-2027-01-01.csv',
    });
    expect(rosterFileName('Béni Mellal: ESS', at).name).toBe('roster-beni-mellal-ess-2027-01-01.csv');
  });

  it('keeps an Arabic name in the UTF-8 name, with an ASCII fallback', () => {
    const file = rosterFileName('فوج وجدة', new Date('2027-01-05T10:00:00Z'));
    expect(file).toEqual({ name: 'roster-فوج-وجدة-2027-01-05.csv', ascii: 'roster-2027-01-05.csv' });
    expect(attachmentHeader(file)).toBe(
      `attachment; filename="roster-2027-01-05.csv"; filename*=UTF-8''${encodeURIComponent('roster-فوج-وجدة-2027-01-05.csv')}`,
    );
  });
});
