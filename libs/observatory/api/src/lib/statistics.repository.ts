import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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
  /** Where the reads go: the pool, or one transaction's connection (`inSnapshot`). */
  private db: Pick<EntityManager, 'query'>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.db = dataSource;
  }

  /**
   * These reads in one snapshot (a repeatable-read transaction), for answers whose parts are judged
   * together: counts read by several queries then agree with each other even while events are counted.
   */
  async inSnapshot<T>(work: (stats: StatisticsRepository) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', (m) => {
      const stats = new StatisticsRepository(this.dataSource);
      stats.db = m;
      return work(stats);
    });
  }

  async territories(ids: string[]): Promise<Map<string, TerritoryRow>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query<RawTerritory[]>(`${TERRITORY_SELECT} WHERE t.id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map((r) => [r.id, territoryRow(r)]));
  }

  async children(parentId: string): Promise<TerritoryRow[]> {
    const rows = await this.db.query<RawTerritory[]>(
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
    const [counts, days, subtree] = await Promise.all([
      this.db.query<(FunnelSums & { key: string })[]>(
        `SELECT ${column} AS key, ${FUNNEL_SUMS}
           FROM ${countsTable} f JOIN territories t ON t.id = f.territory_id
          WHERE ${where} GROUP BY 1`,
        params,
      ),
      withDays
        ? this.db.query<{ key: string; days: number; n: number }[]>(
            `SELECT ${column} AS key, f.days, sum(f.n)::int AS n
               FROM ${daysTable} f JOIN territories t ON t.id = f.territory_id
              WHERE ${where} GROUP BY 1, 2`,
            params,
          )
        : [],
      by === 'child'
        ? this.db.query<{ id: string; path: string }[]>(
            `SELECT id, path FROM territories WHERE path LIKE $1 || '%'`,
            [slice.path],
          )
        : [],
    ]);
    if (by !== 'child') return funnels(counts, days);
    const childOf = new Map(subtree.map((t) => [t.id, t.path.slice(slice.path.length).split('/')[0] ?? '']));
    const fold = <R extends { key: string }>(rows: R[]) =>
      rows.map((r) => ({ ...r, key: childOf.get(r.key) ?? '' }));
    return funnels(fold(counts), fold(days));
  }

  /**
   * Funnel counts per cohort of the subtree, in the order of their names (a territory may hold
   * thousands: one row per cohort from the all-time table, or cohorts × months within a window).
   */
  async cohortFunnels(slice: Slice): Promise<{ funnels: Map<string, Funnel>; names: Map<string, string> }> {
    const [where, params] = this.where(slice, 'c.course_id');
    // All time: one row per cohort already, nothing to add up.
    const counts = await this.db.query<(FunnelSums & { key: string; name: string })[]>(
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
   * What suppression of the all-time cohort table needs to know about its whole columns, from
   * `obs_cohort_column_summary` (a few rows per territory and course, whatever the number of cohorts),
   * with the k it was judged with, and the columns' totals (`obs_funnel_all`), in one statement.
   */
  async cohortColumns(slice: Slice): Promise<CohortColumns> {
    const [where, params] = this.where({ ...slice, from: null, to: null }, 'f.course_id');
    const sum = (column: string, as = column) => `COALESCE(sum(f.${column}), 0)::int AS ${as}`;
    const [row] = await this.db.query<RawCohortColumns[]>(
      `SELECT (SELECT k FROM obs_settings) AS k, s.*, n.*
         FROM (SELECT ${sum('cohorts')}, ${sum('small_enrolled')}, ${sum('small_started')}, ${sum('small_completed')},
                      ${sum('small_certified')}, ${sum('small_withdrawn')}, ${sum('rate_hidden')}, ${sum('median_hidden')}
                 FROM obs_cohort_column_summary f JOIN territories t ON t.id = f.territory_id WHERE ${where}) s,
              (SELECT ${sum('enrolled')}, ${sum('started')}, ${sum('completed')}, ${sum('certified')}, ${sum('withdrawn')}
                 FROM obs_funnel_all f JOIN territories t ON t.id = f.territory_id WHERE ${where}) n`,
      params,
    );
    const r = row as RawCohortColumns;
    return {
      k: r.k,
      cohorts: r.cohorts,
      small: {
        enrolled: r.small_enrolled,
        started: r.small_started,
        completed: r.small_completed,
        certified: r.small_certified,
        withdrawn: r.small_withdrawn,
      },
      rateHidden: r.rate_hidden,
      medianHidden: r.median_hidden,
      totals: {
        enrolled: r.enrolled,
        started: r.started,
        completed: r.completed,
        certified: r.certified,
        withdrawn: r.withdrawn,
      },
    };
  }

  /** A page of the all-time cohort table: cohorts of the subtree in the order of their names. */
  async cohortPage(slice: Slice, offset: number, limit: number): Promise<CohortCounts[]> {
    const [where, params] = this.where({ ...slice, from: null, to: null }, 'c.course_id');
    return this.db.query<CohortCounts[]>(
      `SELECT c.id AS key, c.name, f.enrolled, f.started, f.completed, f.certified, f.withdrawn
         FROM cohorts c JOIN territories t ON t.id = c.territory_id JOIN obs_cohort_funnel_all f ON f.cohort_id = c.id
        WHERE ${where} ORDER BY c.name, c.id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offset, limit],
    );
  }

  /**
   * For each column asked, the cohort of the subtree (all time) with the smallest count of at least
   * `atLeast`, the first in the order of names among equal counts: the cell complementary suppression
   * hides beside a single small one.
   */
  async smallestShownCells(
    slice: Slice,
    columns: readonly CohortColumn[],
    atLeast: number,
  ): Promise<Map<CohortColumn, CohortCounts>> {
    if (!columns.length) return new Map();
    const [where, params] = this.where({ ...slice, from: null, to: null }, 'c.course_id');
    const at = params.push(atLeast);
    const rows = await this.db.query<(CohortCounts & { col: CohortColumn })[]>(
      columns
        .map(
          (column) => `(SELECT '${column}' AS col, c.id AS key, c.name, f.enrolled, f.started, f.completed,
                  f.certified, f.withdrawn
             FROM obs_cohort_funnel_all f JOIN cohorts c ON c.id = f.cohort_id JOIN territories t ON t.id = c.territory_id
            WHERE ${where} AND f.${column} >= $${at} ORDER BY f.${column}, c.name, c.id LIMIT 1)`,
        )
        .join(' UNION ALL '),
      params,
    );
    return new Map(rows.map(({ col, ...counts }) => [col, counts]));
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
    const rows = await this.db.query<{ key: string; lo: number; hi: number }[]>(
      `WITH h AS (
         SELECT f.cohort_id AS key, f.days, sum(f.n) AS n
           FROM ${windowed ? 'obs_cohort_completion_days' : 'obs_cohort_completion_days_all'} f
          WHERE ${clauses.join(' AND ')} GROUP BY 1, 2 HAVING sum(f.n) > 0),
       w AS (
         SELECT key, days, sum(n) OVER (PARTITION BY key ORDER BY days) AS cum, sum(n) OVER (PARTITION BY key) AS total
           FROM h)
       SELECT key, min(days) FILTER (WHERE cum > (total - 1) / 2) AS lo, min(days) FILTER (WHERE cum > total / 2) AS hi
         FROM w GROUP BY key`,
      params,
    );
    return new Map(rows.map((r) => [r.key, [r.lo, r.hi]]));
  }

  async lessons(slice: Slice): Promise<LessonCounts[]> {
    const [where, params] = this.where(slice, 'f.course_id');
    const rows = await this.db.query<
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
    const rows = await this.db.query<
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
    const rows = await this.db.query<{ course_id: string; latest: number }[]>(
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

export type CohortColumn = 'enrolled' | 'started' | 'completed' | 'certified' | 'withdrawn';

/** One cohort's all-time counts. */
export interface CohortCounts extends FunnelSums {
  key: string;
  name: string;
}

/** The whole columns of the all-time cohort table of a subtree, as primary suppression judges them. */
export interface CohortColumns {
  /** The k the summary was judged with (obs_settings). */
  k: number;
  cohorts: number;
  /** Cells from 1 to k − 1, per column. */
  small: Record<CohortColumn, number>;
  /** Rows with enrolled > 0 and enrolled or completed small. */
  rateHidden: number;
  /** Rows with completed small. */
  medianHidden: number;
  /** The columns' totals. */
  totals: FunnelSums;
}

interface RawCohortColumns extends FunnelSums {
  k: number;
  cohorts: number;
  small_enrolled: number;
  small_started: number;
  small_completed: number;
  small_certified: number;
  small_withdrawn: number;
  rate_hidden: number;
  median_hidden: number;
}

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
