import type { Interval } from './types';

/** The normal quantile of comparative-effectiveness.md §4, as written there. */
export const Z95 = 1.959964;

export interface WeightedMean {
  /** Σwy / Σw. */
  mean: number;
  /** Σw²(y − mean)² / (Σw)²: the arm's HC0 sandwich variance with the weights held fixed. */
  variance: number;
  sumW: number;
}

export function weightedMean(y: readonly number[], w: readonly number[]): WeightedMean {
  let s = 0;
  let sy = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i];
    sy += w[i] * y[i];
  }
  const mean = sy / s;
  let v = 0;
  for (let i = 0; i < y.length; i++) v += w[i] * w[i] * (y[i] - mean) ** 2;
  return { mean, variance: v / (s * s), sumW: s };
}

/** Σw²(y − ȳ)(c − c̄) / (Σw)²: one arm's share of the covariance of two weighted means. */
export function weightedCovariance(
  y: readonly number[],
  c: readonly number[],
  w: readonly number[],
  my: number,
  mc: number,
): number {
  let s = 0;
  let v = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i];
    v += w[i] * w[i] * (y[i] - my) * (c[i] - mc);
  }
  return v / (s * s);
}

/** d = p₁ − p₀, ± 1.959964·sqrt(V₁ + V₀). */
export function difference(t: WeightedMean, c: WeightedMean): Interval {
  const d = t.mean - c.mean;
  const se = Math.sqrt(t.variance + c.variance);
  return { value: d, lower: d - Z95 * se, upper: d + Z95 * se };
}

/** RR = p₁ / p₀, interval exp(log RR ± z·sqrt(V₁/p₁² + V₀/p₀²)); null when either risk is 0. */
export function riskRatio(t: WeightedMean, c: WeightedMean): Interval | null {
  if (!(t.mean > 0 && c.mean > 0)) return null;
  const rr = t.mean / c.mean;
  const se = Math.sqrt(t.variance / t.mean ** 2 + c.variance / c.mean ** 2);
  return { value: rr, lower: Math.exp(Math.log(rr) - Z95 * se), upper: Math.exp(Math.log(rr) + Z95 * se) };
}

/** VanderWeele & Ding's E-value of a risk ratio: R + sqrt(R(R − 1)), R = max(RR, 1/RR). */
export function eValue(rr: number): number {
  const r = rr >= 1 ? rr : 1 / rr;
  return r + Math.sqrt(r * (r - 1));
}

/** The E-value of the point, and of the interval's limit nearest 1 (1 when the interval holds 1). */
export function eValues(rr: Interval): { value: number; ci: number } {
  const nearest = rr.value >= 1 ? rr.lower : rr.upper;
  const holdsOne = rr.lower <= 1 && rr.upper >= 1;
  return { value: eValue(rr.value), ci: holdsOne ? 1 : eValue(nearest) };
}
