import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { CompletionReport, Locale, PracticeReport } from '@tc/shared/contracts';
import {
  CATEGORY,
  WORDS,
  completionTable,
  exportStream,
  moment,
  practiceTable,
  territoryFileName,
} from './exports';

const LOCALES: Locale[] = ['fr', 'ar', 'en'];
const I18N = resolve(__dirname, '../../../../../apps/web/public/i18n');

type Tree = { [key: string]: string | Tree };
function screen(lang: Locale): (key: string) => string {
  const tree = JSON.parse(readFileSync(resolve(I18N, `${lang}.json`), 'utf8')) as Tree;
  return (key) => {
    const value = key.split('.').reduce<string | Tree | undefined>((t, k) => (t as Tree)?.[k], tree);
    if (typeof value !== 'string') throw new Error(`${lang}: no ${key} in the web's i18n`);
    // The screen's placeholders are {{ name }}, the files' {name}.
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, '{$1}');
  };
}

/** File word → the screen's key that says the same thing. */
const SAME_AS_SCREEN: Partial<Record<keyof (typeof WORDS)['fr'], string>> = {
  territory: 'observatory.filters.territory',
  groupBy: 'observatory.filters.groupBy',
  from: 'observatory.filters.from',
  to: 'observatory.filters.to',
  course: 'observatory.filters.course',
  all: 'observatory.filters.allCourses',
  total: 'observatory.table.total',
  enrolled: 'observatory.measures.enrolled',
  started: 'observatory.measures.started',
  completed: 'observatory.measures.completed',
  certified: 'observatory.measures.certified',
  withdrawn: 'observatory.measures.withdrawn',
  completionRate: 'observatory.measures.completionRate',
  medianDays: 'observatory.measures.medianDaysToCompletion',
  lesson: 'observatory.groupBy.module',
  quizAttempted: 'observatory.measures.quizAttempted',
  quizPassed: 'observatory.measures.quizPassed',
  quizPassRate: 'observatory.measures.quizPassRate',
  area: 'observatory.competences.area',
  competence: 'observatory.competences.competence',
  completions: 'observatory.competences.completions',
  assessed: 'observatory.competences.assessed',
  before: 'observatory.competences.before',
  after: 'observatory.competences.after',
  gain: 'observatory.competences.gain',
  direct: 'observatory.table.direct',
  handedIn: 'observatory.practice.handedIn',
  reviewed: 'observatory.practice.reviewed',
  passed: 'observatory.practice.passed',
  medianDaysToReview: 'observatory.practice.median',
  beyond: 'observatory.practice.beyond',
  practiceMonths: 'observatory.practice.months',
};

const CATEGORY_KEYS: Record<string, string> = {
  territory: 'observatory.groupBy.territory',
  cohort: 'observatory.groupBy.cohort',
  course: 'observatory.groupBy.course',
  module: 'observatory.groupBy.module',
  month: 'observatory.groupBy.month',
  gender: 'observatory.groupBy.gender',
  ageBand: 'observatory.groupBy.ageBand',
  female: 'observatory.gender.female',
  male: 'observatory.gender.male',
  other: 'observatory.gender.other',
  unknown: 'observatory.gender.unknown',
  under18: 'observatory.ageBand.under18',
  '18-24': 'observatory.ageBand.18-24',
  '25-34': 'observatory.ageBand.25-34',
  '35-44': 'observatory.ageBand.35-44',
  '45+': 'observatory.ageBand.45+',
};

const ORIENTAL = {
  id: '6f1c1d3e-7a51-4c43-9a5e-1f2d3c4b5a69',
  code: '',
  name: { fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' },
  drillable: true,
};

function report(): CompletionReport {
  return {
    filters: { territoryId: ORIENTAL.id, groupBy: 'territory', from: null, to: null, courseId: null },
    territory: ORIENTAL,
    breadcrumb: [ORIENTAL],
    course: null,
    k: 5,
    generatedAt: '2026-12-06T13:08:00.000Z',
    rows: [
      {
        key: 'x',
        label: { fr: 'Oujda-Angad', ar: 'وجدة أنجاد', en: 'Oujda-Angad' },
        drillable: false,
        enrolled: 12,
        started: 10,
        completed: 6,
        certified: 5,
        withdrawn: 0,
        completionRate: 0.5,
        medianDaysToCompletion: 20,
      },
    ],
    total: null,
    suppressedCells: 0,
    page: { offset: 0, limit: null, total: 1 },
  } as CompletionReport;
}

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe('files say what the screen says', () => {
  for (const lang of LOCALES) {
    it(`uses the screen's words in ${lang}`, () => {
      const t = screen(lang);
      const differ = Object.entries(SAME_AS_SCREEN)
        .map(([word, key]) => ({
          word,
          file: WORDS[lang][word as keyof (typeof WORDS)['fr']],
          screen: t(key),
        }))
        .filter((x) => x.file !== x.screen);
      expect(differ).toEqual([]);
      const categories = Object.entries(CATEGORY_KEYS)
        .map(([word, key]) => ({ word, file: CATEGORY[lang][word], screen: t(key) }))
        .filter((x) => x.file !== x.screen);
      expect(categories).toEqual([]);
    });
  }

  it('heads the Arabic table with the screen’s words', () => {
    const table = completionTable(report(), 'ar');
    expect(table.header.slice(0, 3)).toEqual(['المجال الترابي', 'المسجلون', 'بدؤوا']);
  });

  it('writes field practice in the screen’s words, hidden cells as on screen', () => {
    const practice: PracticeReport = {
      filters: { territoryId: ORIENTAL.id, from: '2026-01', to: null, courseId: null },
      territory: ORIENTAL,
      course: null,
      breadcrumb: [ORIENTAL],
      k: 5,
      territories: [
        {
          key: 'x',
          label: { fr: 'Oujda-Angad', ar: 'وجدة أنجاد', en: 'Oujda-Angad' },
          drillable: false,
          handedIn: 12,
          reviewed: null,
          passed: 0,
          medianDaysToReview: 31,
        },
        {
          key: `direct:${ORIENTAL.id}`,
          label: ORIENTAL.name,
          handedIn: 0,
          reviewed: 0,
          passed: 0,
          medianDaysToReview: null,
        },
      ],
      cohorts: [
        {
          key: 'c',
          label: { fr: 'Cohorte 1' },
          handedIn: 12,
          reviewed: 9,
          passed: 6,
          medianDaysToReview: 2.5,
        },
      ],
      cohortPage: { offset: 0, limit: 1, total: 1 },
      total: { key: 'total', label: null, handedIn: 12, reviewed: null, passed: 0, medianDaysToReview: null },
      suppressedCells: 2,
      generatedAt: '2026-12-06T13:08:00.000Z',
    };
    const ar = practiceTable(practice, 'ar');
    expect(ar.title).toBe('المرصد — الممارسة الميدانية');
    expect(ar.header).toEqual([
      'الجدول',
      'الاسم',
      'مسلَّمة',
      'مراجَعة',
      'مجتازة',
      'الأيام الوسيطة قبل المراجعة',
    ]);
    expect(ar.notes).toContain('من (الشهر): 2026-01');
    expect(ar.rows).toEqual([
      ['المجال الترابي', 'وجدة أنجاد', 12, '< 5', 0, '> 30 يومًا'],
      ['المجال الترابي', 'الأفواج الملحقة مباشرة بـالشرق', 0, 0, 0, ''],
      ['الفوج', 'Cohorte 1', 12, 9, 6, 2.5],
      ['', 'المجموع', 12, '< 5', 0, ''],
    ]);
  });
});

describe('files for each language', () => {
  it('writes the moment in the file’s language and says its time zone', () => {
    expect(moment('2026-12-06T13:08:00.000Z', 'fr', WORDS.fr.timeZone)).toBe(
      '6 décembre 2026 à 14:08, heure du Maroc (UTC+1)',
    );
    const ar = moment('2026-12-06T13:08:00.000Z', 'ar', WORDS.ar.timeZone);
    expect(ar).toContain('دجنبر');
    expect(ar).toContain('بتوقيت المغرب (UTC+1)');
    expect(ar).not.toContain('2026-12-06T');
    const notes = completionTable(report(), 'en').notes.join('\n');
    expect(notes).toContain('Generated: December 6, 2026 at 2:08 PM, Morocco time (UTC+1)');
  });

  it('opens the Arabic sheet right to left, named in Arabic', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await read(exportStream(completionTable(report(), 'ar'), 'xlsx'))) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('المرصد');
    expect(sheet.views[0]?.rightToLeft).toBe(true);
  });

  it('keeps the French sheet left to right, named in French', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await read(exportStream(completionTable(report(), 'fr'), 'xlsx'))) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Observatoire');
    expect(sheet.views[0]?.rightToLeft ?? false).toBe(false);
  });

  it('names the file after the territory’s code, else its name, never its id', () => {
    expect(territoryFileName({ ...ORIENTAL, code: 'MA-02' })).toBe('MA-02');
    expect(territoryFileName(ORIENTAL)).toBe('L-Oriental');
    expect(territoryFileName({ ...ORIENTAL, name: { fr: 'Béni Mellal-Khénifra', ar: '', en: '' } })).toBe(
      'Beni-Mellal-Khenifra',
    );
    expect(territoryFileName({ ...ORIENTAL, name: { fr: '', ar: 'الشرق', en: '' } })).toBe('territory');
  });
});
