import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  AGE_BANDS,
  GENDER_CATEGORIES,
  type CompetenceAreaRow,
  type CompetenceReport,
  type CompletionReport,
  type CompletionRow,
  type LocalizedText,
  type ObservatoryGroupBy,
  type ObservatoryScope,
  type ObservatoryTerritory,
} from '@tc/shared/contracts';
import { type AuthPrincipal, ProblemException } from '@tc/shared/api';
import { CatalogReader, DIGCOMP_AREAS, type PublishedVersion } from '@tc/catalog/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import {
  type CohortCounts,
  emptyFunnel,
  type Funnel,
  type FunnelDimension,
  type Slice,
  StatisticsRepository,
  type TerritoryRow,
} from './statistics.repository';
import { bucketDay, isSmall, medianDays, rate, suppressColumn } from './suppression';

export interface StatisticsQuery {
  territoryId?: string;
  groupBy?: ObservatoryGroupBy;
  from?: string;
  to?: string;
  courseId?: string;
  /** A page of the rows (all of them when absent); suppression is decided over the whole table. */
  offset?: number;
  limit?: number;
}

const FUNNEL_COLUMNS = ['enrolled', 'started', 'completed', 'certified', 'withdrawn'] as const;
type FunnelColumn = (typeof FUNNEL_COLUMNS)[number];

interface Group {
  key: string;
  label: LocalizedText | null;
  drillable?: boolean;
  funnel: Funnel;
}

/**
 * Completion statistics for observers and admins: aggregates of the rollups, within the caller's
 * territories, small cells suppressed. Nothing here can name a person: the rollups hold none.
 */
@Injectable()
export class ObservatoryService implements OnModuleInit {
  private readonly log = new Logger(ObservatoryService.name);

  constructor(
    private readonly stats: StatisticsRepository,
    private readonly catalog: CatalogReader,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  get k(): number {
    return this.options.k;
  }

  /** The database's summary of small cells is judged with this app's k (rebuilt when k changed). */
  async onModuleInit(): Promise<void> {
    if (await this.stats.adoptK(this.k))
      this.log.log(`Small-cell summary rebuilt for k = ${this.k} (OBSERVATORY_K changed)`);
  }

  async scope(principal: AuthPrincipal): Promise<ObservatoryScope> {
    const roots = await this.scopeRoots(principal);
    const courses = await this.courses(roots.map((r) => r.path));
    return {
      territories: roots.map(observatoryTerritory),
      courses: [...courses.values()].map((v) => ({ id: v.courseId, title: v.content.title })),
      k: this.k,
    };
  }

  async completion(principal: AuthPrincipal, query: StatisticsQuery): Promise<CompletionReport> {
    const { territory, breadcrumb } = await this.place(principal, query.territoryId);
    const groupBy = query.groupBy ?? (territory.hasChildren ? 'territory' : 'cohort');
    const slice = this.slice(territory, query);
    const courses = await this.courses([territory.path]);
    const course = query.courseId ? courses.get(query.courseId) : undefined;
    if (query.courseId && !course)
      throw fieldProblem('courseId', 'No cohort of this course in the territory (or no such course)');
    if (groupBy === 'module' && !course)
      throw fieldProblem('courseId', 'Grouping by module needs a course (courseId)');

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
      k: this.k,
      generatedAt: new Date().toISOString(),
    };
    const offset = query.offset ?? 0;
    if (groupBy === 'cohort' && !query.from && !query.to && query.limit !== undefined) {
      const table = await this.cohortTablePage(slice, offset, query.limit);
      if (table) return { ...base, ...table };
    }
    const paged = <T>(rows: T[]) => ({
      rows: rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit),
      page: { offset, limit: query.limit ?? null, total: rows.length },
    });
    if (groupBy === 'module') {
      const table = await this.lessonTable(slice, course as PublishedVersion);
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
    const table = this.funnelTable(groups, groupBy, shown, territoryDays);
    return {
      ...base,
      ...table,
      page: { offset, limit: query.limit ?? null, total: groups.length },
    };
  }

  async competences(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'groupBy'>,
  ): Promise<CompetenceReport> {
    const { territory, breadcrumb } = await this.place(principal, query.territoryId);
    const slice = this.slice(territory, query);
    const courses = await this.courses([territory.path]);
    if (query.courseId && !courses.has(query.courseId))
      throw fieldProblem('courseId', 'No cohort of this course in the territory (or no such course)');
    const [byCourse, sums] = await Promise.all([
      this.stats.funnel(slice, 'course_id'),
      this.stats.assessments(slice),
    ]);
    const sumsOf = new Map(sums.map((s) => [s.competenceCode, s]));
    let suppressed = 0;
    const areas: CompetenceAreaRow[] = DIGCOMP_AREAS.map((area) => {
      const codes = new Set(area.competences.map((c) => c.code));
      let completions = 0;
      for (const [courseId, funnel] of byCourse) {
        const covered = courses.get(courseId)?.content.competences ?? [];
        if (covered.some((c) => codes.has(c))) completions += funnel.completed;
      }
      const [shownCompletions] = suppressColumn([completions], null, this.k).cells;
      if (shownCompletions === null) suppressed++;
      return {
        code: area.code,
        title: area.title,
        completions: shownCompletions ?? null,
        competences: area.competences.map((c) => {
          const s = sumsOf.get(c.code);
          const assessed = s?.assessed ?? 0;
          const [shown] = suppressColumn([assessed], null, this.k).cells;
          const hidden = shown === null;
          if (hidden) suppressed += 4;
          const before = !hidden && s && assessed ? round2(s.sumBefore / assessed) : null;
          const after = !hidden && s && assessed ? round2(s.sumAfter / assessed) : null;
          return {
            code: c.code,
            title: c.title,
            assessed: shown ?? null,
            before,
            after,
            gain: before !== null && after !== null ? round2(after - before) : null,
          };
        }),
      };
    });
    return {
      filters: {
        territoryId: territory.id,
        from: query.from ?? null,
        to: query.to ?? null,
        courseId: query.courseId ?? null,
      },
      territory: observatoryTerritory(territory),
      breadcrumb: breadcrumb.map(observatoryTerritory),
      k: this.k,
      areas,
      suppressedCells: suppressed,
      generatedAt: new Date().toISOString(),
    };
  }

  // ---------------------------------------------------------------- groups

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

  /**
   * A page of the cohorts of a territory, all time, without reading the others: how many small cells
   * each column has (and the rates and medians primary suppression hides) comes from the summary the
   * database keeps per territory and course, the totals from the territory's rollup, and the cell that
   * complementary suppression hides beside a single small one from one subquery, all in the statement
   * that reads the page (`cohortTablePage`). The same answer as `funnelTable` over every cohort (the
   * integration spec compares them). Null when the summary was judged with another k than this app's
   * (another replica's setting), or its columns kept changing while read: then the whole table is read.
   */
  private async cohortTablePage(
    slice: Slice,
    offset: number,
    limit: number,
  ): Promise<Pick<CompletionReport, 'rows' | 'total' | 'suppressedCells' | 'page'> | null> {
    const k = this.k;
    // The total's histogram (its median only) beside the counts.
    const [table, territoryFunnel] = await Promise.all([
      // As suppressColumn: one small cell beside a shown total hides the smallest non-zero shown cell too.
      this.stats.cohortTablePage(slice, { offset, limit }, k, (t) =>
        FUNNEL_COLUMNS.filter((c) => t.small[c] === 1 && !isSmall(t.totals[c], k)),
      ),
      this.stats.funnel(slice, null),
    ]);
    if (!table || table.k !== k) return null;
    const { page: cohorts, second } = table;
    const totalFunnel: Funnel = { ...table.totals, days: territoryFunnel.get('')?.days ?? new Map() };
    const middles = await this.stats.cohortMiddles(
      slice,
      cohorts.map((c) => c.key),
    );
    const { judge, row } = this.rowRules('cohort');
    const primary = (counts: CohortCounts) => (c: FunnelColumn) => (isSmall(counts[c], k) ? null : counts[c]);
    const final = (counts: CohortCounts) => (c: FunnelColumn) =>
      isSmall(counts[c], k) || second.get(c)?.key === counts.key ? null : counts[c];
    // Primary suppression of every row is counted in the summary; each complementary cell adds what it
    // newly hides in its row (itself, and the rate or median computed from it).
    let suppressed =
      FUNNEL_COLUMNS.reduce((n, c) => n + table.small[c], 0) + table.rateHidden + table.medianHidden;
    for (const counts of new Map([...second.values()].map((s) => [s.key, s])).values()) {
      const funnel = funnelOf(counts);
      suppressed += judge(funnel, final(counts)).hidden - judge(funnel, primary(counts)).hidden;
    }
    const rows = cohorts.map((counts) => {
      const funnel = funnelOf(counts);
      funnel.middle = middles.get(counts.key);
      return row(counts.key, { fr: counts.name }, funnel, judge(funnel, final(counts)));
    });
    // As suppressColumn: where one small cell has no non-zero cell to hide beside it, the total is hidden.
    const totalHidden = (c: FunnelColumn) =>
      isSmall(totalFunnel[c], k) || (table.small[c] === 1 && !second.has(c));
    const totalJudged = judge(totalFunnel, (c) => (totalHidden(c) ? null : totalFunnel[c]));
    suppressed += totalJudged.hidden;
    return {
      rows,
      total: row('total', null, totalFunnel, totalJudged),
      suppressedCells: suppressed,
      page: { offset, limit, total: table.cohorts },
    };
  }

  /**
   * Suppresses the table column by column against its total, then the rates and medians. Rows are
   * built for the page `shown` only (a territory may hold thousands of cohorts); the rows off the page
   * are judged all the same, so `suppressedCells` counts the whole table.
   */
  private funnelTable(
    groups: Group[],
    groupBy: ObservatoryGroupBy,
    shown: { start: number; end: number },
    totalDays?: Map<number, number>,
  ): { rows: CompletionRow[]; total: CompletionRow; suppressedCells: number } {
    const k = this.k;
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
    const { judge, row } = this.rowRules(groupBy);
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

  /** How a table grouped this way judges a row once its cells are suppressed, and builds it. */
  private rowRules(groupBy: ObservatoryGroupBy) {
    const k = this.k;
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

  /** Lesson by lesson in the course's order (latest version), quizzes with their pass rates. */
  private async lessonTable(
    slice: Slice,
    course: PublishedVersion,
  ): Promise<{ rows: CompletionRow[]; suppressedCells: number }> {
    const k = this.k;
    const counts = new Map((await this.stats.lessons(slice)).map((l) => [l.lessonKey, l]));
    const ordered: { key: string; title: LocalizedText; module: CompletionRow['module']; quiz: boolean }[] =
      [];
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

  // ---------------------------------------------------------------- scope

  /** The territory asked for (default: the top of the caller's scope), checked against the scope. */
  private async place(
    principal: AuthPrincipal,
    territoryId: string | undefined,
  ): Promise<{ territory: TerritoryRow; breadcrumb: TerritoryRow[] }> {
    const scopes = scopePaths(principal);
    let territory: TerritoryRow | undefined;
    if (territoryId) {
      territory = (await this.stats.territories([territoryId])).get(territoryId);
      if (!territory)
        throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'No such territory', undefined, [
          { field: 'territoryId', message: 'No such territory' },
        ]);
    } else territory = (await this.scopeRoots(principal))[0];
    if (!territory || !scopes.some((s) => territory.path.startsWith(s)))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'outside-scope',
        'Outside your territories',
        'You may look at the territories your observer role covers, and their subdivisions.',
        [{ field: 'territoryId', message: 'Outside your territories' }],
      );
    // Drill-up links: from the top of the covering scope down to the territory.
    const scope = scopes
      .filter((s) => territory.path.startsWith(s))
      .sort((a, b) => a.length - b.length)[0] as string;
    const ids = territory.path.split('/').filter(Boolean);
    const fromDepth = scope.split('/').filter(Boolean).length - 1;
    const chain = ids.slice(fromDepth);
    const rows = await this.stats.territories(chain);
    return { territory, breadcrumb: chain.map((id) => rows.get(id)).filter((t): t is TerritoryRow => !!t) };
  }

  private async scopeRoots(principal: AuthPrincipal): Promise<TerritoryRow[]> {
    const paths = scopePaths(principal);
    // Only the outermost: a scope inside another adds nothing.
    const outer = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
    const ids = [...new Set(outer.map((p) => p.split('/').filter(Boolean).pop() as string))];
    const rows = await this.stats.territories(ids);
    return [...rows.values()].sort((a, b) => a.depth - b.depth || a.nameFr.localeCompare(b.nameFr, 'fr'));
  }

  private slice(territory: TerritoryRow, query: StatisticsQuery): Slice {
    if (query.from && query.to && query.from > query.to)
      throw fieldProblem('to', 'The end month comes before the start month');
    return {
      path: territory.path,
      from: query.from ? `${query.from}-01` : null,
      to: query.to ? `${query.to}-01` : null,
      courseId: query.courseId ?? null,
    };
  }

  /** Latest published version of each course with cohorts under these paths. */
  private async courses(paths: string[]): Promise<Map<string, PublishedVersion>> {
    const out = new Map<string, PublishedVersion>();
    for (const path of paths)
      for (const { courseId, latest } of await this.stats.coursesIn(path)) {
        if (out.has(courseId)) continue;
        const version = await this.catalog.version(courseId, latest);
        if (version) out.set(courseId, version);
      }
    return out;
  }
}

/** The paths the caller's observer and admin roles cover. */
function scopePaths(principal: AuthPrincipal): string[] {
  return principal.roles
    .filter((r) => r.role === 'observer' || r.role === 'admin')
    .map((r) => r.territoryPath);
}

function observatoryTerritory(t: TerritoryRow): ObservatoryTerritory {
  return {
    id: t.id,
    code: t.code ?? '',
    name: { fr: t.nameFr, ar: t.nameAr, en: t.nameEn },
    drillable: t.hasChildren,
  };
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

function funnelOf(counts: CohortCounts): Funnel {
  const { enrolled, started, completed, certified, withdrawn } = counts;
  return { enrolled, started, completed, certified, withdrawn, days: new Map() };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function fieldProblem(field: string, message: string): ProblemException {
  return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid-filter', 'Invalid filter', message, [
    { field, message },
  ]);
}
