import type { Locale } from '@tc/shared/contracts';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatCompact, formatLevel, formatNumber, formatRate } from '../data-access/format';

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
  /** A phone-wide page (see `NARROW_QUERY`): fewer axis ticks, names above the bars. */
  narrow?: boolean;
}

/** The page widths drawn as narrow charts. */
export const NARROW_QUERY = '(max-width: 37.5rem)';

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

/** Axis numbers: compact ("1,2 k", "1,2 ألف") on a narrow chart, where they have little room. */
function axisText(kind: ValueKind, ctx: ChartContext): (v: number) => string {
  const format = valueText(kind, ctx);
  // "25 ألف" is a number and a word: isolated, it reads in order in the left-to-right SVG.
  return (v) => (ctx.narrow && kind === 'count' ? chartText(formatCompact(v, ctx.lang), ctx) : format(v));
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

/** Thickness of a bar, in pixels. */
const BAR = 16;
/** Gap between the bars of one category, as a share of a bar. */
const BAR_GAP = 0.15;
/** Lines a category name may wrap to above its bars on a narrow chart, and their height. */
const NAME_LINES = 2;
const NAME_LINE_HEIGHT = 15;
/** Room for the value axis's numbers on a narrow chart. */
const NARROW_AXIS = 56;

/**
 * Pixels a horizontal bar chart needs for `rows` categories of `series` bars each; on a narrow
 * chart each category also has room for its name above its bars.
 */
export function barChartHeight(rows: number, series: number, narrow = false): number {
  if (!narrow) return Math.max(160, 56 + rows * (series * 14 + 14));
  return Math.max(160, NARROW_AXIS + rows * (series * BAR + NAME_LINES * NAME_LINE_HEIGHT + 16));
}

/** Half the height of a category's bars, plus a little air: how far above their middle a name ends. */
function namePadding(series: number): number {
  return Math.ceil((series * BAR + (series - 1) * BAR * BAR_GAP) / 2) + 3;
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
  const narrow = ctx.narrow ?? false;
  // Narrow: each name stands above its bars, wrapped over the chart's width, so that the bars have
  // the whole width too; wide: the names stand beside the bars, cut to 200 pixels.
  const names = narrow
    ? {
        inside: true,
        align: rtl ? ('right' as const) : ('left' as const),
        verticalAlign: 'bottom' as const,
        padding: [0, 0, namePadding(series.length), 0],
        margin: 0,
        width: 290,
        overflow: 'break' as const,
        lineHeight: NAME_LINE_HEIGHT,
        color: INK,
        fontSize: 12,
      }
    : { width: 200, overflow: 'truncate' as const, color: INK, fontSize: 12 };
  return {
    ...base,
    legend: { ...(base.legend as LegendComponentOption), show: legend },
    tooltip: { ...(base.tooltip as TooltipComponentOption), valueFormatter: format },
    grid: narrow
      ? {
          top: legend ? 40 + NAME_LINES * NAME_LINE_HEIGHT : 8 + NAME_LINES * NAME_LINE_HEIGHT,
          bottom: 8,
          left: rtl ? 20 : 4,
          right: rtl ? 4 : 20,
        }
      : { top: legend ? 40 : 8, bottom: 8, left: rtl ? 24 : 8, right: rtl ? 8 : 24 },
    xAxis: {
      type: 'value',
      inverse: rtl,
      min: 0,
      max,
      minInterval: kind === 'count' ? 1 : undefined,
      ...(narrow ? { splitNumber: 3 } : {}),
      axisLabel: { formatter: axisText(kind, ctx), color: MUTED, ...(narrow ? { hideOverlap: true } : {}) },
      splitLine: { lineStyle: { color: '#e1e2e8' } },
    },
    yAxis: {
      type: 'category',
      data: categories.map((c) => chartText(c, ctx)),
      inverse: true,
      position: rtl ? 'right' : 'left',
      axisLabel: names,
      axisTick: { show: false },
    },
    series: series.map((s): BarSeriesOption => ({
      type: 'bar',
      name: chartText(s.name, ctx),
      data: s.values,
      itemStyle: { color: s.colour },
      barMaxWidth: BAR,
      barGap: `${BAR_GAP * 100}%`,
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
    grid: ctx.narrow
      ? { top: 40, bottom: 8, left: 20, right: 20 }
      : { top: 40, bottom: 8, left: 28, right: 28 },
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
      ...(ctx.narrow ? { splitNumber: 3 } : {}),
      axisLabel: { formatter: axisText('count', ctx), color: MUTED },
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

/** Width in pixels of the funnel on a narrow chart, its labels taking the rest. */
export const NARROW_FUNNEL_WIDTH = 120;
const FUNNEL_MIN = 0.02;

/**
 * The training funnel, widest stage first, each stage labelled with its count and its share of the
 * first stage. The labels stand on the side the text ends on; suppressed stages are left out.
 *
 * ECharts places a side label level with the middle of its stage's slanted edge, where the top of
 * a stage that narrows a lot reaches past it. Wide charts have room enough around the funnel; a
 * narrow chart gives the funnel a fixed width and each label a line as long as that overhang, so
 * that every label starts beyond the widest point of its stage.
 */
export function funnel(stages: FunnelStage[], ctx: ChartContext): ChartOption {
  const rtl = ctx.dir === 'rtl';
  const first = stages[0]?.value ?? null;
  const count = valueText('count', ctx);
  const shown = stages.filter((s): s is FunnelStage & { value: number } => s.value !== null);
  const max = Math.max(1, ...shown.map((s) => s.value));
  const narrow = ctx.narrow ?? false;
  const size = (v: number) => NARROW_FUNNEL_WIDTH * (FUNNEL_MIN + (1 - FUNNEL_MIN) * (v / max));
  const overhang = (i: number) => {
    const next = shown[i + 1]?.value ?? shown[i].value;
    return Math.max(0, (size(shown[i].value) - size(next)) / 2);
  };
  const box = narrow
    ? { width: NARROW_FUNNEL_WIDTH, [rtl ? 'right' : 'left']: 4 }
    : { width: '52%', left: rtl ? '44%' : '4%' };
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
        minSize: `${FUNNEL_MIN * 100}%`,
        maxSize: '100%',
        gap: 4,
        top: 8,
        bottom: 8,
        ...box,
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
        labelLine: { show: false, length: narrow ? 6 : 20 },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: shown.map((s, i) => ({
          name: chartText(s.name, ctx),
          value: s.value,
          itemStyle: { color: s.colour },
          ...(narrow ? { labelLine: { show: false, length: Math.ceil(overhang(i)) + 6 } } : {}),
        })),
      },
    ],
  };
}
