import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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

const FUNNEL_SUMS = `sum(f.enrolled)::int AS enrolled, sum(f.started)::int AS started, sum(f.completed)::int AS completed,
  sum(f.certified)::int AS certified, sum(f.withdrawn)::int AS withdrawn`;

/**
 * Reads the rollups, never the raw events: every query here touches at most a few rows per territory,
 * course, month and demographic category, whatever the number of coaches or events. Territory roll-ups
 * up the tree are sums over the subtree's territories (`path LIKE prefix%`), which are few.
 */
@Injectable()
export class StatisticsRepository {
  /** Per all-time cohort table (k, subtree, course): the columns that needed a second cell last time. */
  private readonly searchedBefore = new Map<string, CohortColumn[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async territories(ids: string[]): Promise<Map<string, TerritoryRow>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.query<RawTerritory[]>(
      `${TERRITORY_SELECT} WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, territoryRow(r)]));
  }

  async children(parentId: string): Promise<TerritoryRow[]> {
    const rows = await this.dataSource.query<RawTerritory[]>(
      `${TERRITORY_SELECT} WHERE t.parent_id = $1 ORDER BY t.code NULLS LAST, t.name_fr`,
      [parentId],
    );
    return rows.map(territoryRow);
  }

  /**
   * Funnel counts of a subtree grouped by one dimension (`child`: the child of the subtree's root, ''
   * for the root itself). Days to completion come with it except for gender and age band (the
   * histogram is kept per territory, course and month only).
   */
  async funnel(slice: Slice, by: FunnelDimension | null): Promise<Map<string, Funnel>> {
    // Grouped by territory in SQL (a few dozen), folded into the root's children here.
    const column = by === null ? `''` : by === 'child' ? 'f.territory_id::text' : `f.${by}::text`;
    const [where, params] = this.where(slice, 'f.course_id');
    const withDays = by !== 'gender' && by !== 'age_band';
    // The smallest rollup that answers: no window → no months; no demographic split → none kept.
    const months = !!(slice.from || slice.to) || by === 'month';
    const countsTable = !months ? 'obs_funnel_all' : withDays ? 'obs_funnel_monthly' : 'obs_funnel';
    const daysTable = months ? 'obs_completion_days' : 'obs_completion_days_all';
    // By month, every month's histogram would be read (months × buckets rows) for one median each:
    // the database works out the middle buckets instead. The caller reads the total's histogram.
    const middles = by === 'month';
    const [counts, days, subtree, middle] = await Promise.all([
      this.dataSource.query<(FunnelSums & { key: string })[]>(
        `SELECT ${column} AS key, ${FUNNEL_SUMS}
           FROM ${countsTable} f JOIN territories t ON t.id = f.territory_id
          WHERE ${where} GROUP BY 1`,
        params,
      ),
      withDays && !middles
        ? this.dataSource.query<{ key: string; days: number; n: number }[]>(
            `SELECT ${column} AS key, f.days, sum(f.n)::int AS n
               FROM ${daysTable} f JOIN territories t ON t.id = f.territory_id
              WHERE ${where} GROUP BY 1, 2`,
            params,
          )
        : [],
      by === 'child'
        ? this.dataSource.query<{ id: string; path: string }[]>(
            `SELECT id, path FROM territories WHERE path LIKE $1 || '%'`,
            [slice.path],
          )
        : [],
      middles
        ? this.dataSource.query<{ key: string; lo: number; hi: number }[]>(
            middlesSql(column, `${daysTable} f JOIN territories t ON t.id = f.territory_id`, where),
            params,
          )
        : [],
    ]);
    if (middles) {
      const out = funnels(counts, []);
      for (const m of middle) {
        const f = out.get(m.key) ?? emptyFunnel();
        f.middle = [m.lo, m.hi];
        out.set(m.key, f);
      }
      return out;
    }
    if (by !== 'child') return funnels(counts, days);
    const childOf = new Map(subtree.map((t) => [t.id, t.path.slice(slice.path.length).split('/')[0] ?? '']));
    const fold = <R extends { key: string }>(rows: R[]) =>
      rows.map((r) => ({ ...r, key: childOf.get(r.key) ?? '' }));
    return funnels(fold(counts), fold(days));
  }

  /**
   * The subtree's histogram of days to completion (days → completions), for the median of a table's
   * total row: what `funnel(slice, null)` reads for it, without the counts.
   */
  async completionDays(slice: Slice): Promise<Map<number, number>> {
    const [where, params] = this.where(slice, 'f.course_id');
    const daysTable = slice.from || slice.to ? 'obs_completion_days' : 'obs_completion_days_all';
    const rows = await this.dataSource.query<{ days: number; n: number }[]>(
      `SELECT f.days, sum(f.n)::int AS n
         FROM ${daysTable} f JOIN territories t ON t.id = f.territory_id
        WHERE ${where} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [Number(r.days), Number(r.n)]));
  }

  /**
   * Funnel counts per cohort of the subtree, in the order of their names (a territory may hold
   * thousands: one row per cohort from the all-time table, or cohorts × months within a window).
   */
  async cohortFunnels(slice: Slice): Promise<{ funnels: Map<string, Funnel>; names: Map<string, string> }> {
    const [where, params] = this.where(slice, 'c.course_id');
    // All time: one row per cohort already, nothing to add up.
    const counts = await this.dataSource.query<(FunnelSums & { key: string; name: string })[]>(
      slice.from || slice.to
        ? `SELECT c.id AS key, min(c.name) AS name, ${FUNNEL_SUMS}
             FROM obs_cohort_funnel f JOIN cohorts c ON c.id = f.cohort_id JOIN territories t ON t.id = c.territory_id
            WHERE ${where} GROUP BY 1 ORDER BY 2, 1`
        : `SELECT c.id AS key, c.name, f.enrolled, f.started, f.completed, f.certified, f.withdrawn
             FROM obs_cohort_funnel_all f JOIN cohorts c ON c.id = f.cohort_id JOIN territories t ON t.id = c.territory_id
            WHERE ${where} ORDER BY 2, 1`,
      params,
    );
    return { funnels: funnels(counts, []), names: new Map(counts.map((r) => [r.key, r.name])) };
  }

  /**
   * A page of the all-time cohort table of a subtree (cohorts in the order of their names) with what
   * suppressing it needs of the whole columns, whatever the number of cohorts:
   * - from `obs_cohort_column_summary` (a few rows per territory and course): the number of cohorts,
   *   of small cells per column, of rates and medians they hide, and the k they were judged with;
   * - the columns' totals (`obs_funnel_all`);
   * - for the columns `needSecond` names once it has seen those (one small cell beside a total that is
   *   not small): the cohort with the smallest count of at least k, the first by name then id among
   *   equal counts, the cell complementary suppression hides with it.
   * All of it from one statement (one snapshot: they agree while events are counted), searching the
   * columns that needed it the last time this table was read; read again, searching the right ones, when
   * that guess was short. Null when the columns kept changing between reads (then read the whole table).
   */
  async cohortTablePage(
    slice: Slice,
    page: { offset: number; limit: number },
    k: number,
    needSecond: (table: CohortTablePage) => CohortColumn[],
  ): Promise<CohortTablePage | null> {
    const key = `${k}|${slice.path}|${slice.courseId ?? ''}`;
    let searched = this.searchedBefore.get(key) ?? [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const table = await this.columnsAndPage(slice, page, k, searched);
      if (table.k !== k) return table;
      const needed = needSecond(table);
      if (needed.every((c) => searched.includes(c))) {
        if (this.searchedBefore.size >= 10_000) this.searchedBefore.clear();
        this.searchedBefore.set(key, needed);
        return { ...table, second: new Map([...table.second].filter(([c]) => needed.includes(c))) };
      }
      searched = needed;
    }
    return null;
  }

  private async columnsAndPage(
    slice: Slice,
    page: { offset: number; limit: number },
    k: number,
    searched: readonly CohortColumn[],
  ): Promise<CohortTablePage> {
    const all = { ...slice, from: null, to: null };
    const [inRollup, params] = this.where(all, 'f.course_id');
    const [inCohorts] = this.where(all, 'c.course_id');
    const [atOffset, atLimit] = [params.push(page.offset), params.push(page.limit)];
    const atK = searched.length ? params.push(k) : 0;
    const sum = (column: string) => `COALESCE(sum(f.${column}), 0)::int AS ${column}`;
    const counts = COHORT_COLUMNS.map((c) => `f.${c}`).join(', ');
    const rows = await this.dataSource.query<RawCohortTableRow[]>(
      `SELECT (SELECT k FROM obs_settings) AS k, s.*, n.*, p.key, p.name,
              ${COHORT_COLUMNS.map((c) => `p.${c} AS page_${c}`).join(', ')}
              ${searched
                .map(
                  (
                    c,
                  ) => `, (SELECT json_build_object('key', c.id, 'name', c.name, ${COHORT_COLUMNS.map((d) => `'${d}', f.${d}`).join(', ')})
                               FROM ${COHORT_ROWS} WHERE ${inCohorts} AND f.${c} >= $${atK}
                              ORDER BY f.${c}, c.name, c.id LIMIT 1) AS second_${c}`,
                )
                .join('')}
         FROM (SELECT ${SUMMARY_COLUMNS.map(sum).join(', ')}
                 FROM obs_cohort_column_summary f JOIN territories t ON t.id = f.territory_id WHERE ${inRollup}) s
        CROSS JOIN (SELECT ${COHORT_COLUMNS.map(sum).join(', ')}
                      FROM obs_funnel_all f JOIN territories t ON t.id = f.territory_id WHERE ${inRollup}) n
         LEFT JOIN LATERAL (
           SELECT c.id AS key, c.name, ${counts} FROM ${COHORT_ROWS} WHERE ${inCohorts}
            ORDER BY c.name, c.id OFFSET $${atOffset} LIMIT $${atLimit}) p ON true
        ORDER BY p.name, p.key`,
      params,
    );
    const r = rows[0] as RawCohortTableRow;
    const byColumn = (of: (c: CohortColumn) => number) =>
      Object.fromEntries(COHORT_COLUMNS.map((c) => [c, of(c)])) as Record<CohortColumn, number>;
    return {
      k: r.k,
      cohorts: r.cohorts,
      small: byColumn((c) => r[`small_${c}`]),
      rateHidden: r.rate_hidden,
      medianHidden: r.median_hidden,
      totals: byColumn((c) => r[c]),
      second: new Map(
        searched.flatMap((c) => {
          const second = r[`second_${c}`];
          return second ? [[c, second] as const] : [];
        }),
      ),
      page: rows
        .filter((p) => p.key !== null)
        .map((p) => ({
          key: p.key as string,
          name: p.name as string,
          ...byColumn((c) => p[`page_${c}`] as number),
        })),
    };
  }

  /**
   * Makes `obs_settings.k` the app's k, rebuilding the cohort column summary with it when it differs,
   * in one transaction: under an advisory lock (replicas starting together take turns; the second finds
   * nothing to do) and a lock on `obs_cohort_funnel_all` that waits for the writers in flight and holds
   * back new ones until the summary is rebuilt (their triggers then read the new k). True when it changed.
   */
  async adoptK(k: number): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const [current] = await m.query<{ k: number }[]>('SELECT k FROM obs_settings');
      if (current?.k === k) return false;
      await m.query('SELECT pg_advisory_xact_lock($1::bigint)', [OBSERVATORY_K_LOCK_KEY]);
      await m.query('LOCK TABLE obs_cohort_funnel_all IN SHARE ROW EXCLUSIVE MODE');
      const [locked] = await m.query<{ k: number }[]>('SELECT k FROM obs_settings');
      if (locked?.k === k) return false;
      await m.query('UPDATE obs_settings SET k = $1', [k]);
      await m.query('SELECT obs_cohort_column_summary_rebuild()');
      return true;
    });
  }

  /**
   * The two middle buckets of days to completion of these cohorts (the same bucket twice for an odd
   * count), computed in SQL for the cohorts asked only: a page of the table, not the whole territory.
   */
  async cohortMiddles(slice: Slice, cohortIds: string[]): Promise<Map<string, [number, number]>> {
    if (!cohortIds.length) return new Map();
    const windowed = !!(slice.from || slice.to);
    const params: unknown[] = [cohortIds];
    const clauses = ['f.cohort_id = ANY($1::uuid[])'];
    if (slice.from) clauses.push(`f.month >= $${params.push(slice.from)}::date`);
    if (slice.to) clauses.push(`f.month <= $${params.push(slice.to)}::date`);
    const rows = await this.dataSource.query<{ key: string; lo: number; hi: number }[]>(
      middlesSql(
        'f.cohort_id',
        `${windowed ? 'obs_cohort_completion_days' : 'obs_cohort_completion_days_all'} f`,
        clauses.join(' AND '),
      ),
      params,
    );
    return new Map(rows.map((r) => [r.key, [r.lo, r.hi]]));
  }

  async lessons(slice: Slice): Promise<LessonCounts[]> {
    const [where, params] = this.where(slice, 'f.course_id');
    const rows = await this.dataSource.query<
      { course_id: string; lesson_key: string; started: number; completed: number; attempted: number }[]
    >(
      `SELECT f.course_id, f.lesson_key, sum(f.started)::int AS started, sum(f.completed)::int AS completed,
              sum(f.attempted)::int AS attempted
         FROM obs_lesson_stats f JOIN territories t ON t.id = f.territory_id
        WHERE ${where} GROUP BY 1, 2`,
      params,
    );
    return rows.map((r) => ({
      courseId: r.course_id,
      lessonKey: r.lesson_key,
      started: r.started,
      completed: r.completed,
      attempted: r.attempted,
    }));
  }

  async assessments(slice: Slice): Promise<AssessmentSums[]> {
    const [where, params] = this.where(slice, 'f.course_id');
    const rows = await this.dataSource.query<
      { competence_code: string; assessed: number; sum_before: number; sum_after: number }[]
    >(
      `SELECT f.competence_code, sum(f.assessed)::int AS assessed, sum(f.sum_before)::int AS sum_before,
              sum(f.sum_after)::int AS sum_after
         FROM obs_self_assessment f JOIN territories t ON t.id = f.territory_id
        WHERE ${where} GROUP BY 1`,
      params,
    );
    return rows.map((r) => ({
      competenceCode: r.competence_code,
      assessed: r.assessed,
      sumBefore: r.sum_before,
      sumAfter: r.sum_after,
    }));
  }

  /** Courses with enrolments in the subtree (read off the rollup: a few rows per territory), latest version. */
  async coursesIn(path: string): Promise<{ courseId: string; latest: number }[]> {
    const rows = await this.dataSource.query<{ course_id: string; latest: number }[]>(
      `SELECT v.course_id, max(v.number)::int AS latest
         FROM course_versions v
        WHERE v.course_id IN (SELECT DISTINCT f.course_id FROM obs_funnel_all f JOIN territories t ON t.id = f.territory_id
                               WHERE t.path LIKE $1 || '%')
        GROUP BY 1`,
      [path],
    );
    return rows.map((r) => ({ courseId: r.course_id, latest: r.latest }));
  }

  /** `$1` is always the subtree's path (the child expression uses it). */
  private where(slice: Slice, courseColumn: string): [string, unknown[]] {
    const params: unknown[] = [slice.path];
    const clauses = [`t.path LIKE $1 || '%'`];
    if (slice.from) {
      params.push(slice.from);
      clauses.push(`f.month >= $${params.length}::date`);
    }
    if (slice.to) {
      params.push(slice.to);
      clauses.push(`f.month <= $${params.length}::date`);
    }
    if (slice.courseId) {
      params.push(slice.courseId);
      clauses.push(`${courseColumn} = $${params.length}::uuid`);
    }
    return [clauses.join(' AND '), params];
  }
}

/** The key of the transaction-level advisory lock taken to change k ("tc-obs-k" in ASCII). */
const OBSERVATORY_K_LOCK_KEY = '8386596887510330731';

const COHORT_COLUMNS = ['enrolled', 'started', 'completed', 'certified', 'withdrawn'] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];
const SUMMARY_COLUMNS = [
  'cohorts',
  ...COHORT_COLUMNS.map((c) => `small_${c}` as const),
  'rate_hidden',
  'median_hidden',
] as const;

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

type RawCohortTableRow = Record<'k' | (typeof SUMMARY_COLUMNS)[number] | CohortColumn, number> &
  Partial<Record<`second_${CohortColumn}`, CohortCounts | null>> &
  Record<`page_${CohortColumn}`, number | null> & { key: string | null; name: string | null };

const COHORT_ROWS =
  'obs_cohort_funnel_all f JOIN cohorts c ON c.id = f.cohort_id JOIN territories t ON t.id = c.territory_id';

const TERRITORY_SELECT = `SELECT t.id, t.code, t.level, t.name_fr, t.name_ar, t.name_en, t.path, t.depth, t.parent_id,
  EXISTS (SELECT 1 FROM territories c WHERE c.parent_id = t.id) AS has_children FROM territories t`;

interface RawTerritory {
  id: string;
  code: string | null;
  level: string;
  name_fr: string;
  name_ar: string;
  name_en: string;
  path: string;
  depth: number;
  parent_id: string | null;
  has_children: boolean;
}

function territoryRow(r: RawTerritory): TerritoryRow {
  return {
    id: r.id,
    code: r.code,
    level: r.level,
    nameFr: r.name_fr,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    path: r.path,
    depth: r.depth,
    parentId: r.parent_id,
    hasChildren: r.has_children,
  };
}

export interface FunnelSums {
  enrolled: number;
  started: number;
  completed: number;
  certified: number;
  withdrawn: number;
}

export function emptyFunnel(): Funnel {
  return { enrolled: 0, started: 0, completed: 0, certified: 0, withdrawn: 0, days: new Map() };
}

/**
 * The two middle buckets of each group's days-to-completion histogram (the same bucket twice for an odd
 * count): what a median needs, worked out in the database instead of reading the histograms.
 */
function middlesSql(key: string, from: string, where: string): string {
  return `WITH h AS (
      SELECT ${key} AS key, f.days, sum(f.n) AS n FROM ${from}
       WHERE ${where} GROUP BY 1, 2 HAVING sum(f.n) > 0),
    w AS (
      SELECT key, days, sum(n) OVER (PARTITION BY key ORDER BY days) AS cum, sum(n) OVER (PARTITION BY key) AS total
        FROM h)
    SELECT key, min(days) FILTER (WHERE cum > (total - 1) / 2) AS lo, min(days) FILTER (WHERE cum > total / 2) AS hi
      FROM w GROUP BY key`;
}

function funnels(
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
