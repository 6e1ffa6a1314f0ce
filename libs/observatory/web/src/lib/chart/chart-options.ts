import type { Locale } from '@tc/shared/contracts';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatLevel, formatNumber, formatRate } from '../data-access/format';

/** The options of the charts the dashboard draws (only the parts registered in `ChartComponent`). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The page's font stack, Arabic included, for the chart's SVG text. */
const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Naskh Arabic', Tahoma, Arial, sans-serif";
const INK = '#1a1c1e';
const MUTED = '#44474e';

/** Series colours: at least 3:1 against the white page (WCAG 1.4.11), told apart by lightness too. */
export const SERIES_COLOURS = {
  enrolled: '#123f6e',
  started: '#4f86c0',
  completed: '#1b7a3d',
  certified: '#a35200',
  before: '#767f8a',
  after: '#2f6fae',
  rate: '#1b7a3d',
} as const;

/** What every chart needs to know about the page. */
export interface ChartContext {
  dir: 'ltr' | 'rtl';
  lang: Locale;
  /** How a suppressed value reads in a tooltip ("< 5"). */
  suppressed: string;
  /** The person asked for less motion: no animation. */
  reducedMotion: boolean;
}

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  colour: string;
}

/** How the values of a chart are written. */
export type ValueKind = 'count' | 'rate' | 'level';

/**
 * A text as the chart shows it: the chart's SVG is laid out left to right, so in a right-to-left
 * language each text is isolated as right-to-left (RLI … PDI) for its words and numbers to read in order.
 */
export function chartText(text: string, ctx: Pick<ChartContext, 'dir'>): string {
  return ctx.dir === 'rtl' ? `\u2067${text}\u2069` : text;
}

function valueText(kind: ValueKind, ctx: ChartContext): (v: unknown) => string {
  return (v) => {
    const n = Array.isArray(v) ? v[0] : v;
    if (typeof n !== 'number') return ctx.suppressed;
    if (kind === 'rate') return formatRate(n, ctx.lang) ?? '';
    if (kind === 'level') return formatLevel(n, ctx.lang) ?? '';
    return formatNumber(n, ctx.lang);
  };
}

function common(ctx: ChartContext, series: ChartSeries[] = []): ChartOption {
  const rtl = ctx.dir === 'rtl';
  const names = series.map((s) => chartText(s.name, ctx));
  return {
    animation: !ctx.reducedMotion,
    animationDuration: 300,
    textStyle: { fontFamily: FONT, color: INK },
    // The legend sits at the start of the reading direction, its keys before their text.
    legend: {
      top: 0,
      [rtl ? 'right' : 'left']: 0,
      align: rtl ? 'right' : 'left',
      textStyle: { fontFamily: FONT, color: INK, fontSize: 13 },
      itemGap: 16,
      // ECharts lays legend items out left to right: the first series goes first in reading order.
      data: rtl ? [...names].reverse() : names,
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontFamily: FONT },
    },
  };
}

/** Pixels a horizontal bar chart needs for `rows` categories of `series` bars each. */
export function barChartHeight(rows: number, series: number): number {
  return Math.max(160, 56 + rows * (series * 14 + 14));
}

/**
 * Horizontal bars, one group per category, categories top to bottom in the table's order. In
 * right-to-left languages the chart is mirrored: bars grow from the right, the category names stand
 * on the right.
 */
export function horizontalBars(
  categories: string[],
  series: ChartSeries[],
  ctx: ChartContext,
  kind: ValueKind = 'count',
  max?: number,
): ChartOption {
  const rtl = ctx.dir === 'rtl';
  const format = valueText(kind, ctx);
  const base = common(ctx, series);
  // One series needs no legend: the chart's title names it.
  const legend = series.length > 1;
  return {
    ...base,
    legend: { ...(base.legend as LegendComponentOption), show: legend },
    tooltip: { ...(base.tooltip as TooltipComponentOption), valueFormatter: format },
    grid: { top: legend ? 40 : 8, bottom: 8, left: rtl ? 24 : 8, right: rtl ? 8 : 24 },
    xAxis: {
      type: 'value',
      inverse: rtl,
      min: 0,
      max,
      minInterval: kind === 'count' ? 1 : undefined,
      axisLabel: { formatter: (v: number) => format(v), color: MUTED },
      splitLine: { lineStyle: { color: '#e1e2e8' } },
    },
    yAxis: {
      type: 'category',
      data: categories.map((c) => chartText(c, ctx)),
      inverse: true,
      position: rtl ? 'right' : 'left',
      axisLabel: { width: 200, overflow: 'truncate', color: INK, fontSize: 12 },
      axisTick: { show: false },
    },
    series: series.map((s): BarSeriesOption => ({
      type: 'bar',
      name: chartText(s.name, ctx),
      data: s.values,
      itemStyle: { color: s.colour },
      barMaxWidth: 16,
      barGap: '15%',
    })),
  };
}

/** Lines over months (oldest first, read in the page's direction). */
export function monthlyLines(months: string[], series: ChartSeries[], ctx: ChartContext): ChartOption {
  const rtl = ctx.dir === 'rtl';
  const format = valueText('count', ctx);
  const base = common(ctx, series);
  return {
    ...base,
    tooltip: {
      ...(base.tooltip as TooltipComponentOption),
      axisPointer: { type: 'line' },
      valueFormatter: format,
    },
    grid: { top: 40, bottom: 8, left: 28, right: 28 },
    xAxis: {
      type: 'category',
      data: months.map((m) => chartText(m, ctx)),
      inverse: rtl,
      boundaryGap: false,
      axisLabel: { color: MUTED, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      position: rtl ? 'right' : 'left',
      min: 0,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => format(v), color: MUTED },
      splitLine: { lineStyle: { color: '#e1e2e8' } },
    },
    series: series.map((s): LineSeriesOption => ({
      type: 'line',
      name: chartText(s.name, ctx),
      data: s.values,
      itemStyle: { color: s.colour },
      lineStyle: { color: s.colour, width: 2 },
      symbolSize: 6,
      connectNulls: false,
    })),
  };
}

export interface FunnelStage {
  name: string;
  value: number | null;
  colour: string;
}

/**
 * The training funnel, widest stage first, each stage labelled with its count and its share of the
 * first stage. The labels stand on the side the text ends on; suppressed stages are left out.
 */
export function funnel(stages: FunnelStage[], ctx: ChartContext): ChartOption {
  const rtl = ctx.dir === 'rtl';
  const first = stages[0]?.value ?? null;
  const count = valueText('count', ctx);
  const shown = stages.filter((s): s is FunnelStage & { value: number } => s.value !== null);
  const max = Math.max(1, ...shown.map((s) => s.value));
  return {
    animation: !ctx.reducedMotion,
    animationDuration: 300,
    textStyle: { fontFamily: FONT, color: INK },
    tooltip: { trigger: 'item', textStyle: { fontFamily: FONT }, valueFormatter: count },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '2%',
        maxSize: '100%',
        gap: 4,
        top: 8,
        bottom: 8,
        width: '52%',
        left: rtl ? '44%' : '4%',
        funnelAlign: rtl ? 'right' : 'left',
        label: {
          show: true,
          position: rtl ? 'left' : 'right',
          color: INK,
          fontSize: 13,
          lineHeight: 18,
          formatter: (p) => {
            const v = typeof p.value === 'number' ? p.value : null;
            const share = first && v !== null ? ` (${formatRate(v / first, ctx.lang) ?? ''})` : '';
            return `${p.name}\n${chartText(`${count(v)}${share}`, ctx)}`;
          },
        },
        labelLine: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: shown.map((s) => ({
          name: chartText(s.name, ctx),
          value: s.value,
          itemStyle: { color: s.colour },
        })),
      },
    ],
  };
}
