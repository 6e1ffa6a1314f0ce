import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  MILESTONE_KINDS,
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  type ImpactCounts,
  type ImpactQuery,
  type ImpactReport,
  type ImpactRow,
  type Locale,
  type MilestoneKind,
} from '@tc/shared/contracts';
import { type AuthPrincipal, poolQuery } from '@tc/shared/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { ObservatoryScopeService } from './observatory-scope.service';
import { fieldProblem } from './statistics-query';
import { StatisticsRepository, type TerritoryRow } from './statistics.repository';
import { isSmall, medianOf, suppressColumn } from './suppression';

/** A slice's counts before suppression, with its gain histogram (whole points → organisations). */
interface RawCounts {
  organisations: number;
  visits: number;
  milestones: number;
  checked: number;
  gains: Map<number, number>;
}

const COLUMNS = ['organisations', 'visits', 'milestones', 'checked'] as const;
type Column = (typeof COLUMNS)[number];

/** The report's sections other than the month, as the grouping sets name them. */
type Dimension = 'territory' | 'sector' | 'kind' | 'womenLed' | 'trained' | 'total';

/** A rollup row as the view holds it: one month (or all) of one territory, pattern and trained flag. */
interface RollupRow {
  child: string;
  month: string;
  sector: string;
  kind: string;
  women_led: string;
  trained: boolean;
  organisations: number;
  visits: number;
  milestones: number;
  checked: number;
  /** The gain histogram as the database writes it out (`{"-3": 1, "12": 4}`), scanned by `add`. */
  gains: string;
}

function empty(): RawCounts {
  return { organisations: 0, visits: 0, milestones: 0, checked: 0, gains: new Map() };
}

/**
 * The impact of the field log in a territory: organisations registered, visits, milestones reached and
 * organisations checked twice with their median gain in digital maturity, in all and per child territory
 * (rolled up its subtree), sector, kind, month and leadership, milestones by kind, and the organisations
 * of trained coaches beside the others — within the months and for the sector, kind and leadership
 * asked. Read from the views the fieldwork domain publishes (`field_impact_*`: counts per territory,
 * sector, kind, women-led, trained owner and month, the all-months sums under `-infinity`), summed over
 * the subtree through `territory_tree`: a few rows per territory and category, whatever the number of
 * organisations and visits. Counts from 1 to k − 1 are hidden, with a second cell beside a shown total
 * (each table on its own, and the total hidden when any table had to hide it); a median goes with its
 * checked count. Nothing here names an organisation, a coach or a note.
 */
@Injectable()
export class ImpactReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: StatisticsRepository,
    private readonly scope: ObservatoryScopeService,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async report(principal: AuthPrincipal, query: ImpactQuery, lang: Locale = 'fr'): Promise<ImpactReport> {
    const k = this.options.k;
    if (query.from && query.to && query.from > query.to)
      throw fieldProblem('to', 'months-reversed', 'The end month comes before the start month');
    const { territory, breadcrumb } = await this.scope.place(principal, query.territoryId);
    const [raw, children, asOf] = await Promise.all([
      this.read(territory.path, query),
      // A territory without subdivisions (a commune, say) has no children to read.
      territory.hasChildren ? this.stats.children(territory.id) : Promise.resolve([]),
      this.dataSource.query<{ folded_at: Date }[]>(`SELECT folded_at FROM field_impact_as_of`),
    ]);
    const total = raw.of('total', '');
    const hidden = new Set<Column>(COLUMNS.filter((c) => isSmall(total[c], k)));
    // The tables in the order the answer lists them: territory, sector, kind, month, leadership, trained.
    const tables: { key: string; label: string; counts: RawCounts }[][] = [];
    const table = (rows: { key: string; label: string; counts: RawCounts }[]) => void tables.push(rows);
    table([
      ...children.map((c) => ({ key: c.id, label: nameOf(c, lang), counts: raw.of('territory', c.id) })),
      ...(raw.has('territory', '')
        ? [{ key: `direct:${territory.id}`, label: nameOf(territory, lang), counts: raw.of('territory', '') }]
        : []),
    ]);
    table(ORGANISATION_SECTORS.map((s) => ({ key: s, label: s, counts: raw.of('sector', s) })));
    table(ORGANISATION_KINDS.map((s) => ({ key: s, label: s, counts: raw.of('kind', s) })));
    table(raw.months.map(([m, counts]) => ({ key: m, label: m, counts })));
    table(['true', 'false'].map((s) => ({ key: s, label: s, counts: raw.of('womenLed', s) })));
    table(['true', 'false'].map((s) => ({ key: s, label: s, counts: raw.of('trained', s) })));
    // Each table hides its own cells; a total one of them could not show is hidden everywhere.
    const suppressed = tables.map(
      (rows) =>
        Object.fromEntries(
          COLUMNS.map((c) => {
            const column = suppressColumn(
              rows.map((r) => r.counts[c]),
              hidden.has(c) ? null : total[c],
              k,
            );
            if (!hidden.has(c) && column.total === null) hidden.add(c);
            return [c, column.cells];
          }),
        ) as Record<Column, (number | null)[]>,
    );
    const milestoneColumn = suppressColumn(
      MILESTONE_KINDS.map((m) => raw.milestones.get(m) ?? 0),
      hidden.has('milestones') ? null : total.milestones,
      k,
    );
    if (!hidden.has('milestones') && milestoneColumn.total === null) hidden.add('milestones');
    const rowsOf = (index: number): ImpactRow[] =>
      (tables[index] ?? []).map((r, i) => ({
        key: r.key,
        label: r.label,
        counts: counts(r.counts, (c) => suppressed[index]?.[c][i] ?? null, k),
      }));
    const trainedRows = rowsOf(5);
    const none: ImpactCounts = { organisations: 0, visits: 0, milestones: 0, checked: 0, medianGain: null };
    return {
      territory: {
        id: territory.id,
        name: nameOf(territory, lang),
        path: breadcrumb.map((t) => ({ id: t.id, name: nameOf(t, lang) })),
      },
      k,
      totals: counts(total, (c) => (hidden.has(c) ? null : total[c]), k),
      byTerritory: rowsOf(0),
      bySector: rowsOf(1),
      byKind: rowsOf(2),
      byMonth: rowsOf(3),
      byWomenLed: rowsOf(4),
      milestones: MILESTONE_KINDS.map((kind: MilestoneKind, i) => ({
        kind,
        reached: milestoneColumn.cells[i] ?? null,
      })),
      learningToImpact: {
        trained: trainedRows.find((r) => r.key === 'true')?.counts ?? none,
        notYetTrained: trainedRows.find((r) => r.key === 'false')?.counts ?? none,
      },
      asOf: (asOf[0]?.folded_at ?? new Date()).toISOString(),
    };
  }

  /**
   * The subtree's counts in the window and the filters, grouped every way the report shows them. The
   * rows read are those of the filters' pattern (`*` for a dimension not filtered) and, for each
   * dimension not filtered, that pattern with each of its values: a few per territory and month, summed
   * here.
   */
  private async read(path: string, query: ImpactQuery) {
    const s = query.sector ?? '*';
    const k = query.kind ?? '*';
    const w = query.womenLed === undefined ? '*' : String(query.womenLed);
    const params: unknown[] = [path, s, k, w];
    const patterns = ['(f.sector = $2 AND f.kind = $3 AND f.women_led = $4)'];
    // Every value of a dimension not filtered (the contracts' own lists, written into the SQL).
    const every = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
    if (!query.sector)
      patterns.push(`(f.sector = ANY(${every(ORGANISATION_SECTORS)}) AND f.kind = $3 AND f.women_led = $4)`);
    if (!query.kind)
      patterns.push(`(f.sector = $2 AND f.kind = ANY(${every(ORGANISATION_KINDS)}) AND f.women_led = $4)`);
    if (query.womenLed === undefined)
      patterns.push(`(f.sector = $2 AND f.kind = $3 AND f.women_led = ANY(${every(['true', 'false'])}))`);
    // The months of the table by month, and the periods of the other tables, each with its own parameters.
    const monthParams = [...params];
    const months = [`f.grain = 'm'`];
    if (query.from) months.push(`f.month >= $${monthParams.push(`${query.from}-01`)}::date`);
    if (query.to) months.push(`f.month <= $${monthParams.push(`${query.to}-01`)}::date`);
    // Without a window, the all-months rows; with both ends, its whole years and quarters and the months
    // left over (the kinds of period it has); with one end, its months.
    let windowParams = params;
    let windows = [`f.grain = 'a'`];
    if (query.from && query.to) {
      const p = periods(query.from, query.to);
      windowParams = [...params];
      windows = (['y', 'q', 'm'] as const)
        .filter((g) => p[g].length > 0)
        .map((g) => `f.grain = '${g}' AND f.month = ANY($${windowParams.push(p[g])}::date[])`);
    } else if (query.from || query.to) {
      windowParams = monthParams;
      windows = [months.join(' AND ')];
    }
    // Each period with each pattern, spelled out: every branch is then one scan of the pattern index
    // (sector, kind, women-led, grain, month). Written as (periods) AND (patterns), the planner intersected
    // a scan of every row of the periods with one of every row of the patterns: for a national year in
    // quarters, some 36,000 index entries for 2,100 rows.
    const slice = (of: string[]) =>
      `(${windows.flatMap((w) => of.map((p) => `(${w} AND ${p})`)).join(' OR ')})`;
    const select = `SELECT split_part(substr(t.path, length($1) + 1), '/', 1) AS child, left(f.month::text, 7) AS month,
        f.sector, f.kind, f.women_led, f.trained, f.organisations, f.visits, f.milestones, f.checked, f.gains::text AS gains
        FROM field_impact_month_counts f JOIN territory_tree t ON t.id = f.territory_id WHERE t.path LIKE $1 || '%'`;
    const [rows, monthRows, milestones] = await Promise.all([
      poolQuery<RollupRow>(this.dataSource, `${select} AND ${slice(patterns)}`, windowParams),
      poolQuery<RollupRow>(
        this.dataSource,
        `${select} AND ${months.join(' AND ')} AND ${patterns[0]}`,
        monthParams,
      ),
      poolQuery<{ milestone: string; n: number }>(
        this.dataSource,
        `SELECT f.milestone, sum(f.n)::int AS n FROM field_impact_milestone_counts f
           JOIN territory_tree t ON t.id = f.territory_id
          WHERE t.path LIKE $1 || '%' AND ${slice(patterns.slice(0, 1))} GROUP BY f.milestone`,
        windowParams,
      ),
    ]);
    const groups = new Map<string, RawCounts>();
    const at = (id: string) => {
      const c = groups.get(id) ?? empty();
      groups.set(id, c);
      return c;
    };
    for (const r of rows) {
      const base = r.sector === s && r.kind === k && r.women_led === w;
      if (base) {
        add(at('total:'), r);
        add(at(`territory:${r.child}`), r);
        add(at(`trained:${String(r.trained)}`), r);
      } else if (r.sector !== s) add(at(`sector:${r.sector}`), r);
      else if (r.kind !== k) add(at(`kind:${r.kind}`), r);
      else add(at(`womenLed:${r.women_led}`), r);
    }
    // A filtered dimension's table: the filter's value holds the total, the others nothing.
    if (query.sector) groups.set(`sector:${query.sector}`, groups.get('total:') ?? empty());
    if (query.kind) groups.set(`kind:${query.kind}`, groups.get('total:') ?? empty());
    if (query.womenLed !== undefined) groups.set(`womenLed:${w}`, groups.get('total:') ?? empty());
    const byMonth = new Map<string, RawCounts>();
    for (const r of monthRows) {
      const c = byMonth.get(r.month) ?? empty();
      byMonth.set(r.month, c);
      add(c, r);
    }
    return {
      of: (dim: Dimension, key: string) => groups.get(`${dim}:${key}`) ?? empty(),
      has: (dim: Dimension, key: string) => groups.has(`${dim}:${key}`),
      months: monthsBetween([...byMonth.keys()]).map((m): [string, RawCounts] => [
        m,
        byMonth.get(m) ?? empty(),
      ]),
      milestones: new Map(milestones.map((m) => [m.milestone, Number(m.n)])),
    };
  }
}

/**
 * Adds a rollup row to a slice. The histogram comes as text and is scanned here, its integers taken in
 * pairs (gain, organisations): a national answer adds some 1,500 rows of about 30 gains each, and
 * parsing each into an object (numeric and negative keys) then walking it cost more than the queries.
 */
function add(c: RawCounts, r: RollupRow): void {
  for (const column of COLUMNS) c[column] += Number(r[column]);
  const text = r.gains;
  let gain = 0;
  let value = 0;
  let negative = false;
  let inNumber = false;
  let isGain = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      inNumber = true;
    } else if (code === 45) negative = true;
    else if (inNumber) {
      const n = negative ? -value : value;
      if (isGain) gain = n;
      else c.gains.set(gain, (c.gains.get(gain) ?? 0) + n);
      isGain = !isGain;
      value = 0;
      negative = false;
      inNumber = false;
    }
  }
}

/**
 * A window of months (YYYY-MM, both inclusive) as the fewest periods the rollups keep: whole years, then
 * whole quarters, then months; each as its first day.
 */
export function periods(from: string, to: string): { y: string[]; q: string[]; m: string[] } {
  const out = { y: [] as string[], q: [] as string[], m: [] as string[] };
  const index = (ym: string) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    return y * 12 + (m - 1);
  };
  const day = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  const last = index(to);
  for (let i = index(from); i <= last;) {
    if (i % 12 === 0 && i + 11 <= last) {
      out.y.push(day(i));
      i += 12;
    } else if (i % 3 === 0 && i + 2 <= last) {
      out.q.push(day(i));
      i += 3;
    } else {
      out.m.push(day(i));
      i += 1;
    }
  }
  return out;
}

/** Every month from the first to the last with counts (YYYY-MM), none skipped. */
function monthsBetween(keys: string[]): string[] {
  const sorted = [...keys].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return [];
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** A row's counts as shown: each column's cell, and the median gain when its checked count is shown. */
function counts(raw: RawCounts, cell: (c: Column) => number | null, k: number): ImpactCounts {
  const checked = cell('checked');
  return {
    organisations: cell('organisations'),
    visits: cell('visits'),
    milestones: cell('milestones'),
    checked,
    medianGain: checked === null || checked === 0 || isSmall(raw.checked, k) ? null : medianOf(raw.gains),
  };
}

function nameOf(t: TerritoryRow, lang: Locale): string {
  return (lang === 'ar' ? t.nameAr : lang === 'en' ? t.nameEn : t.nameFr) || t.nameFr;
}
