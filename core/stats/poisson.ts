import { chiSquareQuantile } from './chi-square';

/**
 * Exact (Garwood) interval for a Poisson count O, divided by E: the O/E ratio's interval of
 * measures.md §10. lower = qchisq(α/2, 2O)/2/E (0 when O = 0), upper = qchisq(1−α/2, 2O+2)/2/E.
 */
export function poissonRatioInterval(
  observed: number,
  expected: number,
  level = 0.95,
): { lower: number | null; upper: number | null } {
  if (!(expected > 0) || !(observed >= 0)) return { lower: null, upper: null };
  const alpha = 1 - level;
  const lower = observed === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * observed) / 2 / expected;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * observed + 2) / 2 / expected;
  return { lower, upper };
}
