/**
 * The tile map's colour scale: completion rates in five equal classes of a single blue hue, light to
 * dark, each with the text colour that keeps a contrast of at least 4.5:1 on it. Suppressed rates are
 * hatched grey, territories without coaches plain grey.
 */
export interface TileClass {
  /** Lower bound, included (0, 0.2, 0.4, 0.6, 0.8). */
  from: number;
  /** Upper bound: excluded, except 1 for the last class. */
  to: number;
  background: string;
  ink: string;
}

export const TILE_SCALE: readonly TileClass[] = [
  { from: 0, to: 0.2, background: '#e8f1fa', ink: '#10233a' },
  { from: 0.2, to: 0.4, background: '#b9d5ef', ink: '#10233a' },
  { from: 0.4, to: 0.6, background: '#7fb0de', ink: '#0b1a2c' },
  { from: 0.6, to: 0.8, background: '#2f6fae', ink: '#ffffff' },
  { from: 0.8, to: 1, background: '#123f6e', ink: '#ffffff' },
];

/** What a tile shows: a class of the scale, a suppressed rate, or no coach to count. */
export type TileShade = { kind: 'rate'; index: number } | { kind: 'suppressed' } | { kind: 'none' };

/**
 * The shade of a territory's tile from its completion rate and enrolment count: `null` rates are
 * suppressed unless nobody is enrolled (`enrolled === 0`: no denominator). Rates outside 0..1 are
 * clamped.
 */
export function tileShade(rate: number | null | undefined, enrolled: number | null | undefined): TileShade {
  if (enrolled === 0) return { kind: 'none' };
  if (rate === null || rate === undefined || Number.isNaN(rate)) return { kind: 'suppressed' };
  const clamped = Math.min(1, Math.max(0, rate));
  const index = Math.min(TILE_SCALE.length - 1, Math.floor(clamped * TILE_SCALE.length + 1e-9));
  return { kind: 'rate', index };
}
