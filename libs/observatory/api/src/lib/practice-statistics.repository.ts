import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { subtreeWhere } from './statistics-sql';
import type { Slice } from './statistics.types';

/** Rounds handed in, reviewed and passed, with the histogram of days from hand-in to review. */
export interface PracticeCounts {
  handedIn: number;
  reviewed: number;
  passed: number;
  /** Whole days from hand-in to review (31: more than 30) → reviews. */
  days: Map<number, number>;
}

export function emptyPracticeCounts(): PracticeCounts {
  return { handedIn: 0, reviewed: 0, passed: 0, days: new Map() };
}

interface CountRow {
  key: string;
  handed_in: number;
  reviewed: number;
  passed: number;
}

/**
 * Field practice as the practice domain publishes it (`practice_cohort_counts`,
 * `practice_cohort_review_days`: one row per cohort and month, and per cohort, month and day), summed
 * over a territory's subtree through `territory_tree`, within the slice's months; the course is the
 * cohort's (`cohort_directory`). No round, coach or trainer is in either view.
 */
@Injectable()
export class PracticeStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per child of the subtree's root ('' for the root itself), with their histograms. */
  async byChild(slice: Slice): Promise<Map<string, PracticeCounts>> {
    const [from, where, params] = practiceWhere(slice);
    const [counts, days, subtree] = await Promise.all([
      this.dataSource.query<CountRow[]>(
        `SELECT f.territory_id::text AS key, sum(f.handed_in)::int AS handed_in, sum(f.reviewed)::int AS reviewed,
                sum(f.passed)::int AS passed
           FROM practice_cohort_counts ${from} WHERE ${where} GROUP BY 1`,
        params,
      ),
      this.dataSource.query<{ key: string; days: number; n: number }[]>(
        `SELECT f.territory_id::text AS key, f.days, sum(f.n)::int AS n
           FROM practice_cohort_review_days ${from} WHERE ${where} GROUP BY 1, 2`,
        params,
      ),
      this.dataSource.query<{ id: string; path: string }[]>(
        `SELECT id, path FROM territory_tree WHERE path LIKE $1 || '%'`,
        [slice.path],
      ),
    ]);
    const childOf = new Map(subtree.map((t) => [t.id, t.path.slice(slice.path.length).split('/')[0] ?? '']));
    const out = new Map<string, PracticeCounts>();
    const at = (territoryId: string) => {
      const key = childOf.get(territoryId) ?? '';
      const c = out.get(key) ?? emptyPracticeCounts();
      out.set(key, c);
      return c;
    };
    for (const r of counts) add(at(r.key), r);
    for (const d of days) addDays(at(d.key), d);
    return out;
  }

  /** Every cohort of the subtree with practice counts in the slice, in the order of their names (histograms apart). */
  async cohorts(slice: Slice): Promise<{ key: string; name: string; counts: PracticeCounts }[]> {
    const [, where, params] = practiceWhere(slice);
    const rows = await this.dataSource.query<(CountRow & { name: string })[]>(
      `SELECT c.id::text AS key, min(c.name) AS name, sum(f.handed_in)::int AS handed_in,
              sum(f.reviewed)::int AS reviewed, sum(f.passed)::int AS passed
         FROM practice_cohort_counts f JOIN cohort_directory c ON c.id = f.cohort_id
         JOIN territory_tree t ON t.id = f.territory_id
        WHERE ${where} GROUP BY 1 ORDER BY 2, 1`,
      params,
    );
    return rows.map((r) => {
      const counts = emptyPracticeCounts();
      add(counts, r);
      return { key: r.key, name: r.name, counts };
    });
  }

  /** The histograms of these cohorts within the slice's months (a page of the table, not the whole territory). */
  async cohortDays(slice: Slice, cohortIds: string[]): Promise<Map<string, Map<number, number>>> {
    const out = new Map<string, Map<number, number>>();
    if (!cohortIds.length) return out;
    const params: unknown[] = [cohortIds];
    const clauses = ['f.cohort_id = ANY($1::uuid[])'];
    if (slice.from) clauses.push(`f.month >= $${params.push(slice.from)}::date`);
    if (slice.to) clauses.push(`f.month <= $${params.push(slice.to)}::date`);
    const rows = await this.dataSource.query<{ key: string; days: number; n: number }[]>(
      `SELECT f.cohort_id::text AS key, f.days, sum(f.n)::int AS n FROM practice_cohort_review_days f
        WHERE ${clauses.join(' AND ')} GROUP BY 1, 2`,
      params,
    );
    for (const r of rows) {
      const h = out.get(r.key) ?? new Map<number, number>();
      h.set(Number(r.days), (h.get(Number(r.days)) ?? 0) + Number(r.n));
      out.set(r.key, h);
    }
    return out;
  }
}

/**
 * What follows a practice view `f` in FROM (its territory `t`, and its cohort `c` when a course is
 * asked: a cohort teaches one course), the WHERE of the slice and its parameters (`$1`: the path).
 */
function practiceWhere(slice: Slice): [string, string, unknown[]] {
  const [where, params] = subtreeWhere(slice, 'c.course_id');
  const from = `f JOIN territory_tree t ON t.id = f.territory_id${
    slice.courseId ? ' JOIN cohort_directory c ON c.id = f.cohort_id' : ''
  }`;
  return [from, where, params];
}

function add(c: PracticeCounts, r: CountRow): void {
  c.handedIn += Number(r.handed_in);
  c.reviewed += Number(r.reviewed);
  c.passed += Number(r.passed);
}

function addDays(c: PracticeCounts, d: { days: number; n: number }): void {
  c.days.set(Number(d.days), (c.days.get(Number(d.days)) ?? 0) + Number(d.n));
}
