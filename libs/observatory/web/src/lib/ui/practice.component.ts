import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale, PracticeReport, PracticeRow } from '@tc/shared/contracts';
import { intlLocale, LanguageService, textIn } from '@tc/shared/ui';
import { ChartComponent } from '../chart/chart.component';
import { type ChartContext, SERIES_COLOURS, barChartHeight, horizontalBars } from '../chart/chart-options';
import { formatNumber } from '../data-access/format';
import { isDirectRow } from '../data-access/labels';
import { injectTranslate } from '../data-access/translate';
import { StatComponent } from './stat.component';

/** Days to review as the API files them: 31 stands for "more than 30". */
const BEYOND = 31;

/** A median of whole days written out (one decimal: the mean of two middle days), or "> 30 days". */
export function reviewDaysText(value: number, lang: Locale, beyond: string): string {
  if (value >= BEYOND) return beyond;
  return new Intl.NumberFormat(intlLocale(lang), {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(value);
}

interface Line {
  key: string;
  label: string;
  row: PracticeRow;
  /** The median written out, or null where it is hidden or there is none. */
  median: string | null;
}

/**
 * Field practice: rounds handed in → reviewed → passed and the median days to review, per territory
 * (a chart and a table with the total) and per cohort (a table, a page at a time). Suppressed cells show
 * as the other observatory figures do.
 */
@Component({
  selector: 'tc-practice',
  imports: [NgTemplateOutlet, TranslocoPipe, ChartComponent, StatComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './practice.component.html',
  styleUrls: ['./observatory-table.scss', './practice.component.scss'],
})
export class PracticeComponent {
  private readonly lang = inject(LanguageService).lang;
  private readonly t = injectTranslate();
  readonly report = input.required<PracticeReport>();
  readonly chartContext = input.required<ChartContext>();
  /** The first cohort row of the page asked for. */
  readonly pageChange = output<number>();

  protected readonly k = computed(() => this.report().k);

  private line(row: PracticeRow, label: string): Line {
    const v = row.medianDaysToReview;
    return {
      key: row.key,
      label,
      row,
      median: v === null ? null : reviewDaysText(v, this.lang(), this.t()('observatory.practice.beyond')),
    };
  }

  protected readonly territories = computed(() => {
    const lang = this.lang();
    const t = this.t();
    const own = textIn(this.report().territory.name, lang);
    return this.report().territories.map((r) =>
      this.line(
        r,
        isDirectRow(r) ? t('observatory.table.direct', { territory: own }) : textIn(r.label, lang) || r.key,
      ),
    );
  });

  protected readonly cohorts = computed(() =>
    this.report().cohorts.map((r) => this.line(r, textIn(r.label, this.lang()) || r.key)),
  );

  protected readonly total = computed(() =>
    this.line(this.report().total, this.t()('observatory.practice.total')),
  );

  protected readonly empty = computed(() => this.report().total.handedIn === 0);

  protected readonly chart = computed(() => {
    const t = this.t();
    const lines = this.territories();
    const series = (field: 'handedIn' | 'reviewed' | 'passed', colour: string) => ({
      name: t(`observatory.practice.${field}`),
      values: lines.map((l) => l.row[field]),
      colour,
    });
    return horizontalBars(
      lines.map((l) => l.label),
      [
        series('handedIn', SERIES_COLOURS.started),
        series('reviewed', SERIES_COLOURS.enrolled),
        series('passed', SERIES_COLOURS.completed),
      ],
      this.chartContext(),
    );
  });
  protected readonly chartHeight = computed(() =>
    barChartHeight(this.territories().length, 3, this.chartContext().narrow),
  );
  protected readonly chartLabel = computed(() => {
    const t = this.t();
    return t('observatory.chart.label', { title: t('observatory.practice.chart') });
  });

  protected readonly pager = computed(() => {
    const { offset, limit, total } = this.report().cohortPage;
    if (total <= limit) return null;
    const lang = this.lang();
    return {
      from: formatNumber(offset + 1, lang),
      to: formatNumber(Math.min(total, offset + limit), lang),
      total: formatNumber(total, lang),
      previous: offset > 0 ? Math.max(0, offset - limit) : null,
      next: offset + limit < total ? offset + limit : null,
    };
  });
}
