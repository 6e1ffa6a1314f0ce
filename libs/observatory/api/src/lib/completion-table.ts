// The completion table's rows as an observer sees them: counts suppressed below k, and the rates and
// medians that would give a hidden count away hidden too. Pure: the counts come from the caller.
import type { CompletionRow, LocalizedText, ObservatoryGroupBy } from '@tc/shared/contracts';
import type { PublishedVersion } from '@tc/catalog/api';
import { type CohortCounts, emptyFunnel, type Funnel, type LessonCounts } from './statistics.repository';
import { bucketDay, medianDays, rate, suppressColumn } from './suppression';

export const FUNNEL_COLUMNS = ['enrolled', 'started', 'completed', 'certified', 'withdrawn'] as const;
export type FunnelColumn = (typeof FUNNEL_COLUMNS)[number];

/** One row of a table grouped by territory, course, month, cohort, gender or age band. */
export interface Group {
  key: string;
  label: LocalizedText | null;
  drillable?: boolean;
  funnel: Funnel;
}

export function funnelOf(counts: CohortCounts): Funnel {
  const { enrolled, started, completed, certified, withdrawn } = counts;
  return { enrolled, started, completed, certified, withdrawn, days: new Map() };
}

/** How a table grouped this way judges a row once its cells are suppressed, and builds it. */
export function rowRules(groupBy: ObservatoryGroupBy, k: number) {
  // A month's completions are not that month's enrolments': no rate per month.
  const withRate = groupBy !== 'month';
  // Days to completion are kept by territory, course and month, not by gender or age band.
  const withMedian = groupBy !== 'gender' && groupBy !== 'ageBand';
  /** What a row shows, and how many of its cells are hidden. */
  const judge = (funnel: Funnel, cell: (c: FunnelColumn) => number | null) => {
    const counts = {
      enrolled: cell('enrolled'),
      started: cell('started'),
      completed: cell('completed'),
      certified: cell('certified'),
      withdrawn: cell('withdrawn'),
    };
    let hidden = FUNNEL_COLUMNS.filter((c) => counts[c] === null).length;
    const completionRate = withRate ? rate(counts.completed, counts.enrolled) : null;
    if (withRate && completionRate === null && funnel.enrolled > 0) hidden++;
    // Shown only beside a shown completion count of at least k (decided on the counts, so rows
    // off the page, whose histograms were not read, count their hidden medians all the same).
    const medianShown = counts.completed !== null && counts.completed >= k;
    if (withMedian && !medianShown && funnel.completed > 0) hidden++;
    return { counts, completionRate, medianShown, hidden };
  };
  const row = (
    key: string,
    label: LocalizedText | null,
    funnel: Funnel,
    judged: ReturnType<typeof judge>,
    drillable?: boolean,
  ): CompletionRow => {
    const out: CompletionRow = { key, label, ...judged.counts };
    if (drillable !== undefined) out.drillable = drillable;
    if (withRate) out.completionRate = judged.completionRate;
    if (withMedian)
      out.medianDaysToCompletion = !judged.medianShown
        ? null
        : funnel.middle
          ? (bucketDay(funnel.middle[0]) + bucketDay(funnel.middle[1])) / 2
          : medianDays(funnel.days);
    return out;
  };
  return { judge, row };
}

/**
 * Suppresses the table column by column against its total, then the rates and medians. Rows are
 * built for the page `shown` only (a territory may hold thousands of cohorts); the rows off the page
 * are judged all the same, so `suppressedCells` counts the whole table.
 */
export function funnelTable(
  groups: Group[],
  groupBy: ObservatoryGroupBy,
  shown: { start: number; end: number },
  k: number,
  totalDays?: Map<number, number>,
): { rows: CompletionRow[]; total: CompletionRow; suppressedCells: number } {
  const totalFunnel = emptyFunnel();
  for (const g of groups) {
    for (const c of FUNNEL_COLUMNS) totalFunnel[c] += g.funnel[c];
    if (!totalDays)
      for (const [d, n] of g.funnel.days) totalFunnel.days.set(d, (totalFunnel.days.get(d) ?? 0) + n);
  }
  if (totalDays) totalFunnel.days = totalDays;
  const columns = new Map<FunnelColumn, ReturnType<typeof suppressColumn>>(
    FUNNEL_COLUMNS.map((c) => [
      c,
      suppressColumn(
        groups.map((g) => g.funnel[c]),
        totalFunnel[c],
        k,
      ),
    ]),
  );
  const { judge, row } = rowRules(groupBy, k);
  let suppressed = 0;
  const rows: CompletionRow[] = [];
  groups.forEach((g, i) => {
    const judged = judge(g.funnel, (c) => columns.get(c)?.cells[i] ?? null);
    suppressed += judged.hidden;
    if (i >= shown.start && i < shown.end) rows.push(row(g.key, g.label, g.funnel, judged, g.drillable));
  });
  const totalJudged = judge(totalFunnel, (c) => columns.get(c)?.total ?? null);
  suppressed += totalJudged.hidden;
  const total = row('total', null, totalFunnel, totalJudged);
  return { rows, total, suppressedCells: suppressed };
}

/** Lesson by lesson in the course's order (latest version), quizzes with their pass rates. */
export function lessonTable(
  course: PublishedVersion,
  lessons: LessonCounts[],
  k: number,
): { rows: CompletionRow[]; suppressedCells: number } {
  const counts = new Map(lessons.map((l) => [l.lessonKey, l]));
  const ordered: { key: string; title: LocalizedText; module: CompletionRow['module']; quiz: boolean }[] = [];
  for (const m of course.content.modules)
    for (const l of m.lessons)
      ordered.push({
        key: l.key,
        title: l.title,
        module: { key: m.key, title: m.title },
        quiz: l.kind === 'quiz',
      });
  // Lessons counted under an earlier version but no longer in the latest one.
  for (const key of counts.keys())
    if (!ordered.some((o) => o.key === key))
      ordered.push({ key, title: { fr: key }, module: null, quiz: false });
  let suppressed = 0;
  const hide = (v: number): number | null => {
    const [shown] = suppressColumn([v], null, k).cells;
    if (shown === null) suppressed++;
    return shown ?? null;
  };
  const rows = ordered.map((o) => {
    const c = counts.get(o.key);
    const row: CompletionRow = {
      key: o.key,
      label: o.title,
      module: o.module,
      quiz: o.quiz,
      started: hide(c?.started ?? 0),
      completed: hide(c?.completed ?? 0),
    };
    if (o.quiz) {
      row.quizAttempted = hide(c?.attempted ?? 0);
      // Passing a quiz is what completes it.
      row.quizPassed = row.completed;
      row.quizPassRate = rate(row.quizPassed, row.quizAttempted);
      if (row.quizPassRate === null && (c?.attempted ?? 0) > 0) suppressed++;
    }
    return row;
  });
  return { rows, suppressedCells: suppressed };
}
