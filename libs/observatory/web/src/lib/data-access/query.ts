import {
  OBSERVATORY_GROUPS,
  type ObservatoryFilters,
  type ObservatoryGroupBy,
  type ObservatoryTerritory,
} from '@tc/shared/contracts';

/**
 * The dashboard's filters as the URL holds them (`?territoryId=&groupBy=&from=&to=&courseId=`), so
 * that drilling down works with back and forward and a view can be shared as a link. `null` means
 * "not chosen": the top of the caller's scope, the natural grouping, open months, every course.
 */
export interface ObservatoryQuery {
  territoryId: string | null;
  groupBy: ObservatoryGroupBy | null;
  from: string | null;
  to: string | null;
  courseId: string | null;
  /** The page of the detail table, from 1 (`null`: the first). */
  page: number | null;
}

export const EMPTY_QUERY: ObservatoryQuery = {
  territoryId: null,
  groupBy: null,
  from: null,
  to: null,
  courseId: null,
  page: null,
};

/** Rows of the detail table per page (a territory may hold thousands of cohorts). */
export const PAGE_SIZE = 50;

/** The query parameters in the order they appear in the URL. */
const KEYS = ['territoryId', 'groupBy', 'from', 'to', 'courseId', 'page'] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function isGroupBy(value: unknown): value is ObservatoryGroupBy {
  return typeof value === 'string' && (OBSERVATORY_GROUPS as readonly string[]).includes(value);
}

/** An id from the URL: a non-empty string of at most 100 safe characters, else nothing. */
function id(value: unknown): string | null {
  return typeof value === 'string' && /^[\w-]{1,100}$/.test(value) ? value : null;
}

type Params = Readonly<Record<string, unknown>>;

/**
 * Reads the filters from query parameters, dropping what is malformed: an unknown grouping, a month
 * that is not `YYYY-MM`, `groupBy=module` without a course (the API refuses it). Months given in the
 * wrong order are swapped.
 */
export function queryFromParams(params: Params): ObservatoryQuery {
  const courseId = id(params['courseId']);
  const groupBy = isGroupBy(params['groupBy']) ? params['groupBy'] : null;
  let from = isMonth(params['from']) ? params['from'] : null;
  let to = isMonth(params['to']) ? params['to'] : null;
  if (from && to && from > to) [from, to] = [to, from];
  const page =
    typeof params['page'] === 'string' && /^[1-9]\d{0,5}$/.test(params['page']) ? +params['page'] : 1;
  return {
    territoryId: id(params['territoryId']),
    groupBy: groupBy === 'module' && !courseId ? null : groupBy,
    from,
    to,
    courseId,
    page: page > 1 ? page : null,
  };
}

/** The query parameters of a query: only what is chosen, so that URLs stay short. */
export function paramsFromQuery(query: ObservatoryQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of KEYS) {
    const value = query[key];
    if (value) params[key] = String(value);
  }
  return params;
}

/** Where nothing is chosen: children territories where there are some, else the cohorts. */
export function naturalGroupBy(drillable: boolean): ObservatoryGroupBy {
  return drillable ? 'territory' : 'cohort';
}

/**
 * The query after moving to another territory (drilling down, or up through the breadcrumb): the
 * other filters stay; a grouping by territory or cohort goes back to the natural one of the new
 * territory (cohorts at a leaf), other groupings (month, gender…) stay.
 */
export function withTerritory(
  query: ObservatoryQuery,
  territory: Pick<ObservatoryTerritory, 'id' | 'drillable'>,
): ObservatoryQuery {
  const structural = query.groupBy === null || query.groupBy === 'territory' || query.groupBy === 'cohort';
  return {
    ...query,
    territoryId: territory.id,
    groupBy: structural ? (territory.drillable ? null : 'cohort') : query.groupBy,
    page: null,
  };
}

/**
 * The query after the filter bar changed one filter. Clearing the course leaves the per-lesson view
 * (it needs a course) for the per-course one.
 */
export function withFilter<K extends Exclude<keyof ObservatoryQuery, 'territoryId' | 'page'>>(
  query: ObservatoryQuery,
  key: K,
  value: ObservatoryQuery[K],
): ObservatoryQuery {
  // Another filter is another table: back to its first page.
  const next: ObservatoryQuery = { ...query, page: null, [key]: value || null };
  if (next.groupBy === 'module' && !next.courseId) next.groupBy = 'course';
  if (next.from && next.to && next.from > next.to) {
    // Keep the month just chosen and move the other one to it.
    if (key === 'from') next.to = next.from;
    else next.from = next.to;
  }
  return next;
}

/** The filters of an API call, once the territory and grouping are known. */
export function apiFilters(
  query: ObservatoryQuery,
  territoryId: string,
  groupBy: ObservatoryGroupBy,
): ObservatoryFilters {
  return { territoryId, groupBy, from: query.from, to: query.to, courseId: query.courseId };
}

/** The query showing another page of the same table. */
export function withPage(query: ObservatoryQuery, page: number): ObservatoryQuery {
  return { ...query, page: page > 1 ? page : null };
}

/** The rows of a page in API terms. */
export function pageWindow(query: ObservatoryQuery): { offset: number; limit: number } {
  return { offset: ((query.page ?? 1) - 1) * PAGE_SIZE, limit: PAGE_SIZE };
}
