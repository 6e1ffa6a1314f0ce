import type { LocalizedText } from './catalog';
import type { Locale, LocalizedName } from './locale';

// The observatory answers with aggregates only: no names, e-mails or ids of people, ever.

export const OBSERVATORY_GROUPS = [
  'territory',
  'cohort',
  'course',
  'module',
  'month',
  'gender',
  'ageBand',
] as const;
export type ObservatoryGroupBy = (typeof OBSERVATORY_GROUPS)[number];

/** Self-declared gender; `unknown` gathers coaches who did not say or withheld it. */
export const GENDER_CATEGORIES = ['female', 'male', 'other', 'unknown'] as const;
export type GenderCategory = (typeof GENDER_CATEGORIES)[number];

/**
 * Age at enrolment (year of enrolment minus year of birth). The programme's bands, plus `under18`
 * (the platform accepts coaches from 15) and `unknown` for coaches who did not say or withheld it.
 */
export const AGE_BANDS = ['under18', '18-24', '25-34', '35-44', '45+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A count of people, or `null` where it is suppressed: fewer than `k` people (and more than none), or a
 * second cell hidden so that the first cannot be recovered from a shown total.
 */
export type Count = number | null;
/** A proportion between 0 and 1, or `null` where it is suppressed or has no denominator. */
export type Rate = number | null;

/**
 * One row of a completion table. Every stage is counted in the month it happened: `enrolled` by the
 * enrolment date, `started` by the first lesson opened, `completed` by the course completion, `certified`
 * by the certificate (revoked ones excluded). Withdrawn coaches leave every stage and are counted in
 * `withdrawn` (by enrolment month).
 *
 * Fields that do not apply to a grouping are absent (lesson rows of `groupBy=module` have no
 * `enrolled`, `certified`, `withdrawn`, `completionRate` or `medianDaysToCompletion`; month rows no
 * `completionRate`; gender and age-band rows no `medianDaysToCompletion`).
 */
export interface CompletionRow {
  /**
   * territory: territory id (or `direct:<id>` for cohorts attached to the territory itself);
   * cohort: cohort id; course: course id; module: lesson key; month: `YYYY-MM`;
   * gender: a GenderCategory; ageBand: an AgeBand.
   */
  key: string;
  /** Display name for territories, cohorts, courses and lessons; `null` where the key says it all. */
  label: LocalizedText | null;
  /** Lesson rows: the module they belong to (`null` for lessons no longer in the latest version). */
  module?: { key: string; title: LocalizedText } | null;
  /** Lesson rows: whether the lesson is a quiz. */
  quiz?: boolean;
  /** Territory rows: whether the territory has children to drill into. */
  drillable?: boolean;
  enrolled?: Count;
  started: Count;
  completed: Count;
  certified?: Count;
  withdrawn?: Count;
  /** completed / enrolled. */
  completionRate?: Rate;
  /**
   * Median days from the first lesson opened to the completion of the course: to the day up to 30,
   * to the week (its middle) up to six months, to the month beyond.
   */
  medianDaysToCompletion?: number | null;
  /** Quiz lessons: coaches who submitted at least one attempt, and who passed. */
  quizAttempted?: Count;
  quizPassed?: Count;
  /** quizPassed / quizAttempted. */
  quizPassRate?: Rate;
}

export interface ObservatoryTerritory {
  id: string;
  code: string;
  name: LocalizedName;
  /** Whether it has children to drill into. */
  drillable: boolean;
}

export interface ObservatoryFilters {
  territoryId: string;
  groupBy: ObservatoryGroupBy;
  /** Inclusive months, `YYYY-MM`; `null` = open. */
  from: string | null;
  to: string | null;
  courseId: string | null;
}

export interface CompletionReport {
  filters: ObservatoryFilters;
  territory: ObservatoryTerritory;
  /** From the top of the caller's scope down to `territory` (inclusive), for drill-up links. */
  breadcrumb: ObservatoryTerritory[];
  course: { id: string; title: LocalizedText } | null;
  /** The suppression threshold: counts from 1 to k − 1 are shown as "< k". */
  k: number;
  /** The rows of the page asked for (`offset`, `limit`), in the table's order. */
  rows: CompletionRow[];
  /** Which rows these are: `total` rows in the whole table, `limit` null when all were asked for. */
  page: { offset: number; limit: number | null; total: number };
  /** The whole territory (absent for `groupBy=module`, where lesson rows do not add up). */
  total: CompletionRow | null;
  /** How many cells (counts, rates, medians) were suppressed. */
  suppressedCells: number;
  generatedAt: string;
}

export interface CompetenceRow {
  /** DigComp competence code, "1.1" … "5.4". */
  code: string;
  title: Record<Locale, string>;
  /** Coaches who rated themselves on it both when starting and when completing a course. */
  assessed: Count;
  /** Mean self-assessed level (1–8) at the start and at the end, over those coaches. */
  before: number | null;
  after: number | null;
  /** after − before. */
  gain: number | null;
}

export interface CompetenceAreaRow {
  /** DigComp area code, "1" … "5". */
  code: string;
  title: Record<Locale, string>;
  /** Course completions in courses covering at least one competence of the area. */
  completions: Count;
  competences: CompetenceRow[];
}

export interface CompetenceReport {
  filters: Omit<ObservatoryFilters, 'groupBy'>;
  territory: ObservatoryTerritory;
  breadcrumb: ObservatoryTerritory[];
  k: number;
  areas: CompetenceAreaRow[];
  suppressedCells: number;
  generatedAt: string;
}

/** What the caller may look at: the top territories of their scope and the courses with cohorts. */
export interface ObservatoryScope {
  territories: ObservatoryTerritory[];
  courses: { id: string; title: LocalizedText }[];
  k: number;
}

/**
 * One row of the field-practice table: rounds of practical tasks handed in (withdrawals excluded),
 * reviewed and passed, and how long the reviewed ones waited. Counts of rounds, suppressed like counts
 * of people.
 */
export interface PracticeRow {
  /** Territory rows: territory id (or `direct:<id>` for cohorts attached to the territory itself); cohort rows: cohort id. */
  key: string;
  label: LocalizedText | null;
  /** Territory rows: whether the territory has children to drill into. */
  drillable?: boolean;
  handedIn: Count;
  reviewed: Count;
  passed: Count;
  /**
   * Median whole days from hand-in to review (the mean of the two middle ones for an even count); 31
   * stands for "more than 30". `null` where the reviews are suppressed or there are none.
   */
  medianDaysToReview: number | null;
}

/**
 * Field practice in a territory: per child territory (rolled up its subtree), per cohort, and in all,
 * within the months and for the course asked. Each stage is counted in the month it happened:
 * `handedIn` by the hand-in, `reviewed`, `passed` and the days to review by the review.
 */
export interface PracticeReport {
  filters: Omit<ObservatoryFilters, 'groupBy'>;
  territory: ObservatoryTerritory;
  /** The course asked for (`courseId`), else `null`. */
  course: { id: string; title: LocalizedText } | null;
  breadcrumb: ObservatoryTerritory[];
  k: number;
  /** The territory's children (and its own cohorts as a `direct:` row). */
  territories: PracticeRow[];
  /** The page of cohorts asked for (`offset`, `limit`), in the order of their names. */
  cohorts: PracticeRow[];
  cohortPage: { offset: number; limit: number; total: number };
  total: PracticeRow;
  /** How many cells (counts, medians) were suppressed. */
  suppressedCells: number;
  generatedAt: string;
}
