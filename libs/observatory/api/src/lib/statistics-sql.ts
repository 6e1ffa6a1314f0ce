import type { Slice, TerritoryRow } from './statistics.types';

/*
 * The SQL the statistics share. The observatory reads its own rollups (`obs_*`) and, of the other
 * domains, only the views their owners publish for it (migration CreateDomainReadViews): the tree as
 * `territory_tree`, cohorts as `cohort_directory`, published course versions as `published_versions`.
 */

export const FUNNEL_SUMS = `sum(f.enrolled)::int AS enrolled, sum(f.started)::int AS started, sum(f.completed)::int AS completed,
  sum(f.certified)::int AS certified, sum(f.withdrawn)::int AS withdrawn`;

/** The all-time counts `f` of each cohort `c`, with the territory `t` the cohort is in. */
export const COHORT_ROWS =
  'obs_cohort_funnel_all f JOIN cohort_directory c ON c.id = f.cohort_id JOIN territory_tree t ON t.id = c.territory_id';

/** `$1` is always the subtree's path (the child expression uses it). */
export function subtreeWhere(slice: Slice, courseColumn: string): [string, unknown[]] {
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

/**
 * The two middle buckets of each group's days-to-completion histogram (the same bucket twice for an odd
 * count): what a median needs, worked out in the database instead of reading the histograms.
 */
export function middlesSql(key: string, from: string, where: string): string {
  return `WITH h AS (
      SELECT ${key} AS key, f.days, sum(f.n) AS n FROM ${from}
       WHERE ${where} GROUP BY 1, 2 HAVING sum(f.n) > 0),
    w AS (
      SELECT key, days, sum(n) OVER (PARTITION BY key ORDER BY days) AS cum, sum(n) OVER (PARTITION BY key) AS total
        FROM h)
    SELECT key, min(days) FILTER (WHERE cum > (total - 1) / 2) AS lo, min(days) FILTER (WHERE cum > total / 2) AS hi
      FROM w GROUP BY key`;
}

export const TERRITORY_SELECT = `SELECT t.id, t.code, t.level, t.name_fr, t.name_ar, t.name_en, t.path, t.depth, t.parent_id,
  EXISTS (SELECT 1 FROM territory_tree c WHERE c.parent_id = t.id) AS has_children FROM territory_tree t`;

export interface RawTerritory {
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

export function territoryRow(r: RawTerritory): TerritoryRow {
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
