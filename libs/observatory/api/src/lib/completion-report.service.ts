import { Inject, Injectable } from '@nestjs/common';
import {
  AGE_BANDS,
  GENDER_CATEGORIES,
  type CompletionReport,
  type ObservatoryGroupBy,
} from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import type { PublishedVersion } from '@tc/catalog/api';
import { CohortTablePageService } from './cohort-table-page.service';
import { funnelTable, type Group, lessonTable } from './completion-table';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { ObservatoryScopeService, observatoryTerritory } from './observatory-scope.service';
import { fieldProblem, sliceOf, type StatisticsQuery } from './statistics-query';
import {
  emptyFunnel,
  type FunnelDimension,
  type Slice,
  StatisticsRepository,
  type TerritoryRow,
} from './statistics.repository';

/**
 * The completion funnel of a territory grouped one way (its children, courses, months, cohorts, gender,
 * age bands, or a course's lessons): aggregates of the rollups, small cells suppressed. Nothing here can
 * name a person: the rollups hold none.
 */
@Injectable()
export class CompletionReportService {
  constructor(
    private readonly stats: StatisticsRepository,
    private readonly scope: ObservatoryScopeService,
    private readonly cohortPages: CohortTablePageService,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async completion(principal: AuthPrincipal, query: StatisticsQuery): Promise<CompletionReport> {
    const k = this.options.k;
    const { territory, breadcrumb } = await this.scope.place(principal, query.territoryId);
    const groupBy = query.groupBy ?? (territory.hasChildren ? 'territory' : 'cohort');
    const slice = sliceOf(territory, query);
    const courses = await this.scope.courses([territory.path]);
    const course = query.courseId ? courses.get(query.courseId) : undefined;
    if (query.courseId && !course)
      throw fieldProblem(
        'courseId',
        'course-not-in-territory',
        'No cohort of this course in the territory (or no such course)',
      );
    if (groupBy === 'module' && !course)
      throw fieldProblem('courseId', 'course-needed', 'Grouping by module needs a course (courseId)');

    const filters = {
      territoryId: territory.id,
      groupBy,
      from: query.from ?? null,
      to: query.to ?? null,
      courseId: query.courseId ?? null,
    };
    const base = {
      filters,
      territory: observatoryTerritory(territory),
      breadcrumb: breadcrumb.map(observatoryTerritory),
      course: course ? { id: course.courseId, title: course.content.title } : null,
      k,
      generatedAt: new Date().toISOString(),
    };
    const offset = query.offset ?? 0;
    if (groupBy === 'cohort' && !query.from && !query.to && query.limit !== undefined) {
      const table = await this.cohortPages.page(slice, offset, query.limit);
      if (table) return { ...base, ...table };
    }
    const paged = <T>(rows: T[]) => ({
      rows: rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit),
      page: { offset, limit: query.limit ?? null, total: rows.length },
    });
    if (groupBy === 'module') {
      const table = lessonTable(course as PublishedVersion, await this.stats.lessons(slice), k);
      return { ...base, ...table, ...paged(table.rows), total: null };
    }
    // Months and cohorts bring the middle of their histograms only: the total's median needs the
    // territory's histogram, read beside the groups.
    const [groups, territoryDays] = await Promise.all([
      this.groups(groupBy, territory, slice, courses),
      groupBy === 'month' || groupBy === 'cohort' ? this.stats.completionDays(slice) : undefined,
    ]);
    const start = Math.min(offset, groups.length);
    const shown = {
      start,
      end: query.limit === undefined ? groups.length : Math.min(groups.length, start + query.limit),
    };
    if (groupBy === 'cohort') {
      // Cohorts bring the middle of their histograms for the rows shown only (a territory may hold thousands).
      const page = groups.slice(shown.start, shown.end);
      const middles = await this.stats.cohortMiddles(
        slice,
        page.map((g) => g.key),
      );
      for (const g of page) g.funnel.middle = middles.get(g.key);
    }
    const table = funnelTable(groups, groupBy, shown, k, territoryDays);
    return {
      ...base,
      ...table,
      page: { offset, limit: query.limit ?? null, total: groups.length },
    };
  }

  private async groups(
    groupBy: Exclude<ObservatoryGroupBy, 'module'>,
    territory: TerritoryRow,
    slice: Slice,
    courses: Map<string, PublishedVersion>,
  ): Promise<Group[]> {
    if (groupBy === 'cohort') {
      // In the order of their names (sorted by the database).
      const { funnels, names } = await this.stats.cohortFunnels(slice);
      return [...funnels.entries()].map(([key, funnel]) => ({
        key,
        label: { fr: names.get(key) ?? '' },
        funnel,
      }));
    }
    const dimension: Record<typeof groupBy, FunnelDimension> = {
      territory: 'child',
      course: 'course_id',
      month: 'month',
      gender: 'gender',
      ageBand: 'age_band',
    };
    const funnels = await this.stats.funnel(slice, dimension[groupBy]);
    const at = (key: string) => funnels.get(key) ?? emptyFunnel();
    switch (groupBy) {
      case 'territory': {
        const children = await this.stats.children(territory.id);
        const rows: Group[] = children.map((c) => ({
          key: c.id,
          label: { fr: c.nameFr, ar: c.nameAr, en: c.nameEn },
          drillable: c.hasChildren,
          funnel: at(c.id),
        }));
        // Cohorts attached to the territory itself, not to one of its children.
        const direct = funnels.get('');
        if (direct)
          rows.push({
            key: `direct:${territory.id}`,
            label: { fr: territory.nameFr, ar: territory.nameAr, en: territory.nameEn },
            funnel: direct,
          });
        return rows;
      }
      case 'course':
        return [...funnels.entries()].map(([key, funnel]) => ({
          key,
          label: courses.get(key)?.content.title ?? null,
          funnel,
        }));
      case 'month':
        return months(slice, [...funnels.keys()]).map((m) => ({
          key: m,
          label: null,
          funnel: at(`${m}-01`),
        }));
      case 'gender':
        return GENDER_CATEGORIES.map((g) => ({ key: g, label: null, funnel: at(g) }));
      case 'ageBand':
        return AGE_BANDS.map((b) => ({ key: b, label: null, funnel: at(b) }));
    }
  }
}

/** Every month of the window (or of the data, where the window is open), as `YYYY-MM`. */
function months(slice: Slice, keys: string[]): string[] {
  const known = keys.map((k) => k.slice(0, 7)).sort();
  const first = slice.from?.slice(0, 7) ?? known[0];
  const last = slice.to?.slice(0, 7) ?? known[known.length - 1];
  if (!first || !last) return [];
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}
