/** Stage counts of one group, with its histogram of days to completion. */
export interface Funnel {
  enrolled: number;
  started: number;
  completed: number;
  certified: number;
  withdrawn: number;
  days: Map<number, number>;
  /** Where the histogram stayed in the database: its two middle buckets (the same for an odd count). */
  middle?: [number, number];
}

export interface LessonCounts {
  courseId: string;
  lessonKey: string;
  started: number;
  completed: number;
  attempted: number;
}

export interface AssessmentSums {
  competenceCode: string;
  assessed: number;
  sumBefore: number;
  sumAfter: number;
}

export interface TerritoryRow {
  id: string;
  code: string | null;
  level: string;
  nameFr: string;
  nameAr: string;
  nameEn: string;
  path: string;
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
}

/** Where the rows come from: a territory subtree, months (first days, inclusive) and a course. */
export interface Slice {
  path: string;
  from: string | null;
  to: string | null;
  courseId: string | null;
}

/** Which column of `obs_funnel` a grouping reads. */
export type FunnelDimension = 'child' | 'course_id' | 'month' | 'gender' | 'age_band';

export interface FunnelSums {
  enrolled: number;
  started: number;
  completed: number;
  certified: number;
  withdrawn: number;
}

export const COHORT_COLUMNS = ['enrolled', 'started', 'completed', 'certified', 'withdrawn'] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];

/** One cohort's all-time counts. */
export interface CohortCounts extends FunnelSums {
  key: string;
  name: string;
}

/** A page of the all-time cohort table of a subtree, and its whole columns as suppression judges them. */
export interface CohortTablePage {
  /** The k the summary was judged with (obs_settings). */
  k: number;
  cohorts: number;
  /** Cells from 1 to k − 1, per column. */
  small: Record<CohortColumn, number>;
  /** Rows with enrolled > 0 and enrolled or completed small. */
  rateHidden: number;
  /** Rows with completed small. */
  medianHidden: number;
  totals: Record<CohortColumn, number>;
  /** Per column with one small cell beside a total that is not small: the cell hidden with it, if any. */
  second: Map<CohortColumn, CohortCounts>;
  page: CohortCounts[];
}

export function emptyFunnel(): Funnel {
  return { enrolled: 0, started: 0, completed: 0, certified: 0, withdrawn: 0, days: new Map() };
}

/** Counts and day histograms (rows keyed by group) added up into one funnel per group. */
export function funnels(
  counts: (FunnelSums & { key: string })[],
  days: { key: string; days: number; n: number }[],
): Map<string, Funnel> {
  const out = new Map<string, Funnel>();
  const at = (key: string) => {
    const f = out.get(key) ?? emptyFunnel();
    out.set(key, f);
    return f;
  };
  for (const r of counts) {
    const f = at(r.key);
    f.enrolled += r.enrolled;
    f.started += r.started;
    f.completed += r.completed;
    f.certified += r.certified;
    f.withdrawn += r.withdrawn;
  }
  for (const d of days) {
    const f = at(d.key);
    f.days.set(d.days, (f.days.get(d.days) ?? 0) + d.n);
  }
  return out;
}
