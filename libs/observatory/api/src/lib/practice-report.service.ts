import { Inject, Injectable } from '@nestjs/common';
import type { LocalizedText, PracticeReport, PracticeRow } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { ObservatoryScopeService, observatoryTerritory } from './observatory-scope.service';
import { fieldProblem, sliceOf, type StatisticsQuery } from './statistics-query';
import { StatisticsRepository } from './statistics.repository';
import {
  emptyPracticeCounts,
  type PracticeCounts,
  PracticeStatisticsRepository,
} from './practice-statistics.repository';
import { isSmall, medianOf, suppressColumn } from './suppression';

/** A row before suppression. */
export interface PracticeGroup {
  key: string;
  label: LocalizedText | null;
  drillable?: boolean;
  counts: PracticeCounts;
}

const COLUMNS = ['handedIn', 'reviewed', 'passed'] as const;

/**
 * Field practice in a territory: rounds handed in → reviewed → passed and the median days from hand-in
 * to review, per child territory (rolled up its subtree), per cohort and in all, within the months and
 * for the course asked (each stage in the month it happened, as completion counts). Counts of rounds are
 * suppressed like counts of people (below k, with a second cell beside a shown total); a median goes
 * with the reviews it is taken from. Nothing here names a round, a coach or a trainer.
 */
@Injectable()
export class PracticeReportService {
  constructor(
    private readonly practice: PracticeStatisticsRepository,
    private readonly stats: StatisticsRepository,
    private readonly scope: ObservatoryScopeService,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async practiceReport(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'groupBy'>,
  ): Promise<PracticeReport> {
    const k = this.options.k;
    const { territory, breadcrumb } = await this.scope.place(principal, query.territoryId);
    // The months and the course as completion takes them (the same 422s).
    const slice = sliceOf(territory, query);
    const course = query.courseId
      ? (await this.scope.courses([territory.path])).get(query.courseId)
      : undefined;
    if (query.courseId && !course)
      throw fieldProblem(
        'courseId',
        'course-not-in-territory',
        'No cohort of this course in the territory (or no such course)',
      );
    const [byChild, children, cohorts] = await Promise.all([
      this.practice.byChild(slice),
      this.stats.children(territory.id),
      this.practice.cohorts(slice),
    ]);
    const totalCounts = emptyPracticeCounts();
    for (const c of byChild.values()) addInto(totalCounts, c);
    const territoryGroups: PracticeGroup[] = children.map((c) => ({
      key: c.id,
      label: { fr: c.nameFr, ar: c.nameAr, en: c.nameEn },
      drillable: c.hasChildren,
      counts: byChild.get(c.id) ?? emptyPracticeCounts(),
    }));
    const direct = byChild.get('');
    if (direct)
      territoryGroups.push({
        key: `direct:${territory.id}`,
        label: { fr: territory.nameFr, ar: territory.nameAr, en: territory.nameEn },
        counts: direct,
      });
    // Suppression is judged over every cohort; only the page's histograms are read.
    const offset = Math.min(query.offset ?? 0, cohorts.length);
    const end = query.limit === undefined ? cohorts.length : Math.min(cohorts.length, offset + query.limit);
    const days = await this.practice.cohortDays(
      slice,
      cohorts.slice(offset, end).map((c) => c.key),
    );
    const cohortGroups: PracticeGroup[] = cohorts.map((c) => ({
      key: c.key,
      label: { fr: c.name },
      counts: { ...c.counts, days: days.get(c.key) ?? new Map() },
    }));
    const territoriesTable = practiceTable(territoryGroups, totalCounts, k);
    const cohortsTable = practiceTable(cohortGroups, totalCounts, k, { start: offset, end });
    // The same total beside both tables: a cell either table had to hide is hidden.
    const total = mergeHidden(territoriesTable.total, cohortsTable.total);
    return {
      filters: {
        territoryId: territory.id,
        from: query.from ?? null,
        to: query.to ?? null,
        courseId: query.courseId ?? null,
      },
      territory: observatoryTerritory(territory),
      course: course ? { id: course.courseId, title: course.content.title } : null,
      breadcrumb: breadcrumb.map(observatoryTerritory),
      k,
      territories: territoriesTable.rows,
      cohorts: cohortsTable.rows,
      cohortPage: { offset: query.offset ?? 0, limit: query.limit ?? cohorts.length, total: cohorts.length },
      total,
      suppressedCells: territoriesTable.suppressed + cohortsTable.suppressed + hiddenCells(total),
      generatedAt: new Date().toISOString(),
    };
  }
}

/**
 * Suppresses a practice table whose columns add up to `total`: each column on its own (primary and
 * complementary, over every row, shown or not); a median is hidden with its row's reviews, or when the
 * reviews it is taken from are few. `shown` picks the rows answered (all by default).
 */
export function practiceTable(
  groups: PracticeGroup[],
  total: PracticeCounts,
  k: number,
  shown: { start: number; end: number } = { start: 0, end: groups.length },
): {
  rows: PracticeRow[];
  total: PracticeRow;
  /** Cells hidden in the rows (the total's apart). */ suppressed: number;
} {
  const columns = Object.fromEntries(
    COLUMNS.map((c) => [
      c,
      suppressColumn(
        groups.map((g) => g.counts[c]),
        total[c],
        k,
      ),
    ]),
  ) as Record<(typeof COLUMNS)[number], ReturnType<typeof suppressColumn>>;
  let suppressed = 0;
  const row = (
    base: Pick<PracticeRow, 'key' | 'label' | 'drillable'>,
    counts: PracticeCounts,
    cell: (c: (typeof COLUMNS)[number]) => number | null,
  ): PracticeRow => {
    const handedIn = cell('handedIn');
    const reviewed = cell('reviewed');
    const passed = cell('passed');
    const timed = [...counts.days.values()].reduce((s, n) => s + n, 0);
    const medianHidden = reviewed === null || isSmall(timed, k);
    const median = medianHidden ? null : medianOf(counts.days);
    const out = { ...base, handedIn, reviewed, passed, medianDaysToReview: median };
    if (base.key !== 'total') suppressed += hiddenCells(out, timed);
    return out;
  };
  const rows: PracticeRow[] = [];
  groups.forEach((g, i) => {
    if (i < shown.start || i >= shown.end) return;
    rows.push(
      row(
        { key: g.key, label: g.label, ...(g.drillable === undefined ? {} : { drillable: g.drillable }) },
        g.counts,
        (c) => columns[c].cells[i] ?? null,
      ),
    );
  });
  const totalRow = row({ key: 'total', label: null }, total, (c) => columns[c].total);
  return { rows, total: totalRow, suppressed };
}

/** The total with every cell hidden that either table hid. */
function mergeHidden(a: PracticeRow, b: PracticeRow): PracticeRow {
  const pick = <T>(x: T | null, y: T | null) => (x === null || y === null ? null : x);
  return {
    ...a,
    handedIn: pick(a.handedIn, b.handedIn),
    reviewed: pick(a.reviewed, b.reviewed),
    passed: pick(a.passed, b.passed),
    medianDaysToReview: pick(a.medianDaysToReview, b.medianDaysToReview),
  };
}

/** Suppressed cells of a row: its hidden counts, and its median when reviews were timed but it is hidden. */
function hiddenCells(r: PracticeRow, timed = r.reviewed ?? 1): number {
  const counts = [r.handedIn, r.reviewed, r.passed].filter((v) => v === null).length;
  return counts + (r.medianDaysToReview === null && timed > 0 ? 1 : 0);
}

function addInto(into: PracticeCounts, c: PracticeCounts): void {
  into.handedIn += c.handedIn;
  into.reviewed += c.reviewed;
  into.passed += c.passed;
  for (const [d, n] of c.days) into.days.set(d, (into.days.get(d) ?? 0) + n);
}
