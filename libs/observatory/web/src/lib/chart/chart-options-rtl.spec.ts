import { type ChartContext, barChartHeight, funnel, horizontalBars, monthlyLines } from './chart-options';

const ltr: ChartContext = { dir: 'ltr', lang: 'fr', suppressed: '< 5', reducedMotion: false };
const rtl: ChartContext = { dir: 'rtl', lang: 'ar', suppressed: '< 5', reducedMotion: true };
const series = [{ name: 'Inscrits', values: [12, null], colour: '#123f6e' }];

type Axis = { inverse?: boolean; position?: string; type?: string };
type Legend = { left?: number; right?: number; align?: string; data?: string[]; show?: boolean };
const two = [
  { name: 'Inscrits', values: [12, 3], colour: '#123f6e' },
  { name: 'Ont terminé', values: [5, null], colour: '#1b7a3d' },
];

describe('chart options', () => {
  it('draws horizontal bars from the start side, first row on top', () => {
    const o = horizontalBars(['A', 'B'], series, ltr);
    const x = o.xAxis as Axis;
    const y = o.yAxis as Axis;
    expect([x.type, x.inverse, y.type, y.inverse, y.position]).toEqual([
      'value',
      false,
      'category',
      true,
      'left',
    ]);
    expect((o.legend as Legend).left).toBe(0);
  });

  it('mirrors horizontal bars in right-to-left languages', () => {
    const o = horizontalBars(['A', 'B'], series, rtl);
    expect((o.xAxis as Axis).inverse).toBe(true);
    expect((o.yAxis as Axis).position).toBe('right');
    expect((o.yAxis as Axis).inverse).toBe(true);
    const legend = o.legend as Legend;
    expect([legend.right, legend.left, legend.align]).toEqual([0, undefined, 'right']);
    expect(o.animation).toBe(false);
  });

  it('lists the legend in reading order, the first series first', () => {
    expect((horizontalBars(['A'], two, ltr).legend as Legend).data).toEqual(['Inscrits', 'Ont terminé']);
    // Laid out left to right by ECharts: reversed, so that the first series stands on the right.
    expect((horizontalBars(['A'], two, rtl).legend as Legend).data).toEqual([
      '\u2067Ont terminé\u2069',
      '\u2067Inscrits\u2069',
    ]);
  });

  it('isolates right-to-left texts inside the left-to-right SVG', () => {
    const o = horizontalBars(['الشرق'], two, rtl);
    expect((o.yAxis as { data: string[] }).data).toEqual(['\u2067الشرق\u2069']);
    expect((o.series as { name: string }[]).map((s) => s.name)).toEqual([
      '\u2067Inscrits\u2069',
      '\u2067Ont terminé\u2069',
    ]);
  });

  it('shows no legend for a single series', () => {
    expect((horizontalBars(['A'], series, ltr).legend as Legend).show).toBe(false);
    expect((horizontalBars(['A'], two, ltr).legend as Legend).show).toBe(true);
  });

  it('runs months in the reading direction', () => {
    expect((monthlyLines(['janv.', 'févr.'], series, ltr).xAxis as Axis).inverse).toBe(false);
    const o = monthlyLines(['يناير', 'فبراير'], series, rtl);
    expect((o.xAxis as Axis).inverse).toBe(true);
    expect((o.yAxis as Axis).position).toBe('right');
  });

  it('leaves suppressed stages out of the funnel and keeps the order of the stages', () => {
    const o = funnel(
      [
        { name: 'Inscrits', value: 100, colour: '#1' },
        { name: 'Ont commencé', value: 80, colour: '#2' },
        { name: 'Ont terminé', value: null, colour: '#3' },
        { name: 'Certifiés', value: 3, colour: '#4' },
      ],
      ltr,
    );
    const [s] = o.series as { sort: string; data: { name: string; value: number }[]; max: number }[];
    expect(s.sort).toBe('none');
    expect(s.max).toBe(100);
    expect(s.data.map((d) => d.name)).toEqual(['Inscrits', 'Ont commencé', 'Certifiés']);
  });

  it('gives bar charts room for their rows', () => {
    expect(barChartHeight(1, 1)).toBe(160);
    expect(barChartHeight(12, 2)).toBe(56 + 12 * 42);
  });
});
