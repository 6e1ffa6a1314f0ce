import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CompletionReport, CompletionRow } from '@tc/shared/contracts';
import { LanguageService, textIn } from '@tc/shared/ui';
import { formatNumber } from '../data-access/format';
import { isDirectRow, rowLabel } from '../data-access/labels';
import { type ObservatoryQuery, paramsFromQuery, withPage, withTerritory } from '../data-access/query';
import { injectTranslate } from '../data-access/translate';
import { type StatFormat, StatComponent } from './stat.component';

/** The numeric fields of a row, in the order of the table's columns. */
export type Measure =
  | 'enrolled'
  | 'started'
  | 'completed'
  | 'certified'
  | 'withdrawn'
  | 'completionRate'
  | 'medianDaysToCompletion'
  | 'quizAttempted'
  | 'quizPassed'
  | 'quizPassRate';

interface Column {
  field: Measure;
  format: StatFormat;
  /** The count a rate or median is taken over: when it is 0 a missing figure means "none". */
  over?: Measure;
}

const COLUMNS: readonly Column[] = [
  { field: 'enrolled', format: 'count' },
  { field: 'started', format: 'count' },
  { field: 'completed', format: 'count' },
  { field: 'certified', format: 'count' },
  { field: 'withdrawn', format: 'count' },
  { field: 'completionRate', format: 'rate', over: 'enrolled' },
  { field: 'medianDaysToCompletion', format: 'number', over: 'completed' },
  { field: 'quizAttempted', format: 'count' },
  { field: 'quizPassed', format: 'count' },
  { field: 'quizPassRate', format: 'rate', over: 'quizAttempted' },
];

interface Cell {
  field: Measure;
  format: StatFormat;
  value: number | null | undefined;
  empty: boolean;
}

interface Line {
  key: string;
  label: string;
  /** Query parameters of the drill-down into this territory, if it is one. */
  drill: Record<string, string> | null;
  quiz: boolean;
  cells: Cell[];
}

interface Section {
  /** The module of the lessons below (grouping by lesson), else `null`. */
  title: string | null;
  lines: Line[];
}

function cellsOf(row: CompletionRow, columns: readonly Column[]): Cell[] {
  return columns.map((c) => ({
    field: c.field,
    format: c.format,
    value: row[c.field],
    empty: c.over !== undefined && row[c.over] === 0,
  }));
}

/**
 * The figures of a completion report as a table: the accessible equivalent of its charts. One row
 * per territory, cohort, course, lesson (grouped under their module), month or category, a total
 * row; columns only for the figures the grouping has. Territory rows link to the drill-down.
 */
@Component({
  selector: 'tc-completion-table',
  imports: [RouterLink, TranslocoPipe, StatComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './completion-table.component.html',
  styleUrl: './observatory-table.scss',
})
export class CompletionTableComponent {
  private readonly lang = inject(LanguageService).lang;
  private readonly t = injectTranslate();
  readonly report = input.required<CompletionReport>();
  /** The dashboard's filters, kept in the drill-down links. */
  readonly query = input.required<ObservatoryQuery>();
  readonly caption = input.required<string>();

  protected readonly groupBy = computed(() => this.report().filters.groupBy);
  protected readonly k = computed(() => this.report().k);

  /** The columns some row (or the total) has a figure for. */
  protected readonly columns = computed(() => {
    const { rows, total } = this.report();
    const all = total ? [...rows, total] : rows;
    return COLUMNS.filter((c) => all.some((r) => r[c.field] !== undefined));
  });

  protected readonly sections = computed<Section[]>(() => {
    const report = this.report();
    const groupBy = report.filters.groupBy;
    const lang = this.lang();
    const t = this.t();
    const columns = this.columns();
    const query = this.query();
    const territoryName = textIn(report.territory.name, lang);
    const sections: Section[] = [];
    let moduleKey: string | undefined | null;
    for (const row of report.rows) {
      const line: Line = {
        key: row.key,
        label: rowLabel(row, groupBy, lang, t, territoryName),
        drill:
          groupBy === 'territory' && !isDirectRow(row)
            ? paramsFromQuery(withTerritory(query, { id: row.key, drillable: row.drillable ?? false }))
            : null,
        quiz: row.quiz ?? false,
        cells: cellsOf(row, columns),
      };
      const rowModule = groupBy === 'module' ? (row.module?.key ?? null) : undefined;
      if (!sections.length || rowModule !== moduleKey) {
        moduleKey = rowModule;
        const title =
          groupBy !== 'module'
            ? null
            : row.module
              ? textIn(row.module.title, lang)
              : t('observatory.table.formerLessons');
        sections.push({ title, lines: [] });
      }
      sections[sections.length - 1].lines.push(line);
    }
    return sections;
  });

  /** Where these rows are in a table of more than one page, with links to the pages around. */
  protected readonly pager = computed(() => {
    const { page, rows } = this.report();
    if (!page || page.limit === null || page.total <= page.limit) return null;
    const query = this.query();
    const lang = this.lang();
    const current = Math.floor(page.offset / page.limit) + 1;
    const last = Math.ceil(page.total / page.limit);
    return {
      from: formatNumber(rows.length ? page.offset + 1 : 0, lang),
      to: formatNumber(page.offset + rows.length, lang),
      total: formatNumber(page.total, lang),
      previous: current > 1 ? paramsFromQuery(withPage(query, current - 1)) : null,
      next: current < last ? paramsFromQuery(withPage(query, current + 1)) : null,
    };
  });

  protected readonly total = computed(() => {
    const total = this.report().total;
    return total ? cellsOf(total, this.columns()) : null;
  });
}
