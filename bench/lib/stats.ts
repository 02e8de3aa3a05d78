/**
 * Order statistics for benchmark samples. Medians (not means) because a shared, noisy machine
 * produces long right tails (GC, other tenants' jobs) that would dominate a mean.
 */

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
export const quantile = (samples: readonly number[], q: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
};

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
}

export const summarize = (samples: readonly number[]): Summary => ({
  n: samples.length,
  median: median(samples),
  p90: quantile(samples, 0.9),
  min: samples.length === 0 ? Number.NaN : Math.min(...samples),
});

/** Rounds for display and JSON: benchmark figures carry noise, more digits would be false precision. */
export const round = (value: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Fisher-Yates shuffle (in place): randomises run order so a slow phase of the machine hits every subject alike. */
export const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};
