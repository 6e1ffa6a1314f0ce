import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
} from '@angular/core';
import type { EChartsType } from 'echarts/core';
import type { ChartOption } from './chart-options';

/**
 * An Apache ECharts chart (SVG renderer): ECharts is loaded with the first chart, the chart is
 * created after the first render, given new options when they change, resized with its box and
 * disposed with the component. It is an image to assistive technology, named by `label`; the table
 * next to it carries the same figures.
 */
@Component({
  selector: 'tc-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
  host: {
    role: 'img',
    // ECharts lays out its SVG text for a left-to-right page (text-anchor start/end); right-to-left
    // charts are mirrored through their options instead (see chart-options.ts).
    dir: 'ltr',
    '[attr.aria-label]': 'label()',
    '[style.block-size.px]': 'height()',
  },
  styles: `
    :host {
      display: block;
      inline-size: 100%;
      min-inline-size: 0;
    }
  `,
})
export class ChartComponent {
  readonly options = input.required<ChartOption>();
  readonly label = input.required<string>();
  /** Height in CSS pixels (horizontal bar charts grow with their rows). */
  readonly height = input(280);

  private chart: EChartsType | null = null;
  private destroyed = false;

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    let observer: ResizeObserver | null = null;
    let loading: Promise<void> | null = null;

    afterRenderEffect({
      write: () => {
        const options = this.options();
        this.height();
        if (this.chart) {
          this.chart.setOption(options, { notMerge: true });
          return;
        }
        loading ??= import('./echarts').then(({ init }) => {
          if (this.destroyed) return;
          this.chart = init(host, null, { renderer: 'svg' });
          // The options may have changed while ECharts was loading: draw the latest.
          this.chart.setOption(this.options(), { notMerge: true });
          observer = new ResizeObserver(() => this.chart?.resize());
          observer.observe(host);
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
