import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
} from '@angular/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/** One line of the chart: its name (already translated) and a score per check, oldest first. */
export interface ScoreLine {
  name: string;
  values: number[];
  /** The overall score: drawn thicker. */
  main: boolean;
}

/** The chart's options: a line per score across the checks, 0–100, mirrored for a right-to-left page. */
export function maturityChartOptions(days: string[], lines: ScoreLine[], rtl: boolean): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'plain', bottom: 0, itemGap: 8, textStyle: { fontSize: 11 } },
    grid: { top: 16, bottom: 110, left: rtl ? 8 : 40, right: rtl ? 40 : 8, containLabel: false },
    xAxis: { type: 'category', data: days, inverse: rtl, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, position: rtl ? 'right' : 'left' },
    series: lines.map((l) => ({
      type: 'line',
      name: l.name,
      data: l.values,
      symbolSize: l.main ? 8 : 4,
      lineStyle: { width: l.main ? 4 : 1.5 },
      z: l.main ? 3 : 2,
    })),
  };
}

/**
 * The maturity progression across checks (ECharts, SVG, loaded with the first chart). An image to
 * assistive technology, named by `label`; the checks' list beside it carries the same figures.
 */
@Component({
  selector: 'tc-maturity-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
  host: {
    role: 'img',
    // ECharts lays its text out for a left-to-right page; a right-to-left chart is mirrored by its options.
    dir: 'ltr',
    '[attr.aria-label]': 'label()',
  },
  styles: `
    :host {
      display: block;
      inline-size: 100%;
      min-inline-size: 0;
      block-size: 330px;
    }
  `,
})
export class MaturityChartComponent {
  readonly days = input.required<string[]>();
  readonly lines = input.required<ScoreLine[]>();
  readonly rtl = input(false);
  readonly label = input.required<string>();
  private readonly options = computed(() => maturityChartOptions(this.days(), this.lines(), this.rtl()));
  private chart: EChartsType | null = null;
  private destroyed = false;

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    let observer: ResizeObserver | null = null;
    let loading: Promise<void> | null = null;
    afterRenderEffect({
      write: () => {
        const options = this.options();
        if (this.chart) {
          this.chart.setOption(options, { notMerge: true });
          return;
        }
        loading ??= import('./echarts')
          .then(({ init }) => {
            if (this.destroyed) return;
            this.chart = init(host, null, { renderer: 'svg' });
            this.chart.setOption(this.options(), { notMerge: true });
            if (typeof ResizeObserver !== 'undefined') {
              observer = new ResizeObserver(() => this.chart?.resize());
              observer.observe(host);
            }
          })
          // Offline before the chart's code was kept: no chart (the checks' list says the same); the
          // next render tries again.
          .catch(() => {
            loading = null;
          });
      },
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      observer?.disconnect();
      this.chart?.dispose();
      this.chart = null;
    });
  }
}
