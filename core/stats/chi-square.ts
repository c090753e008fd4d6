import { regularizedGammaP, regularizedGammaQ } from './gamma';

/** P(X ≤ x) for X ~ χ²(df) (R: pchisq). */
export function chiSquareCdf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  return x <= 0 ? 0 : regularizedGammaP(df / 2, x / 2);
}

/** Upper tail P(X > x), accurate for small tails (R: pchisq(x, df, lower.tail = FALSE)). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  return x <= 0 ? 1 : regularizedGammaQ(df / 2, x / 2);
}

/** The p-quantile of χ²(df) (R: qchisq): bracketed bisection refined to machine precision. */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  let lo = 0;
  let hi = Math.max(1, df);
  while (chiSquareCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (chiSquareCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
