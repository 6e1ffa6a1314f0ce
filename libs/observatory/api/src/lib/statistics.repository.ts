import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { cohortColumnsAndPage } from './cohort-table.query';
import {
  FUNNEL_SUMS,
  middlesSql,
  type RawTerritory,
  subtreeWhere,
  TERRITORY_SELECT,
  territoryRow,
} from './statistics-sql';
import {
  type AssessmentSums,
  type CohortColumn,
  type CohortTablePage,
  emptyFunnel,
  type Funnel,
  type FunnelDimension,
  type FunnelSums,
  funnels,
  type LessonCounts,
  type Slice,
  type TerritoryRow,
} from './statistics.types';

export {
  type AssessmentSums,
  type CohortColumn,
  type CohortCounts,
  type CohortTablePage,
  emptyFunnel,
  type Funnel,
  type FunnelDimension,
  type FunnelSums,
  type LessonCounts,
  type Slice,
  type TerritoryRow,
} from './statistics.types';

/**
 * Reads the rollups, never the raw events: every query here touches at most a few rows per territory,
 * course, month and demographic category, whatever the number of coaches or events. Territory roll-ups
 * up the tree are sums over the subtree's territories (`path LIKE prefix%`), which are few. Of the other
 * domains, only the views their owners publish are read (see statistics-sql.ts).
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

  /** A territory and every territory above it (the ids its path lists), in one query. */
  async withAncestors(id: string): Promise<Map<string, TerritoryRow>> {
    const rows = await this.dataSource.query<RawTerritory[]>(
      `${TERRITORY_SELECT} WHERE t.id IN (
         SELECT unnest(string_to_array(trim('/' FROM x.path), '/'))::uuid FROM territory_tree x WHERE x.id = $1)`,
      [id],
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
    const [where, params] = subtreeWhere(slice, 'f.course_id');
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
           FROM ${countsTable} f JOIN territory_tree t ON t.id = f.territory_id
          WHERE ${where} GROUP BY 1`,
        params,
      ),
      withDays && !middles
        ? this.dataSource.query<{ key: string; days: number; n: number }[]>(
            `SELECT ${column} AS key, f.days, sum(f.n)::int AS n
               FROM ${daysTable} f JOIN territory_tree t ON t.id = f.territory_id
              WHERE ${where} GROUP BY 1, 2`,
            params,
          )
        : [],
      by === 'child'
        ? this.dataSource.query<{ id: string; path: string }[]>(
            `SELECT id, path FROM territory_tree WHERE path LIKE $1 || '%'`,
            [slice.path],
          )
        : [],
      middles
        ? this.dataSource.query<{ key: string; lo: number; hi: number }[]>(
            middlesSql(column, `${daysTable} f JOIN territory_tree t ON t.id = f.territory_id`, where),
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
    const [where, params] = subtreeWhere(slice, 'f.course_id');
    const daysTable = slice.from || slice.to ? 'obs_completion_days' : 'obs_completion_days_all';
    const rows = await this.dataSource.query<{ days: number; n: number }[]>(
      `SELECT f.days, sum(f.n)::int AS n
         FROM ${daysTable} f JOIN territory_tree t ON t.id = f.territory_id
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
    const [where, params] = subtreeWhere(slice, 'c.course_id');
    // All time: one row per cohort already, nothing to add up.
    const counts = await this.dataSource.query<(FunnelSums & { key: string; name: string })[]>(
      slice.from || slice.to
        ? `SELECT c.id AS key, min(c.name) AS name, ${FUNNEL_SUMS}
             FROM obs_cohort_funnel f JOIN cohort_directory c ON c.id = f.cohort_id JOIN territory_tree t ON t.id = c.territory_id
            WHERE ${where} GROUP BY 1 ORDER BY 2, 1`
        : `SELECT c.id AS key, c.name, f.enrolled, f.started, f.completed, f.certified, f.withdrawn
             FROM obs_cohort_funnel_all f JOIN cohort_directory c ON c.id = f.cohort_id JOIN territory_tree t ON t.id = c.territory_id
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
      const table = await cohortColumnsAndPage(this.dataSource, slice, page, k, searched);
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
    const [where, params] = subtreeWhere(slice, 'f.course_id');
    const rows = await this.dataSource.query<
      { course_id: string; lesson_key: string; started: number; completed: number; attempted: number }[]
    >(
      `SELECT f.course_id, f.lesson_key, sum(f.started)::int AS started, sum(f.completed)::int AS completed,
              sum(f.attempted)::int AS attempted
         FROM obs_lesson_stats f JOIN territory_tree t ON t.id = f.territory_id
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
    const [where, params] = subtreeWhere(slice, 'f.course_id');
    const rows = await this.dataSource.query<
      { competence_code: string; assessed: number; sum_before: number; sum_after: number }[]
    >(
      `SELECT f.competence_code, sum(f.assessed)::int AS assessed, sum(f.sum_before)::int AS sum_before,
              sum(f.sum_after)::int AS sum_after
         FROM obs_self_assessment f JOIN territory_tree t ON t.id = f.territory_id
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
         FROM published_versions v
        WHERE v.course_id IN (SELECT DISTINCT f.course_id FROM obs_funnel_all f JOIN territory_tree t ON t.id = f.territory_id
                               WHERE t.path LIKE $1 || '%')
        GROUP BY 1`,
      [path],
    );
    return rows.map((r) => ({ courseId: r.course_id, latest: r.latest }));
  }
}

/** The key of the transaction-level advisory lock taken to change k ("tc-obs-k" in ASCII). */
const OBSERVATORY_K_LOCK_KEY = '8386596887510330731';
