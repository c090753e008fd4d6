import { zFor } from './normal';

/**
 * Wilson score interval for x successes in n trials (R: prop.test(x, n, correct = FALSE)$conf.int).
 * null when n = 0.
 */
export function wilsonInterval(x: number, n: number, level = 0.95): { lower: number; upper: number } | null {
  if (!(n > 0)) return null;
  const z = zFor(level);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { lower: x <= 0 ? 0 : Math.max(0, centre - half), upper: x >= n ? 1 : Math.min(1, centre + half) };
}
