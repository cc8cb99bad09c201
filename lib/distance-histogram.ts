/** A bar of the score distribution: distances from `from` up to `to` (the last bar includes `to`). */
export type HistogramBin = { from: number; to: number; count: number };

/**
 * Distances in `bins` bars of equal width from the smallest to the largest; all equal distances
 * make one bar.
 */
export function distanceHistogram(distances: readonly number[], bins = 20): HistogramBin[] {
  if (distances.length === 0) return [];
  const min = Math.min(...distances);
  const max = Math.max(...distances);
  if (max === min) return [{ from: min, to: max, count: distances.length }];
  const width = (max - min) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({
    from: min + i * width,
    to: i === bins - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const d of distances) out[Math.min(bins - 1, Math.floor((d - min) / width))]!.count += 1;
  return out;
}
