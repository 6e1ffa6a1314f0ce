import { TILE_SCALE, tileShade } from './tile-scale';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the tile colour scale', () => {
  it('puts rates in five classes of twenty points, bounds going to the upper class', () => {
    const index = (rate: number) => {
      const s = tileShade(rate, 40);
      return s.kind === 'rate' ? s.index : s.kind;
    };
    expect([0, 0.1999, 0.2, 0.39, 0.4, 0.6, 0.79, 0.8, 0.95, 1].map(index)).toEqual([
      0, 0, 1, 1, 2, 3, 3, 4, 4, 4,
    ]);
  });

  it('clamps rates outside 0..1', () => {
    expect(tileShade(1.2, 10)).toEqual({ kind: 'rate', index: 4 });
    expect(tileShade(-0.1, 10)).toEqual({ kind: 'rate', index: 0 });
  });

  it('hatches a suppressed rate, and greys a territory with nobody enrolled', () => {
    expect(tileShade(null, 12)).toEqual({ kind: 'suppressed' });
    expect(tileShade(null, null)).toEqual({ kind: 'suppressed' });
    expect(tileShade(null, 0)).toEqual({ kind: 'none' });
    expect(tileShade(undefined, undefined)).toEqual({ kind: 'suppressed' });
  });

  it('gets darker from class to class', () => {
    const l = TILE_SCALE.map((c) => luminance(c.background));
    expect(l).toEqual([...l].sort((a, b) => b - a));
  });

  it('keeps the text on every tile readable (contrast of at least 4.5:1)', () => {
    for (const c of TILE_SCALE) expect(contrast(c.background, c.ink)).toBeGreaterThanOrEqual(4.5);
  });

  it('covers 0..1 without gaps', () => {
    expect(TILE_SCALE[0].from).toBe(0);
    expect(TILE_SCALE[TILE_SCALE.length - 1].to).toBe(1);
    TILE_SCALE.slice(1).forEach((c, i) => expect(c.from).toBe(TILE_SCALE[i].to));
  });
});
