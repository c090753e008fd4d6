/** Sample quantile with linear interpolation (R: quantile(x, p, type = 7)); NaN for no values. */
export function quantile7(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo] + (h - lo) * (x[hi] - x[lo]);
}
