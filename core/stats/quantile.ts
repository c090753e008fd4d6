/** Sample quantile with linear interpolation (R: quantile(x, p, type = 7)); NaN for no values. */
export function quantile7(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo] + (h - lo) * (x[hi] - x[lo]);
}

/**
 * quantile7 of the values that `counts` hold, each `value` repeated `n` times (ascending values),
 * without expanding them: an integer measure's quantiles from its counts by value.
 */
export function quantile7OfCounts(counts: readonly { value: number; n: number }[], p: number): number {
  const total = counts.reduce((s, c) => s + c.n, 0);
  if (!total) return NaN;
  const h = (total - 1) * p;
  const lo = Math.floor(h);
  const at = (i: number) => {
    let seen = 0;
    for (const c of counts) if ((seen += c.n) > i) return c.value;
    return counts[counts.length - 1].value;
  };
  const x = at(lo);
  return x + (h - lo) * (at(Math.min(lo + 1, total - 1)) - x);
}
