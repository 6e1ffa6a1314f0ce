import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ThreadActivityReport, ThreadActivityRow } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { ObservatoryScopeService, observatoryTerritory } from './observatory-scope.service';
import { isSmall, medianOf, suppressColumn } from './suppression';

/** A cohort's threads before suppression: how many, how many a trainer replied to, hours → threads. */
export interface ThreadActivityGroup {
  key: string;
  name: string;
  threads: number;
  replied: number;
  hours: Map<number, number>;
}

/**
 * Questions and discussion threads in a territory, as the conversation domain publishes them
 * (`thread_cohort_reply_hours`: per cohort, threads by whole hours from their start to a trainer's first
 * reply), per cohort of the subtree (`cohort_directory`, `territory_tree`) and in all. Counts are
 * suppressed as the practice figures are; no thread, title, body, coach or trainer is in the view.
 */
@Injectable()
export class ThreadActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ObservatoryScopeService,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async report(principal: AuthPrincipal, territoryId: string | undefined): Promise<ThreadActivityReport> {
    const { territory } = await this.scope.place(principal, territoryId);
    const rows = await this.dataSource.query<
      { key: string; name: string; hours: number | null; n: number }[]
    >(
      `SELECT c.id::text AS key, min(c.name) AS name, f.hours, sum(f.n)::int AS n
         FROM thread_cohort_reply_hours f JOIN cohort_directory c ON c.id = f.cohort_id
         JOIN territory_tree t ON t.id = c.territory_id
        WHERE t.path LIKE $1 || '%'
        GROUP BY c.id, f.hours ORDER BY 2, 1`,
      [territory.path],
    );
    const groups = new Map<string, ThreadActivityGroup>();
    for (const r of rows) {
      const g = groups.get(r.key) ?? { key: r.key, name: r.name, threads: 0, replied: 0, hours: new Map() };
      groups.set(r.key, g);
      const n = Number(r.n);
      g.threads += n;
      if (r.hours !== null) {
        g.replied += n;
        g.hours.set(Number(r.hours), (g.hours.get(Number(r.hours)) ?? 0) + n);
      }
    }
    const table = threadActivityTable([...groups.values()], this.options.k);
    return {
      territory: observatoryTerritory(territory),
      k: this.options.k,
      ...table,
      generatedAt: new Date().toISOString(),
    };
  }
}

/**
 * Suppresses the table: each count column on its own (primary and complementary, as practice's); a
 * median is hidden with its row's replied count, or when the replies it is taken from are few.
 */
export function threadActivityTable(
  groups: ThreadActivityGroup[],
  k: number,
): { cohorts: ThreadActivityRow[]; total: ThreadActivityRow; suppressedCells: number } {
  const sum = (f: (g: ThreadActivityGroup) => number) => groups.reduce((s, g) => s + f(g), 0);
  const allHours = new Map<number, number>();
  for (const g of groups) for (const [h, n] of g.hours) allHours.set(h, (allHours.get(h) ?? 0) + n);
  const total = { threads: sum((g) => g.threads), replied: sum((g) => g.replied) };
  const threads = suppressColumn(
    groups.map((g) => g.threads),
    total.threads,
    k,
  );
  const replied = suppressColumn(
    groups.map((g) => g.replied),
    total.replied,
    k,
  );
  let suppressedCells = 0;
  const row = (
    key: string,
    label: ThreadActivityRow['label'],
    counts: { threads: number; replied: number },
    shown: { threads: number | null; replied: number | null },
    hours: Map<number, number>,
  ): ThreadActivityRow => {
    const medianHidden = shown.replied === null || isSmall(counts.replied, k);
    const median = medianHidden ? null : medianOf(hours);
    suppressedCells +=
      (shown.threads === null ? 1 : 0) +
      (shown.replied === null ? 1 : 0) +
      (median === null && counts.replied > 0 ? 1 : 0);
    return {
      key,
      label,
      threads: shown.threads,
      repliedByTrainer: shown.replied,
      medianHoursToFirstReply: median,
    };
  };
  const cohorts = groups.map((g, i) =>
    row(
      g.key,
      { fr: g.name },
      g,
      { threads: threads.cells[i] ?? null, replied: replied.cells[i] ?? null },
      g.hours,
    ),
  );
  const totalRow = row('total', null, total, { threads: threads.total, replied: replied.total }, allHours);
  return { cohorts, total: totalRow, suppressedCells };
}
