import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CompetenceReport } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { ChartComponent } from '../chart/chart.component';
import { type ChartContext, SERIES_COLOURS, barChartHeight, horizontalBars } from '../chart/chart-options';
import { injectTranslate } from '../data-access/translate';
import { StatComponent } from './stat.component';

/**
 * The DigComp view: course completions per competence area, and per competence the mean
 * self-assessed level before and after a course and the gain; each as a chart and as a table.
 */
@Component({
  selector: 'tc-competences',
  imports: [TranslocoPipe, ChartComponent, StatComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './competences.component.html',
  styleUrls: ['./observatory-table.scss', './competences.component.scss'],
})
export class CompetencesComponent {
  private readonly lang = inject(LanguageService).lang;
  private readonly t = injectTranslate();
  readonly report = input.required<CompetenceReport>();
  readonly chartContext = input.required<ChartContext>();

  protected readonly k = computed(() => this.report().k);

  protected readonly areas = computed(() => {
    const lang = this.lang();
    return this.report().areas.map((a) => ({
      code: a.code,
      title: a.title[lang] || a.title.fr,
      completions: a.completions,
      competences: a.competences.map((c) => ({
        code: c.code,
        title: c.title[lang] || c.title.fr,
        assessed: c.assessed,
        before: c.before,
        after: c.after,
        gain: c.gain,
      })),
    }));
  });

  protected readonly competenceCount = computed(() =>
    this.areas().reduce((n, a) => n + a.competences.length, 0),
  );

  protected readonly areaChart = computed(() => {
    const t = this.t();
    const areas = this.areas();
    return horizontalBars(
      areas.map((a) => `${a.code}. ${a.title}`),
      [
        {
          name: t('observatory.competences.completions'),
          values: areas.map((a) => a.completions),
          colour: SERIES_COLOURS.completed,
        },
      ],
      this.chartContext(),
    );
  });
  protected readonly areaChartHeight = computed(() =>
    barChartHeight(this.areas().length, 1, this.chartContext().narrow),
  );

  protected readonly levelChart = computed(() => {
    const t = this.t();
    const competences = this.areas().flatMap((a) => a.competences);
    return horizontalBars(
      competences.map((c) => `${c.code} ${c.title}`),
      [
        {
          name: t('observatory.competences.before'),
          values: competences.map((c) => c.before),
          colour: SERIES_COLOURS.before,
        },
        {
          name: t('observatory.competences.after'),
          values: competences.map((c) => c.after),
          colour: SERIES_COLOURS.after,
        },
      ],
      this.chartContext(),
      'level',
      8,
    );
  });
  protected readonly levelChartHeight = computed(() =>
    barChartHeight(this.competenceCount(), 2, this.chartContext().narrow),
  );

  protected chartLabel(titleKey: string): string {
    const t = this.t();
    return t('observatory.chart.label', { title: t(titleKey) });
  }
}
