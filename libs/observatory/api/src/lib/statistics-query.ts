import { HttpStatus } from '@nestjs/common';
import type { ObservatoryGroupBy, ProblemCode } from '@tc/shared/contracts';
import { ProblemException } from '@tc/shared/api';
import type { Slice, TerritoryRow } from './statistics.repository';

/** What a report is asked for: where, how grouped, which months and course, which rows. */
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

/** The rollup rows a query reads in this territory (422 when its months are the wrong way round). */
export function sliceOf(territory: TerritoryRow, query: StatisticsQuery): Slice {
  if (query.from && query.to && query.from > query.to)
    throw fieldProblem('to', 'months-reversed', 'The end month comes before the start month');
  return {
    path: territory.path,
    from: query.from ? `${query.from}-01` : null,
    to: query.to ? `${query.to}-01` : null,
    courseId: query.courseId ?? null,
  };
}

/** A 422 naming the filter that cannot be answered. */
export function fieldProblem(field: string, code: ProblemCode, message: string): ProblemException {
  return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid-filter', 'Invalid filter', message, [
    { field, message, code },
  ]);
}
