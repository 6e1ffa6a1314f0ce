import { medianDays, medianOf, rate, suppressColumn } from './suppression';

describe('small-cell suppression', () => {
  it('hides counts from 1 to k − 1 and shows zeros and counts of k or more', () => {
    expect(suppressColumn([0, 1, 4, 5, 12], null, 5).cells).toEqual([0, null, null, 5, 12]);
  });

  it('hides a second cell when a single hidden one could be recovered from the shown total', () => {
    // 3 alone would be 40 − 12 − 25 = 3: the smallest other non-zero cell goes too.
    const column = suppressColumn([3, 12, 25, 0], 40, 5);
    expect(column.cells).toEqual([null, null, 25, 0]);
    expect(column.total).toBe(40);
  });

  it('needs no second cell when two are already hidden', () => {
    expect(suppressColumn([3, 2, 25], 30, 5).cells).toEqual([null, null, 25]);
  });

  it('hides the total when every other cell is zero, so the hidden one cannot be read off it', () => {
    const column = suppressColumn([0, 3, 0], 3, 5);
    expect(column.cells).toEqual([0, null, 0]);
    expect(column.total).toBeNull();
  });

  it('hides a small total', () => {
    const column = suppressColumn([2, 1], 3, 5);
    expect(column).toEqual({ cells: [null, null], total: null });
  });

  it('applies k as configured', () => {
    expect(suppressColumn([9, 10, 11], null, 10).cells).toEqual([null, 10, 11]);
  });

  it('never leaves exactly one hidden cell in a column with a shown total', () => {
    for (let seed = 1; seed < 500; seed++) {
      const values = Array.from({ length: 1 + (seed % 7) }, (_, i) => ((seed * (i + 3) * 7919) % 23) - 4).map(
        (v) => Math.max(0, v),
      );
      const total = values.reduce((s, v) => s + v, 0);
      const { cells, total: shown } = suppressColumn(values, total, 5);
      const hidden = cells.filter((c) => c === null).length;
      if (shown !== null) expect(hidden).not.toBe(1);
      cells.forEach((c, i) => {
        if (c !== null) expect(c).toBe(values[i]);
        if (values[i] !== undefined && values[i] > 0 && (values[i] as number) < 5) expect(c).toBeNull();
      });
    }
  });
});

describe('rates and medians', () => {
  it('hides a rate when either count is hidden', () => {
    expect(rate(null, 20)).toBeNull();
    expect(rate(5, null)).toBeNull();
    expect(rate(5, 0)).toBeNull();
    expect(rate(5, 20)).toBe(0.25);
  });

  it('takes the middle of a histogram, averaging the two middle values of an even count', () => {
    expect(medianOf(new Map())).toBeNull();
    expect(
      medianOf(
        new Map([
          [10, 1],
          [2, 1],
          [7, 1],
        ]),
      ),
    ).toBe(7);
    expect(
      medianOf(
        new Map([
          [3, 2],
          [9, 2],
        ]),
      ),
    ).toBe(6);
    expect(
      medianOf(
        new Map([
          [1, 5],
          [100, 1],
          [4, 0],
        ]),
      ),
    ).toBe(1);
  });
});

describe('days to completion', () => {
  it('reads day buckets as days, the middle of a week or a month beyond the first thirty days', () => {
    expect(
      medianDays(
        new Map([
          [12, 2],
          [45, 3],
        ]),
      ),
    ).toBe(48);
    expect(medianDays(new Map([[30, 1]]))).toBe(30);
    expect(medianDays(new Map([[182, 1]]))).toBe(197);
  });
});
