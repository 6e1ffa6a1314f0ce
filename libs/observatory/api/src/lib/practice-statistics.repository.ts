import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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
 * `practice_cohort_review_days`: one row per cohort, and per cohort and day), summed over a territory's
 * subtree through `territory_tree`. No round, coach or trainer is in either view.
 */
@Injectable()
export class PracticeStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per child of the subtree's root ('' for the root itself), with their histograms. */
  async byChild(path: string): Promise<Map<string, PracticeCounts>> {
    const [counts, days, subtree] = await Promise.all([
      this.dataSource.query<CountRow[]>(
        `SELECT p.territory_id::text AS key, sum(p.handed_in)::int AS handed_in, sum(p.reviewed)::int AS reviewed,
                sum(p.passed)::int AS passed
           FROM practice_cohort_counts p JOIN territory_tree t ON t.id = p.territory_id
          WHERE t.path LIKE $1 || '%' GROUP BY 1`,
        [path],
      ),
      this.dataSource.query<{ key: string; days: number; n: number }[]>(
        `SELECT p.territory_id::text AS key, p.days, sum(p.n)::int AS n
           FROM practice_cohort_review_days p JOIN territory_tree t ON t.id = p.territory_id
          WHERE t.path LIKE $1 || '%' GROUP BY 1, 2`,
        [path],
      ),
      this.dataSource.query<{ id: string; path: string }[]>(
        `SELECT id, path FROM territory_tree WHERE path LIKE $1 || '%'`,
        [path],
      ),
    ]);
    const childOf = new Map(subtree.map((t) => [t.id, t.path.slice(path.length).split('/')[0] ?? '']));
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

  /** Every cohort of the subtree with practice counts, in the order of their names (histograms apart). */
  async cohorts(path: string): Promise<{ key: string; name: string; counts: PracticeCounts }[]> {
    const rows = await this.dataSource.query<(CountRow & { name: string })[]>(
      `SELECT c.id::text AS key, c.name, p.handed_in, p.reviewed, p.passed
         FROM practice_cohort_counts p JOIN cohort_directory c ON c.id = p.cohort_id
         JOIN territory_tree t ON t.id = p.territory_id
        WHERE t.path LIKE $1 || '%' ORDER BY c.name, c.id`,
      [path],
    );
    return rows.map((r) => {
      const counts = emptyPracticeCounts();
      add(counts, r);
      return { key: r.key, name: r.name, counts };
    });
  }

  /** The histograms of these cohorts (a page of the table, not the whole territory). */
  async cohortDays(cohortIds: string[]): Promise<Map<string, Map<number, number>>> {
    const out = new Map<string, Map<number, number>>();
    if (!cohortIds.length) return out;
    const rows = await this.dataSource.query<{ key: string; days: number; n: number }[]>(
      `SELECT cohort_id::text AS key, days, n FROM practice_cohort_review_days WHERE cohort_id = ANY($1::uuid[])`,
      [cohortIds],
    );
    for (const r of rows) {
      const h = out.get(r.key) ?? new Map<number, number>();
      h.set(Number(r.days), (h.get(Number(r.days)) ?? 0) + Number(r.n));
      out.set(r.key, h);
    }
    return out;
  }
}

function add(c: PracticeCounts, r: CountRow): void {
  c.handedIn += Number(r.handed_in);
  c.reviewed += Number(r.reviewed);
  c.passed += Number(r.passed);
}

function addDays(c: PracticeCounts, d: { days: number; n: number }): void {
  c.days.set(Number(d.days), (c.days.get(Number(d.days)) ?? 0) + Number(d.n));
}
