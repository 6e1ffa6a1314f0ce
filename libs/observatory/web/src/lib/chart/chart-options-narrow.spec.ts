import { formatNumber } from '../data-access/format';
import {
  type ChartContext,
  NARROW_FUNNEL_WIDTH,
  barChartHeight,
  chartText,
  funnel,
  horizontalBars,
  monthlyLines,
} from './chart-options';

// A phone, 390 pixels wide, in French and in Arabic.
const fr: ChartContext = { dir: 'ltr', lang: 'fr', suppressed: '< 5', reducedMotion: false, narrow: true };
const ar: ChartContext = { dir: 'rtl', lang: 'ar', suppressed: '< 5', reducedMotion: false, narrow: true };
const wide: ChartContext = { ...ar, narrow: false };

interface Label {
  formatter: (v: number) => string;
  hideOverlap?: boolean;
  inside?: boolean;
  align?: string;
  verticalAlign?: string;
  padding?: number[];
  width?: number;
  overflow?: string;
  lineHeight?: number;
}
interface Axis {
  splitNumber?: number;
  inverse?: boolean;
  position?: string;
  axisLabel: Label;
}
interface FunnelItem {
  value: number;
  labelLine?: { length: number };
}
interface FunnelSeries {
  width: number | string;
  left?: number | string;
  right?: number | string;
  funnelAlign: string;
  label: { position: string };
  labelLine: { length: number };
  data: FunnelItem[];
}

const before = [{ name: 'Avant', values: [3.2, 4], colour: '#767f8a' }];
const levels = [...before, { name: 'Après', values: [5.1, 6], colour: '#2f6fae' }];
const competences = [
  '1.1 Naviguer, rechercher et filtrer des données, des informations et des contenus numériques',
  '1.2 Évaluer des données, des informations et des contenus numériques',
];

describe('chart options on a narrow page', () => {
  it('writes fewer, compact axis numbers in the page’s numerals', () => {
    for (const ctx of [fr, ar]) {
      const x = horizontalBars(['A'], [{ name: 'Inscrits', values: [1234], colour: '#1' }], ctx)
        .xAxis as Axis;
      expect(x.splitNumber).toBe(3);
      expect(x.axisLabel.hideOverlap).toBe(true);
      expect(x.axisLabel.formatter(300)).toBe(chartText(formatNumber(300, ctx.lang), ctx));
    }
    const x = (ctx: ChartContext) =>
      (horizontalBars(['A'], [{ name: 'Inscrits', values: [1234], colour: '#1' }], ctx).xAxis as Axis)
        .axisLabel;
    expect(x(fr).formatter(1200)).toBe('1,2\u00a0k');
    expect(x(ar).formatter(25000)).toBe('\u206725\u00a0ألف\u2069');
    // Wide pages keep every number in full.
    expect(x(wide).formatter(1200)).toBe(formatNumber(1200, 'ar'));
    expect((horizontalBars(['A'], before, wide).xAxis as Axis).splitNumber).toBeUndefined();
  });

  it('keeps levels and rates in their own format', () => {
    const x = horizontalBars(['A'], levels, ar, 'level', 8).xAxis as Axis;
    expect(x.axisLabel.formatter(4)).toBe('4,0');
    const rate = horizontalBars(['A'], before, fr, 'rate', 1).xAxis as Axis;
    expect(rate.axisLabel.formatter(0.5)).toBe('50\u00a0%');
  });

  it('writes each competence name in full above its bars, from the start side', () => {
    const ltr = (horizontalBars(competences, levels, fr, 'level', 8).yAxis as Axis).axisLabel;
    expect([ltr.inside, ltr.align, ltr.verticalAlign, ltr.overflow]).toEqual([
      true,
      'left',
      'bottom',
      'break',
    ]);
    const rtl = horizontalBars(competences, levels, ar, 'level', 8).yAxis as Axis;
    expect([rtl.axisLabel.inside, rtl.axisLabel.align, rtl.position]).toEqual([true, 'right', 'right']);
    // The name ends above the two bars (16 pixels each, 15 % apart) of its competence.
    expect(rtl.axisLabel.padding?.[2]).toBeGreaterThanOrEqual((16 * 2 + 16 * 0.15) / 2);
    // It wraps within a phone's chart (390 pixels less the page's margins) instead of being cut.
    expect(rtl.axisLabel.width).toBeLessThanOrEqual(300);
  });

  it('leaves room for two lines of name above the bars of each row', () => {
    const rows = 21;
    const height = barChartHeight(rows, 2, true);
    const grid = horizontalBars(competences, levels, ar, 'level', 8).grid as { top: number; bottom: number };
    const band = (height - grid.top - grid.bottom) / rows;
    const name = 2 * ((horizontalBars(competences, levels, ar).yAxis as Axis).axisLabel.lineHeight ?? 0);
    expect(band).toBeGreaterThanOrEqual(name + 2 * 16 + 8);
    // Wide pages are drawn as before.
    expect(barChartHeight(rows, 2)).toBe(56 + rows * 42);
    const y = (horizontalBars(competences, levels, wide).yAxis as Axis).axisLabel;
    expect([y.inside, y.width, y.overflow]).toEqual([undefined, 200, 'truncate']);
    const x = (horizontalBars(competences, levels, wide).xAxis as Axis).axisLabel;
    expect(x.hideOverlap).toBeUndefined();
    const bars = horizontalBars(competences, levels, wide).series as {
      barMaxWidth: number;
      barGap: string;
    }[];
    expect([bars[0].barMaxWidth, bars[0].barGap]).toEqual([16, '15%']);
  });

  it('writes fewer, compact numbers beside the months', () => {
    const y = monthlyLines(['يناير', 'فبراير'], before, ar).yAxis as Axis;
    expect(y.splitNumber).toBe(3);
    expect(y.axisLabel.formatter(25000)).toBe('\u206725\u00a0ألف\u2069');
    expect(
      (monthlyLines(['janv.'], before, { ...fr, narrow: false }).yAxis as Axis).splitNumber,
    ).toBeUndefined();
  });

  const stages = [
    { name: 'Inscrits', value: 300, colour: '#1' },
    { name: 'Ont commencé', value: 240, colour: '#2' },
    { name: 'Ont terminé', value: 30, colour: '#3' },
    { name: 'Certifiés', value: 5, colour: '#4' },
  ];
  /** Width of a stage as ECharts draws it: 2 % to 100 % of the funnel's width. */
  const size = (v: number) => NARROW_FUNNEL_WIDTH * (0.02 + 0.98 * (v / 300));

  it('starts every funnel label beyond the widest point of its stage', () => {
    for (const ctx of [fr, ar]) {
      const [s] = funnel(stages, ctx).series as FunnelSeries[];
      expect(s.width).toBe(NARROW_FUNNEL_WIDTH);
      s.data.forEach((d, i) => {
        const next = s.data[i + 1]?.value ?? d.value;
        // ECharts puts the label line at the middle of the slanted edge, half-way between the widths.
        const middle = (size(d.value) + size(next)) / 2 / 2;
        expect(middle + (d.labelLine?.length ?? s.labelLine.length)).toBeGreaterThan(size(d.value) / 2);
      });
    }
  });

  it('draws the funnel from the start side, its labels towards the end', () => {
    const [l] = funnel(stages, fr).series as FunnelSeries[];
    expect([l.left, l.right, l.funnelAlign, l.label.position]).toEqual([4, undefined, 'left', 'right']);
    const [r] = funnel(stages, ar).series as FunnelSeries[];
    expect([r.left, r.right, r.funnelAlign, r.label.position]).toEqual([undefined, 4, 'right', 'left']);
    // Wide pages are drawn as before.
    const [w] = funnel(stages, wide).series as FunnelSeries[];
    expect([w.width, w.left, w.labelLine.length, w.data[0].labelLine]).toEqual(['52%', '44%', 20, undefined]);
  });
});
