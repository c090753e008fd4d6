import type { KaplanMeier } from './kaplan-meier';
import { zFor } from './normal';

/** A difference between two groups with its standard error and normal 95% interval. */
export interface Difference {
  value: number;
  se: number;
  lower: number;
  upper: number;
}

const difference = (value: number, se: number, level: number): Difference => {
  const half = zFor(level) * se;
  return { value, se, lower: value - half, upper: value + half };
};

/**
 * S₁(t) − S₀(t) with the interval from the two Greenwood standard errors on the plain scale,
 * sqrt(se₁² + se₀²) (measures.md §2, v1.1); null where either S(t) or its se is undefined.
 */
export function survivalDifference(
  one: KaplanMeier,
  zero: KaplanMeier,
  t: number,
  level = 0.95,
): Difference | null {
  const s1 = one.at(t).value;
  const s0 = zero.at(t).value;
  const se1 = one.se(t);
  const se0 = zero.se(t);
  if (s1 === null || s0 === null || se1 === null || se0 === null) return null;
  return difference(s1 - s0, Math.sqrt(se1 * se1 + se0 * se0), level);
}

/** RMST₁(tau) − RMST₀(tau) with sqrt(se₁² + se₀²) (measures.md §2, v1.1). */
export function rmstDifference(
  one: KaplanMeier,
  zero: KaplanMeier,
  tau: number,
  level = 0.95,
): Difference | null {
  const r1 = one.rmst(tau);
  const r0 = zero.rmst(tau);
  if (!r1 || !r0) return null;
  return difference(r1.value - r0.value, Math.sqrt(r1.se * r1.se + r0.se * r0.se), level);
}

/**
 * Whether the two curves cross before tau: one lies strictly above the other on some day and
 * strictly below on another (the sign of S₁ − S₀ changes), so no single difference tells it all.
 */
export function curvesCross(one: KaplanMeier, zero: KaplanMeier, tau: number): boolean {
  let above = false;
  let below = false;
  for (let t = 0; t <= tau; t++) {
    const s1 = one.at(t).value;
    const s0 = zero.at(t).value;
    if (s1 === null || s0 === null) continue;
    if (s1 - s0 > 1e-12) above = true;
    if (s0 - s1 > 1e-12) below = true;
  }
  return above && below;
}
