import type { AssessmentPhase, Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/**
 * Ratings given so far in a self-assessment, kept on the device until they are saved: a coach who
 * leaves the page (or loses the connection) comes back to where they stopped. One entry per
 * enrolment and phase, beside the skip marks of `assessment-skips.ts`.
 */
export type Ratings = Record<string, number>;

/** Seconds a coach takes, about, to read one competence's levels and pick one. */
export const SECONDS_PER_COMPETENCE = 20;

const key = (enrolmentId: string, phase: AssessmentPhase) =>
  `tc.selfAssessment.draft.${enrolmentId}.${phase}`;

const isLevel = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 8;

/**
 * The ratings kept for this enrolment and phase, limited to the competences rated now (the course
 * may have changed since) and to valid levels; `{}` when nothing usable is kept.
 */
export function readDraft(
  storage: Storage | null | undefined,
  enrolmentId: string,
  phase: AssessmentPhase,
  codes: readonly string[],
): Ratings {
  let kept: unknown;
  try {
    kept = JSON.parse(storage?.getItem(key(enrolmentId, phase)) ?? 'null');
  } catch {
    return {};
  }
  if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return {};
  const entries = Object.entries(kept as Record<string, unknown>).filter(
    (e): e is [string, number] => codes.includes(e[0]) && isLevel(e[1]),
  );
  return Object.fromEntries(entries);
}

export function writeDraft(
  storage: Storage | null | undefined,
  enrolmentId: string,
  phase: AssessmentPhase,
  ratings: Ratings,
): void {
  try {
    if (Object.keys(ratings).length) storage?.setItem(key(enrolmentId, phase), JSON.stringify(ratings));
    else storage?.removeItem(key(enrolmentId, phase));
  } catch {
    // Storage full or disabled: the ratings live as long as the page, as they did before.
  }
}

export function clearDraft(
  storage: Storage | null | undefined,
  enrolmentId: string,
  phase: AssessmentPhase,
): void {
  try {
    storage?.removeItem(key(enrolmentId, phase));
  } catch {
    // Nothing to clear where storage is disabled.
  }
}

/** How many of `codes` are rated. */
export function ratedCount(codes: readonly string[], ratings: Ratings): number {
  return codes.filter((c) => ratings[c] !== undefined).length;
}

/**
 * Where to resume, in the course's order of competences: the first one not rated; the last one
 * (where the save button is) when all are rated but not saved yet.
 */
export function resumeStep(codes: readonly string[], ratings: Ratings): number {
  const i = codes.findIndex((c) => ratings[c] === undefined);
  return i >= 0 ? i : Math.max(0, codes.length - 1);
}

/** Whole minutes to rate `count` competences, at least one. */
export function minutesToRate(count: number, secondsEach = SECONDS_PER_COMPETENCE): number {
  return Math.max(1, Math.ceil((count * secondsEach) / 60));
}

/**
 * Intl's long "minute" unit (`{ style: 'unit', unit: 'minute', unitDisplay: 'long' }`) for whole
 * numbers 0–999, by the plural form Intl.PluralRules picks: the same words without building a unit
 * formatter, whose first use costs a phone tens of milliseconds (ICU's unit data) on the course
 * page's first render. `{0}` stands for the number, written with the digits 0–9 in all three
 * languages (ar-MA's numbering system is Latin). A spec checks both ways agree.
 */
const MINUTES: Record<Locale, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  fr: { one: '{0} minute', other: '{0} minutes' },
  en: { one: '{0} minute', other: '{0} minutes' },
  ar: {
    zero: '{0} دقيقة',
    one: 'دقيقة',
    two: 'دقيقتان',
    few: '{0} دقائق',
    many: '{0} دقيقة',
    other: '{0} دقيقة',
  },
};

const pluralRules = new Map<string, Intl.PluralRules>();
const minuteFormats = new Map<string, Intl.NumberFormat>();

/** "5 minutes", "5 دقائق", "دقيقتان": the number with its unit, in words, as the language says it. */
export function minutesInWords(minutes: number, lang: Locale): string {
  const locale = intlLocale(lang);
  if (Number.isInteger(minutes) && minutes >= 0 && minutes < 1000) {
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    const words = MINUTES[lang]?.[rules.select(minutes)];
    if (words) return words.replace('{0}', String(minutes));
  }
  let format = minuteFormats.get(locale);
  if (!format)
    minuteFormats.set(
      locale,
      (format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' })),
    );
  return format.format(minutes);
}
