import { tQuantile } from './t-dist';

/** Mean with a t interval from n, mean and sample standard deviation (R: t.test(x)$conf.int). */
export function tInterval(
  n: number,
  mean: number | null,
  sd: number | null,
  level = 0.95,
): { lower: number | null; upper: number | null } {
  if (n < 2 || mean === null || sd === null) return { lower: null, upper: null };
  const half = (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { lower: mean - half, upper: mean + half };
}
