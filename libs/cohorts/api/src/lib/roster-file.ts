import { stringify } from 'csv-stringify/sync';
import type { CourseContent, Locale, LocalizedName, LocalizedText, RosterRow } from '@tc/shared/contracts';
import { neutraliseCell } from '@tc/shared/api';

/**
 * The roster file's words: the screen's own (apps/web/public/i18n/*.json, the keys named here), so that
 * the file says what the page says; roster-file.spec.ts fails when the two differ. Copied, not read at
 * run time: the API does not ship the web's files.
 */
export const ROSTER_FILE_WORDS = {
  fr: {
    'cohorts.roster.name': 'Nom',
    'common.email': 'Adresse e-mail',
    'cohorts.fields.territory': 'Territoire',
    'cohorts.roster.accountTitle': 'Compte',
    'cohorts.roster.account.active': 'Actif',
    'cohorts.roster.account.invited': 'Invité·e',
    'cohorts.roster.account.disabled': 'Désactivé',
    'cohorts.roster.enrolment': 'Inscription',
    'cohorts.roster.enrolmentStatus.active': 'Inscrit·e',
    'cohorts.roster.enrolmentStatus.withdrawn': 'Retiré·e',
    'cohorts.coach.enrolledAt': 'Inscrit·e le',
    'cohorts.coach.lessonsDone': 'Leçons faites',
    'cohorts.rosterFile.lessonsTotal': 'Leçons du cours',
    'cohorts.roster.lastActivity': 'Dernière activité',
    'cohorts.roster.overdue': 'Modules en retard',
    'cohorts.rosterFile.zoned': '{{ column }} (heure du Maroc)',
    'cohorts.rosterFile.moduleLessons': '{{ module }} : leçons faites sur {{ total }}',
    'cohorts.rosterFile.quizBest': '{{ quiz }} : meilleur score (%)',
  },
  ar: {
    'cohorts.roster.name': 'الاسم',
    'common.email': 'البريد الإلكتروني',
    'cohorts.fields.territory': 'المجال الترابي',
    'cohorts.roster.accountTitle': 'الحساب',
    'cohorts.roster.account.active': 'نشط',
    'cohorts.roster.account.invited': 'مدعو',
    'cohorts.roster.account.disabled': 'معطَّل',
    'cohorts.roster.enrolment': 'التسجيل',
    'cohorts.roster.enrolmentStatus.active': 'مسجَّل',
    'cohorts.roster.enrolmentStatus.withdrawn': 'منسحب',
    'cohorts.coach.enrolledAt': 'تاريخ التسجيل',
    'cohorts.coach.lessonsDone': 'الدروس المنجزة',
    'cohorts.rosterFile.lessonsTotal': 'دروس الدورة',
    'cohorts.roster.lastActivity': 'آخر نشاط',
    'cohorts.roster.overdue': 'وحدات متأخرة',
    'cohorts.rosterFile.zoned': '{{ column }} (بتوقيت المغرب)',
    'cohorts.rosterFile.moduleLessons': '{{ module }}: الدروس المنجزة من {{ total }}',
    'cohorts.rosterFile.quizBest': '{{ quiz }}: أفضل نتيجة (%)',
  },
  en: {
    'cohorts.roster.name': 'Name',
    'common.email': 'E-mail address',
    'cohorts.fields.territory': 'Territory',
    'cohorts.roster.accountTitle': 'Account',
    'cohorts.roster.account.active': 'Active',
    'cohorts.roster.account.invited': 'Invited',
    'cohorts.roster.account.disabled': 'Disabled',
    'cohorts.roster.enrolment': 'Enrolment',
    'cohorts.roster.enrolmentStatus.active': 'Enrolled',
    'cohorts.roster.enrolmentStatus.withdrawn': 'Withdrawn',
    'cohorts.coach.enrolledAt': 'Enrolled on',
    'cohorts.coach.lessonsDone': 'Lessons done',
    'cohorts.rosterFile.lessonsTotal': 'Lessons in the course',
    'cohorts.roster.lastActivity': 'Last activity',
    'cohorts.roster.overdue': 'Overdue modules',
    'cohorts.rosterFile.zoned': '{{ column }} (Morocco time)',
    'cohorts.rosterFile.moduleLessons': '{{ module }}: lessons done of {{ total }}',
    'cohorts.rosterFile.quizBest': '{{ quiz }}: best score (%)',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type WordKey = keyof (typeof ROSTER_FILE_WORDS)['fr'];

/** The time zone of the file's moments: the platform's territories are in Morocco. */
export const ROSTER_TIME_ZONE = 'Africa/Casablanca';

/** A roster row with what only the file shows: where the coach works, lessons done, quiz scores. */
export interface RosterFileRow extends RosterRow {
  territory: { name: LocalizedName; code: string | null } | null;
  /** Keys of the lessons done (of the cohort's version). */
  done: ReadonlySet<string>;
  /** Quiz lesson key → best percentage. */
  bestPercent: ReadonlyMap<string, number>;
}

function word(lang: Locale, key: WordKey, params: Record<string, string | number> = {}): string {
  return ROSTER_FILE_WORDS[lang][key].replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) =>
    String(params[name] ?? ''),
  );
}

/** Course text in `lang`, else the course's default language, else any. */
function text(value: LocalizedText, lang: Locale, fallback: Locale): string {
  return (
    value[lang]?.trim() ||
    value[fallback]?.trim() ||
    Object.values(value)
      .find((t) => t?.trim())
      ?.trim() ||
    ''
  );
}

/**
 * `2027-01-20 11:00`: a moment in Morocco's time (UTC+1, UTC+0 in Ramadan) as spreadsheets read a date
 * and time, sortable as text too. Empty for no moment.
 */
export function spreadsheetMoment(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ROSTER_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** The day in Morocco, `YYYY-MM-DD`. */
export function moroccoDay(at: Date): string {
  return spreadsheetMoment(at.toISOString()).slice(0, 10);
}

/**
 * The roster as the file's lines, in `lang`: one line per coach, the columns of the screen, then where
 * the coach works, lessons done in each module and the best score of each quiz.
 */
export function rosterFileLines(
  rows: RosterFileRow[],
  content: Pick<CourseContent, 'modules' | 'defaultLocale'>,
  lang: Locale,
): (string | number)[][] {
  const t = (value: LocalizedText) => text(value, lang, content.defaultLocale);
  const zoned = (key: WordKey) => word(lang, 'cohorts.rosterFile.zoned', { column: word(lang, key) });
  const quizzes = content.modules.flatMap((m) => m.lessons.filter((l) => l.kind === 'quiz'));
  const moduleTitles = new Map(content.modules.map((m) => [m.key, t(m.title)]));
  const header = [
    word(lang, 'cohorts.roster.name'),
    word(lang, 'common.email'),
    word(lang, 'cohorts.fields.territory'),
    word(lang, 'cohorts.roster.accountTitle'),
    word(lang, 'cohorts.roster.enrolment'),
    zoned('cohorts.coach.enrolledAt'),
    word(lang, 'cohorts.coach.lessonsDone'),
    word(lang, 'cohorts.rosterFile.lessonsTotal'),
    zoned('cohorts.roster.lastActivity'),
    word(lang, 'cohorts.roster.overdue'),
    ...content.modules.map((m) =>
      word(lang, 'cohorts.rosterFile.moduleLessons', { module: t(m.title), total: m.lessons.length }),
    ),
    ...quizzes.map((q) => word(lang, 'cohorts.rosterFile.quizBest', { quiz: t(q.title) })),
  ];
  const lines = rows.map((r) => [
    r.displayName,
    r.email,
    r.territory
      ? r.territory.code
        ? `${r.territory.name[lang]} (${r.territory.code})`
        : r.territory.name[lang]
      : '',
    word(lang, `cohorts.roster.account.${r.accountStatus}`),
    word(lang, `cohorts.roster.enrolmentStatus.${r.enrolmentStatus}`),
    spreadsheetMoment(r.enrolledAt),
    r.lessonsDone,
    r.lessonsTotal,
    spreadsheetMoment(r.lastActivityAt),
    r.overdueModules.map((k) => moduleTitles.get(k) ?? k).join(', '),
    ...content.modules.map((m) => m.lessons.filter((l) => r.done.has(l.key)).length),
    ...quizzes.map((q) => r.bestPercent.get(q.key) ?? ''),
  ]);
  return [header, ...lines];
}

/**
 * The lines as CSV for French (and Moroccan) spreadsheets: UTF-8 with a byte order mark, `;` between
 * cells, CRLF between lines, quoted as RFC 4180 says (a cell holding `;`, a quote or a line break is
 * quoted, its quotes doubled). No text cell starts with a formula character (`=`, `+`, `-`, `@`…).
 */
export function csvText(lines: (string | number)[][]): string {
  const safe = lines.map((line) => line.map((c) => (typeof c === 'number' ? c : neutraliseCell(c))));
  // The record delimiter is CRLF: a lone line feed (a name pasted with one) is quoted too.
  return stringify(safe, { bom: true, delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/**
 * `roster-<cohort>-<YYYY-MM-DD>.csv`, the cohort's name reduced to lower-case letters, digits and
 * dashes (accents dropped; Arabic letters kept), the day in Morocco; and a plain-ASCII name for
 * clients that do not read RFC 5987's `filename*`.
 */
export function rosterFileName(cohortName: string, at: Date): { name: string; ascii: string } {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  const day = moroccoDay(at);
  const name = slug(cohortName);
  const ascii = slug(name.replace(/[^a-z0-9]+/g, '-'));
  return {
    name: ['roster', name, day].filter(Boolean).join('-') + '.csv',
    ascii: ['roster', ascii, day].filter(Boolean).join('-') + '.csv',
  };
}

/** `attachment` with both names: the UTF-8 one (RFC 5987) and the ASCII fallback. */
export function attachmentHeader(file: { name: string; ascii: string }): string {
  return `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
}
