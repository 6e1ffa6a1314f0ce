import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { CompletionReport } from '@tc/shared/contracts';
import { FUNNEL_COLUMNS, type FunnelColumn, funnelOf, rowRules } from './completion-table';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { type CohortCounts, type Funnel, type Slice, StatisticsRepository } from './statistics.repository';
import { isSmall } from './suppression';

/**
 * A page of the all-time cohort table of a territory, read without the other cohorts, from the summary
 * of small cells the database keeps per territory and course (judged with this app's k).
 */
@Injectable()
export class CohortTablePageService implements OnModuleInit {
  private readonly log = new Logger(CohortTablePageService.name);

  constructor(
    private readonly stats: StatisticsRepository,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  /** The database's summary of small cells is judged with this app's k (rebuilt when k changed). */
  async onModuleInit(): Promise<void> {
    const k = this.options.k;
    if (await this.stats.adoptK(k))
      this.log.log(`Small-cell summary rebuilt for k = ${k} (OBSERVATORY_K changed)`);
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
  async page(
    slice: Slice,
    offset: number,
    limit: number,
  ): Promise<Pick<CompletionReport, 'rows' | 'total' | 'suppressedCells' | 'page'> | null> {
    const k = this.options.k;
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
    const { judge, row } = rowRules('cohort', k);
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
}
