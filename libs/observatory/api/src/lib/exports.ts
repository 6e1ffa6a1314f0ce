import type { Readable } from 'node:stream';
import type {
  CompetenceReport,
  CompletionReport,
  CompletionRow,
  Count,
  ExportFormat,
  Locale,
  LocalizedText,
  ObservatoryTerritory,
  PracticeReport,
  PracticeRow,
} from '@tc/shared/contracts';
import { exportMoment as moment, spreadsheetStream } from '@tc/shared/api';

/** A table as a file shows it: a title, the filters and the suppression note, then the rows. */
export interface ExportTable {
  /** The file's language: the sheet's name and direction follow it. */
  lang: Locale;
  title: string;
  notes: string[];
  header: string[];
  rows: (string | number)[][];
}

type Words = Record<
  | 'completionTitle'
  | 'competenceTitle'
  | 'practiceTitle'
  | 'territory'
  | 'groupBy'
  | 'from'
  | 'to'
  | 'course'
  | 'all'
  | 'open'
  | 'generated'
  | 'suppression'
  | 'total'
  | 'enrolled'
  | 'started'
  | 'completed'
  | 'certified'
  | 'withdrawn'
  | 'completionRate'
  | 'medianDays'
  | 'module'
  | 'lesson'
  | 'quizAttempted'
  | 'quizPassed'
  | 'quizPassRate'
  | 'area'
  | 'competence'
  | 'completions'
  | 'assessed'
  | 'before'
  | 'after'
  | 'gain'
  | 'direct'
  | 'table'
  | 'name'
  | 'handedIn'
  | 'reviewed'
  | 'passed'
  | 'medianDaysToReview'
  | 'beyond'
  | 'practiceMonths'
  | 'sheet'
  | 'timeZone',
  string
>;

/**
 * The files' words. Those the screen also shows are the screen's (apps/web/public/i18n/*.json):
 * exports-words.spec.ts fails when the two differ.
 */
export const WORDS: Record<Locale, Words> = {
  fr: {
    completionTitle: 'Observatoire — parcours des coachs',
    competenceTitle: 'Observatoire — compétences DigComp',
    practiceTitle: 'Observatoire — pratique de terrain',
    territory: 'Territoire',
    groupBy: 'Regrouper par',
    from: 'Depuis (mois)',
    to: "Jusqu'à (mois)",
    course: 'Cours',
    all: 'Tous les cours',
    open: 'ouvert',
    generated: 'Produit le',
    suppression:
      'Les effectifs de 1 à {k1} sont masqués (« < {k} ») ; une seconde case peut être masquée pour que la première ne se déduise pas du total ; les taux et médianes des effectifs masqués le sont aussi.',
    total: 'Ensemble',
    enrolled: 'Inscrits',
    started: 'Ont commencé',
    completed: 'Ont terminé',
    certified: 'Certifiés',
    withdrawn: 'Retirés',
    completionRate: "Taux d'achèvement",
    medianDays: 'Durée médiane (jours)',
    module: 'Module',
    lesson: 'Leçon',
    quizAttempted: 'Ont tenté le quiz',
    quizPassed: 'Ont réussi le quiz',
    quizPassRate: 'Taux de réussite au quiz',
    area: 'Domaine',
    competence: 'Compétence',
    completions: 'Cours achevés',
    assessed: 'Coachs évalués',
    before: 'Niveau avant',
    after: 'Niveau après',
    gain: 'Progression',
    direct: 'Cohortes rattachées directement à {territory}',
    table: 'Tableau',
    name: 'Nom',
    handedIn: 'Rendues',
    reviewed: 'Relues',
    passed: 'Validées',
    medianDaysToReview: 'Jours médians avant relecture',
    beyond: '> 30 j',
    practiceMonths:
      'Chaque étape compte dans le mois où elle a eu lieu : les rendus au mois du rendu, les relectures, validations et jours avant relecture au mois de la relecture.',
    sheet: 'Observatoire',
    timeZone: 'heure du Maroc',
  },
  ar: {
    completionTitle: 'المرصد — مسار المدربين',
    competenceTitle: 'المرصد — كفايات DigComp',
    practiceTitle: 'المرصد — الممارسة الميدانية',
    territory: 'المجال الترابي',
    groupBy: 'التجميع حسب',
    from: 'من (الشهر)',
    to: 'إلى (الشهر)',
    course: 'الدورة',
    all: 'كل الدورات',
    open: 'مفتوح',
    generated: 'أُنتج في',
    suppression:
      'الأعداد من 1 إلى {k1} مخفية (« < {k} ») ؛ قد تُخفى خانة ثانية حتى لا تُستنتج الأولى من المجموع ؛ وتُخفى النسب والوسيطات المحسوبة من أعداد مخفية.',
    total: 'المجموع',
    enrolled: 'المسجلون',
    started: 'بدؤوا',
    completed: 'أتمّوا',
    certified: 'حاصلون على شهادة',
    withdrawn: 'منسحبون',
    completionRate: 'نسبة الإتمام',
    medianDays: 'المدة الوسيطة (بالأيام)',
    module: 'الوحدة',
    lesson: 'الدرس',
    quizAttempted: 'اجتازوا الاختبار',
    quizPassed: 'نجحوا في الاختبار',
    quizPassRate: 'نسبة النجاح في الاختبار',
    area: 'المجال',
    competence: 'الكفاءة',
    completions: 'الدورات المكتملة',
    assessed: 'المدربون المقيَّمون',
    before: 'المستوى قبل',
    after: 'المستوى بعد',
    gain: 'التقدم',
    direct: 'الأفواج الملحقة مباشرة بـ{territory}',
    table: 'الجدول',
    name: 'الاسم',
    handedIn: 'مسلَّمة',
    reviewed: 'مراجَعة',
    passed: 'مجتازة',
    medianDaysToReview: 'الأيام الوسيطة قبل المراجعة',
    beyond: '> 30 يومًا',
    practiceMonths:
      'تُحتسب كل مرحلة في الشهر الذي جرت فيه: التسليمات في شهر التسليم، والمراجعات والاجتيازات والأيام قبل المراجعة في شهر المراجعة.',
    sheet: 'المرصد',
    timeZone: 'بتوقيت المغرب',
  },
  en: {
    completionTitle: 'Observatory — coaches’ progress',
    competenceTitle: 'Observatory — DigComp competences',
    practiceTitle: 'Observatory — field practice',
    territory: 'Territory',
    groupBy: 'Group by',
    from: 'From (month)',
    to: 'To (month)',
    course: 'Course',
    all: 'All courses',
    open: 'open',
    generated: 'Generated',
    suppression:
      'Counts from 1 to {k1} are hidden ("< {k}"); a second cell may be hidden so that the first cannot be worked out from the total; rates and medians of hidden counts are hidden too.',
    total: 'Total',
    enrolled: 'Enrolled',
    started: 'Started',
    completed: 'Completed',
    certified: 'Certified',
    withdrawn: 'Withdrawn',
    completionRate: 'Completion rate',
    medianDays: 'Median time (days)',
    module: 'Module',
    lesson: 'Lesson',
    quizAttempted: 'Attempted the quiz',
    quizPassed: 'Passed the quiz',
    quizPassRate: 'Quiz pass rate',
    area: 'Area',
    competence: 'Competence',
    completions: 'Completed courses',
    assessed: 'Coaches assessed',
    before: 'Level before',
    after: 'Level after',
    gain: 'Gain',
    direct: 'Cohorts attached directly to {territory}',
    table: 'Table',
    name: 'Name',
    handedIn: 'Handed in',
    reviewed: 'Reviewed',
    passed: 'Passed',
    medianDaysToReview: 'Median days to review',
    beyond: '> 30 d',
    practiceMonths:
      'Each stage counts in the month it happened: hand-ins in the month of the hand-in, reviews, passes and days to review in the month of the review.',
    sheet: 'Observatory',
    timeZone: 'Morocco time',
  },
};

/** The groupings' names, then the gender and age-band categories, as the screen writes them. */
export const CATEGORY: Record<Locale, Record<string, string>> = {
  fr: {
    territory: 'Territoire',
    cohort: 'Cohorte',
    course: 'Cours',
    module: 'Leçon',
    month: 'Mois',
    gender: 'Genre',
    ageBand: "Tranche d'âge",
    female: 'Femmes',
    male: 'Hommes',
    other: 'Autre',
    unknown: 'Non précisé',
    under18: 'Moins de 18 ans',
    '18-24': '18 à 24 ans',
    '25-34': '25 à 34 ans',
    '35-44': '35 à 44 ans',
    '45+': '45 ans et plus',
  },
  ar: {
    territory: 'المجال الترابي',
    cohort: 'الفوج',
    course: 'الدورة',
    module: 'الدرس',
    month: 'الشهر',
    gender: 'الجنس',
    ageBand: 'الفئة العمرية',
    female: 'نساء',
    male: 'رجال',
    other: 'آخر',
    unknown: 'غير محدد',
    under18: 'أقل من 18 سنة',
    '18-24': 'من 18 إلى 24 سنة',
    '25-34': 'من 25 إلى 34 سنة',
    '35-44': 'من 35 إلى 44 سنة',
    '45+': '45 سنة فأكثر',
  },
  en: {
    territory: 'Territory',
    cohort: 'Cohort',
    course: 'Course',
    module: 'Lesson',
    month: 'Month',
    gender: 'Gender',
    ageBand: 'Age band',
    female: 'Women',
    male: 'Men',
    other: 'Other',
    unknown: 'Not specified',
    under18: 'Under 18',
    '18-24': '18 to 24',
    '25-34': '25 to 34',
    '35-44': '35 to 44',
    '45+': '45 and over',
  },
};

function text(value: LocalizedText | null | undefined, lang: Locale): string {
  if (!value) return '';
  return value[lang] || value.fr || value.en || value.ar || '';
}

function place(t: ObservatoryTerritory, lang: Locale): string {
  return t.code ? `${t.name[lang]} (${t.code})` : t.name[lang];
}

/** The time zone and the moment of the files (shared with the other exports). */
export { EXPORT_TIME_ZONE, exportMoment as moment } from '@tc/shared/api';

function notes(
  words: Words,
  lang: Locale,
  k: number,
  territory: ObservatoryTerritory,
  filters: { from: string | null; to: string | null },
  course: string | null,
  generatedAt: string,
  groupBy?: string,
): string[] {
  return [
    `${words.territory}: ${place(territory, lang)}`,
    ...(groupBy ? [`${words.groupBy}: ${CATEGORY[lang][groupBy] ?? groupBy}`] : []),
    `${words.from}: ${filters.from ?? words.open}`,
    `${words.to}: ${filters.to ?? words.open}`,
    `${words.course}: ${course ?? words.all}`,
    `${words.generated}: ${moment(generatedAt, lang, words.timeZone)}`,
    words.suppression.replaceAll('{k1}', String(k - 1)).replaceAll('{k}', String(k)),
  ];
}

export function completionTable(report: CompletionReport, lang: Locale): ExportTable {
  const w = WORDS[lang];
  const k = report.k;
  const count = (c: Count | undefined): string | number => (c === undefined ? '' : c === null ? `< ${k}` : c);
  const pct = (r: number | null | undefined): string | number =>
    r === undefined ? '' : r === null ? '' : Math.round(r * 1000) / 10;
  const groupBy = report.filters.groupBy;
  const label = (row: CompletionRow): string => {
    if (groupBy === 'gender' || groupBy === 'ageBand') return CATEGORY[lang][row.key] ?? row.key;
    if (groupBy === 'month') return row.key;
    if (row.key.startsWith('direct:')) return w.direct.replace('{territory}', text(row.label, lang));
    return text(row.label, lang);
  };
  const head = CATEGORY[lang][groupBy] ?? groupBy;
  const common = notes(
    w,
    lang,
    k,
    report.territory,
    report.filters,
    report.course ? text(report.course.title, lang) : null,
    report.generatedAt,
    groupBy,
  );
  if (groupBy === 'module')
    return {
      lang,
      title: w.completionTitle,
      notes: common,
      header: [
        w.module,
        w.lesson,
        w.started,
        w.completed,
        w.quizAttempted,
        w.quizPassed,
        `${w.quizPassRate} (%)`,
      ],
      rows: report.rows.map((r) => [
        text(r.module?.title, lang),
        label(r),
        count(r.started),
        count(r.completed),
        count(r.quizAttempted),
        count(r.quizPassed),
        pct(r.quizPassRate),
      ]),
    };
  const line = (name: string, r: CompletionRow): (string | number)[] => [
    name,
    count(r.enrolled),
    count(r.started),
    count(r.completed),
    count(r.certified),
    count(r.withdrawn),
    pct(r.completionRate),
    r.medianDaysToCompletion ?? '',
  ];
  return {
    lang,
    title: w.completionTitle,
    notes: common,
    header: [
      head,
      w.enrolled,
      w.started,
      w.completed,
      w.certified,
      w.withdrawn,
      `${w.completionRate} (%)`,
      w.medianDays,
    ],
    rows: [
      ...report.rows.map((r) => line(label(r), r)),
      ...(report.total ? [line(w.total, report.total)] : []),
    ],
  };
}

export function competenceTable(report: CompetenceReport, lang: Locale): ExportTable {
  const w = WORDS[lang];
  const k = report.k;
  const count = (c: Count): string | number => (c === null ? `< ${k}` : c);
  return {
    lang,
    title: w.competenceTitle,
    notes: notes(w, lang, k, report.territory, report.filters, report.filters.courseId, report.generatedAt),
    header: [w.area, w.completions, w.competence, w.assessed, w.before, w.after, w.gain],
    rows: report.areas.flatMap((a) =>
      a.competences.map((c) => [
        `${a.code} ${a.title[lang]}`,
        count(a.completions),
        `${c.code} ${c.title[lang]}`,
        count(c.assessed),
        c.before ?? '',
        c.after ?? '',
        c.gain ?? '',
      ]),
    ),
  };
}

/**
 * Field practice as a file: the territories' rows, then every cohort's, then the total, each line
 * saying which table it is from; suppressed counts as "< k" and hidden medians empty, as on screen.
 */
export function practiceTable(report: PracticeReport, lang: Locale): ExportTable {
  const w = WORDS[lang];
  const k = report.k;
  const count = (c: Count): string | number => (c === null ? `< ${k}` : c);
  const line = (table: string, name: string, r: PracticeRow): (string | number)[] => [
    table,
    name,
    count(r.handedIn),
    count(r.reviewed),
    count(r.passed),
    r.medianDaysToReview === null ? '' : r.medianDaysToReview > 30 ? w.beyond : r.medianDaysToReview,
  ];
  const territoryName = (r: PracticeRow) =>
    r.key.startsWith('direct:') ? w.direct.replace('{territory}', text(r.label, lang)) : text(r.label, lang);
  return {
    lang,
    title: w.practiceTitle,
    notes: [
      ...notes(
        w,
        lang,
        k,
        report.territory,
        report.filters,
        report.course ? text(report.course.title, lang) : null,
        report.generatedAt,
      ),
      w.practiceMonths,
    ],
    header: [w.table, w.name, w.handedIn, w.reviewed, w.passed, w.medianDaysToReview],
    rows: [
      ...report.territories.map((r) => line(CATEGORY[lang]['territory'] ?? '', territoryName(r), r)),
      ...report.cohorts.map((r) => line(CATEGORY[lang]['cohort'] ?? '', text(r.label, lang), r)),
      line('', w.total, report.total),
    ],
  };
}

/**
 * What names a territory in a file name: its code, else its French (or English) name without
 * accents, spaces or punctuation ("Béni Mellal" → "Beni-Mellal"); never its id.
 */
export function territoryFileName(t: ObservatoryTerritory): string {
  const ascii = (s: string | undefined) =>
    (s ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  return ascii(t.code) || ascii(t.name.fr) || ascii(t.name.en) || 'territory';
}

/** The file as a stream: CSV (UTF-8 with BOM, for spreadsheets) or XLSX (exceljs' streaming writer). */
export function exportStream(table: ExportTable, format: ExportFormat): Readable {
  return spreadsheetStream(
    {
      lang: table.lang,
      sheetName: WORDS[table.lang].sheet,
      lines: [[table.title], ...table.notes.map((n) => [n]), [], table.header, ...table.rows],
      // The title, and the header after the notes and a blank line.
      boldLines: [0, table.notes.length + 2],
    },
    format,
  );
}
