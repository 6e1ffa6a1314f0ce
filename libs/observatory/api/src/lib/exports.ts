import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type {
  CompetenceReport,
  CompletionReport,
  CompletionRow,
  Count,
  ExportFormat,
  Locale,
  LocalizedText,
  ObservatoryTerritory,
} from '@tc/shared/contracts';
import { neutraliseCell } from '@tc/shared/api';

/** A table as a file shows it: a title, the filters and the suppression note, then the rows. */
export interface ExportTable {
  title: string;
  notes: string[];
  header: string[];
  rows: (string | number)[][];
}

type Words = Record<
  | 'completionTitle'
  | 'competenceTitle'
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
  | 'direct',
  string
>;

const WORDS: Record<Locale, Words> = {
  fr: {
    completionTitle: 'Observatoire — parcours des coachs',
    competenceTitle: 'Observatoire — compétences DigComp',
    territory: 'Territoire',
    groupBy: 'Regroupement',
    from: 'Du mois',
    to: 'Au mois',
    course: 'Cours',
    all: 'tous',
    open: 'ouvert',
    generated: 'Produit le',
    suppression:
      'Les effectifs de 1 à {k1} sont masqués (« < {k} ») ; une seconde case peut être masquée pour que la première ne se déduise pas du total ; les taux et médianes des effectifs masqués le sont aussi.',
    total: 'Total',
    enrolled: 'Inscrits',
    started: 'Commencé',
    completed: 'Terminé',
    certified: 'Certifiés',
    withdrawn: 'Retirés',
    completionRate: "Taux d'achèvement",
    medianDays: "Jours médians jusqu'à l'achèvement",
    module: 'Module',
    lesson: 'Leçon',
    quizAttempted: 'Quiz tenté',
    quizPassed: 'Quiz réussi',
    quizPassRate: 'Taux de réussite',
    area: 'Domaine',
    competence: 'Compétence',
    completions: 'Achèvements',
    assessed: 'Auto-évalués',
    before: 'Niveau moyen avant',
    after: 'Niveau moyen après',
    gain: 'Progression',
    direct: 'rattachées directement',
  },
  ar: {
    completionTitle: 'المرصد — مسار المدربين',
    competenceTitle: 'المرصد — كفايات DigComp',
    territory: 'المجال الترابي',
    groupBy: 'التجميع',
    from: 'من شهر',
    to: 'إلى شهر',
    course: 'الدورة',
    all: 'الكل',
    open: 'مفتوح',
    generated: 'أُنتج في',
    suppression:
      'الأعداد من 1 إلى {k1} مخفية (« < {k} ») ؛ قد تُخفى خانة ثانية حتى لا تُستنتج الأولى من المجموع ؛ وتُخفى النسب والوسيطات المحسوبة من أعداد مخفية.',
    total: 'المجموع',
    enrolled: 'المسجلون',
    started: 'بدأوا',
    completed: 'أتمّوا',
    certified: 'الحاصلون على شهادة',
    withdrawn: 'المنسحبون',
    completionRate: 'نسبة الإتمام',
    medianDays: 'وسيط الأيام حتى الإتمام',
    module: 'الوحدة',
    lesson: 'الدرس',
    quizAttempted: 'حاولوا الاختبار',
    quizPassed: 'نجحوا في الاختبار',
    quizPassRate: 'نسبة النجاح',
    area: 'المجال',
    competence: 'الكفاية',
    completions: 'الإتمامات',
    assessed: 'قيّموا أنفسهم',
    before: 'متوسط المستوى قبل',
    after: 'متوسط المستوى بعد',
    gain: 'التقدّم',
    direct: 'ملحقة مباشرة',
  },
  en: {
    completionTitle: 'Observatory — coaches’ progress',
    competenceTitle: 'Observatory — DigComp competences',
    territory: 'Territory',
    groupBy: 'Grouped by',
    from: 'From month',
    to: 'To month',
    course: 'Course',
    all: 'all',
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
    medianDays: 'Median days to completion',
    module: 'Module',
    lesson: 'Lesson',
    quizAttempted: 'Quiz attempted',
    quizPassed: 'Quiz passed',
    quizPassRate: 'Pass rate',
    area: 'Area',
    competence: 'Competence',
    completions: 'Completions',
    assessed: 'Self-assessed',
    before: 'Mean level before',
    after: 'Mean level after',
    gain: 'Gain',
    direct: 'attached directly',
  },
};

const CATEGORY: Record<Locale, Record<string, string>> = {
  fr: {
    territory: 'territoire',
    cohort: 'cohorte',
    course: 'cours',
    module: 'module',
    month: 'mois',
    gender: 'genre',
    ageBand: "tranche d'âge",
    female: 'Femmes',
    male: 'Hommes',
    other: 'Autre',
    unknown: 'Non renseigné',
    under18: 'Moins de 18 ans',
    '18-24': '18–24 ans',
    '25-34': '25–34 ans',
    '35-44': '35–44 ans',
    '45+': '45 ans et plus',
  },
  ar: {
    territory: 'المجال الترابي',
    cohort: 'الفوج',
    course: 'الدورة',
    module: 'الوحدة',
    month: 'الشهر',
    gender: 'الجنس',
    ageBand: 'الفئة العمرية',
    female: 'نساء',
    male: 'رجال',
    other: 'آخر',
    unknown: 'غير مصرّح به',
    under18: 'أقل من 18 سنة',
    '18-24': '18–24 سنة',
    '25-34': '25–34 سنة',
    '35-44': '35–44 سنة',
    '45+': '45 سنة فأكثر',
  },
  en: {
    territory: 'territory',
    cohort: 'cohort',
    course: 'course',
    module: 'module',
    month: 'month',
    gender: 'gender',
    ageBand: 'age band',
    female: 'Women',
    male: 'Men',
    other: 'Other',
    unknown: 'Not stated',
    under18: 'Under 18',
    '18-24': '18–24',
    '25-34': '25–34',
    '35-44': '35–44',
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
    `${words.generated}: ${generatedAt}`,
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
    if (row.key.startsWith('direct:')) return `${text(row.label, lang)} — ${w.direct}`;
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
    title: w.completionTitle,
    notes: common,
    header: [
      head.charAt(0).toUpperCase() + head.slice(1),
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

/** Text cells pass through the formula neutraliser; numbers stay numbers. */
function safe(cell: string | number): string | number {
  return typeof cell === 'number' ? cell : neutraliseCell(cell);
}

/** The file as a stream: CSV (UTF-8 with BOM, for spreadsheets) or XLSX (exceljs' streaming writer). */
export function exportStream(table: ExportTable, format: ExportFormat): Readable {
  const lines: (string | number)[][] = [
    [table.title],
    ...table.notes.map((n) => [n]),
    [],
    table.header,
    ...table.rows,
  ].map((row) => row.map(safe));
  if (format === 'csv') {
    const csv = stringify({ bom: true });
    (async () => {
      for (const line of lines) if (!csv.write(line)) await new Promise((r) => csv.once('drain', r));
      csv.end();
    })().catch((e: unknown) => csv.destroy(e as Error));
    return csv;
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('Observatory');
  const headerAt = table.notes.length + 3;
  lines.forEach((line, i) => {
    const row = sheet.addRow(line);
    if (i === 0 || i + 1 === headerAt) row.font = { bold: true };
    row.commit();
  });
  sheet.commit();
  workbook.commit().catch((e: unknown) => out.destroy(e as Error));
  return out;
}
