/**
 * Small-cell suppression for tables of counts of people.
 *
 * - Primary: a count from 1 to k − 1 is hidden (0 is shown: it names nobody).
 * - Complementary: where a column's cells add up to a total that is shown, a single hidden cell could
 *   be recovered by subtraction; so a second cell is hidden too, the smallest non-zero one shown
 *   (the least information lost). If no such cell exists, the total is hidden instead.
 * - Rates and medians computed from a hidden count are hidden.
 */

export interface SuppressedColumn {
  /** Per cell: the count, or null where hidden. */
  cells: (number | null)[];
  /** The total, or null where hidden (or where there is none). */
  total: number | null;
}

export function isSmall(value: number, k: number): boolean {
  return value > 0 && value < k;
}

/**
 * Suppresses one column. `total` is the shown total the cells add up to (`null` when the table shows
 * none: then only primary suppression applies).
 */
export function suppressColumn(values: number[], total: number | null, k: number): SuppressedColumn {
  const hidden = values.map((v) => isSmall(v, k));
  let totalHidden = total !== null && isSmall(total, k);
  if (total !== null && !totalHidden && hidden.filter(Boolean).length === 1) {
    let best = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (best < 0 || v < (values[best] as number))) best = i;
    });
    if (best >= 0) hidden[best] = true;
    else totalHidden = true;
  }
  return {
    cells: values.map((v, i) => (hidden[i] ? null : v)),
    total: total === null || totalHidden ? null : total,
  };
}

/** numerator / denominator, unless either is hidden or there is nothing to divide by. */
export function rate(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

/**
 * A days-to-completion bucket (its first day, as the database files it: by day up to 30, by week up to
 * 181, by month beyond) as the day that stands for it: itself, or the middle of its week or month.
 */
export function bucketDay(bucket: number): number {
  return bucket <= 30 ? bucket : bucket < 182 ? bucket + 3 : bucket + 15;
}

/** The median of days-to-completion buckets. */
export function medianDays(buckets: Map<number, number>): number | null {
  const days = new Map<number, number>();
  for (const [b, n] of buckets) days.set(bucketDay(b), (days.get(bucketDay(b)) ?? 0) + n);
  return medianOf(days);
}

/**
 * The median of a histogram (value → how many), or null when empty. With an even count it is the
 * mean of the two middle values.
 */
export function medianOf(histogram: Map<number, number>): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = entries.reduce((s, [, n]) => s + n, 0);
  if (!count) return null;
  const at = (position: number): number => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (seen > position) return value;
    }
    return (entries[entries.length - 1] as [number, number])[0];
  };
  return count % 2 ? at((count - 1) / 2) : (at(count / 2 - 1) + at(count / 2)) / 2;
}
