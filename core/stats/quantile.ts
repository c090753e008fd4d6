/**
 * R's type 7 of `total` ascending values, the i-th (from 0) given by `at`: linear interpolation
 * between the order statistics around (total − 1) · p; NaN for no values.
 */
function type7(total: number, p: number, at: (i: number) => number): number {
  if (!total) return NaN;
  const h = (total - 1) * p;
  const lo = Math.floor(h);
  const x = at(lo);
  return x + (h - lo) * (at(Math.min(lo + 1, total - 1)) - x);
}

/** Sample quantile with linear interpolation (R: quantile(x, p, type = 7)); NaN for no values. */
export function quantile7(values: readonly number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  return type7(x.length, p, (i) => x[i]);
}

/**
 * quantile7 of the values that `counts` hold, each `value` repeated `n` times (ascending values),
 * without expanding them: an integer measure's quantiles from its counts by value.
 */
export function quantile7OfCounts(counts: readonly { value: number; n: number }[], p: number): number {
  const total = counts.reduce((s, c) => s + c.n, 0);
  return type7(total, p, (i) => {
    let seen = 0;
    for (const c of counts) if ((seen += c.n) > i) return c.value;
    return counts[counts.length - 1].value;
  });
}

/** How many of an ascending run's values are ≤ v. */
export function countAtMost(run: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (run[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k-th smallest (from 0) of the values of ascending runs together, without merging them. */
function kthOfRuns(runs: readonly ArrayLike<number>[], k: number): number {
  const atMost = (v: number) => runs.reduce((s, r) => s + countAtMost(r, v), 0);
  // in each run, its first value with more than k values at most it; the least of them is the k-th
  let best = Infinity;
  for (const run of runs) {
    let lo = 0;
    let hi = run.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (atMost(run[mid]) > k) hi = mid;
      else lo = mid + 1;
    }
    if (lo < run.length && run[lo] < best) best = run[lo];
  }
  return best;
}

/**
 * quantile7 of the values of ascending runs together (a cohort's programs' sorted values), without
 * merging them: O(runs² · log² length).
 */
export function quantile7OfRuns(runs: readonly ArrayLike<number>[], p: number): number {
  const total = runs.reduce((s, r) => s + r.length, 0);
  return type7(total, p, (i) => kthOfRuns(runs, i));
}
