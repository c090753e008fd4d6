import { zFor } from '../stats/normal';
import type { RiskAdjustedResult } from './risk';

export interface FunnelLimit {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const Z95 = zFor(0.95);
const Z998 = zFor(0.998);

/**
 * Funnel plot limits around the overall rate p (measures.md §10): p ± z·sqrt(p(1−p)/n + τ²) for
 * n = 1..nMax, z for 95% and 99.8%, clipped to [0, 1] for the plot; τ² > 0 gives the limits
 * adjusted for over-dispersion (Spiegelhalter), τ² = 0 the plain binomial ones.
 */
export function funnelLimits(p: number, nMax: number, tau2 = 0): FunnelLimit[] {
  return Array.from({ length: Math.max(0, nMax) }, (_, i) => funnelLimit(p, i + 1, tau2));
}

/** The funnel's limits at n discharges (funnelLimits's). */
export function funnelLimit(p: number, n: number, tau2 = 0): FunnelLimit {
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const se = Math.sqrt((p * (1 - p)) / n + tau2);
  return {
    n,
    lower95: clip(p - Z95 * se),
    upper95: clip(p + Z95 * se),
    lower998: clip(p - Z998 * se),
    upper998: clip(p + Z998 * se),
  };
}

/**
 * About 150 of the sizes 1..nMax (all when fewer), spaced evenly on a log scale, n = 1 first: the
 * curves stay smooth, and a network of thousands of discharges neither computes nor sends (from
 * the engine) nor draws a limit per discharge.
 */
export function thinSizes(nMax: number): number[] {
  if (nMax <= 150) return Array.from({ length: Math.max(0, nMax) }, (_, i) => i + 1);
  const keep = new Set<number>();
  for (let i = 0; i <= 150; i++) keep.add(Math.round(Math.exp((Math.log(nMax) * i) / 150)));
  return [...keep].sort((a, b) => a - b);
}

export interface FunnelPoint {
  program: string;
  /** Observed completion rate among the program's discharges. */
  rate: number | null;
  /** Risk-standardised rate (O/E × overall rate): what the funnel plots (v1.1). */
  standardized_rate: number | null;
  /** Its z against the overall rate, plain and with the over-dispersion τ² added. */
  z: number | null;
  z_adjusted: number | null;
  n: number;
}

/** Each program's rates and number of discharges, for the funnel's points. */
export const funnelPoints = (result: RiskAdjustedResult): FunnelPoint[] =>
  Object.entries(result.programs).map(([program, r]) => ({
    program,
    rate: r.n > 0 ? r.observed / r.n : null,
    standardized_rate: r.standardized_rate,
    z: r.z,
    z_adjusted: r.z_adjusted,
    n: r.n,
  }));

export interface Funnel {
  points: FunnelPoint[];
  limits: FunnelLimit[];
}

/** About k sizes of 1..nMax spaced evenly on a log scale, nMax last (a smooth curve at any network size). */
export const curveSizes = (nMax: number, k: number): number[] => [
  ...new Set(Array.from({ length: k }, (_, i) => Math.max(1, Math.round(nMax ** ((i + 1) / k))))),
];

/**
 * The completion funnel of a risk-adjusted comparison: each program's observed rate and
 * discharges, and the limits around the overall rate up to `headroom` × the largest program
 * (at least `minN`), at every size or at those `sizes` chooses (curveSizes, thinSizes).
 * `overdispersed`: the limits include the comparison's τ² (measures.md §10 v1.1: for the
 * standardised rates, flagged only outside them).
 */
export function funnel(
  result: RiskAdjustedResult,
  opts: { headroom: number; minN?: number; sizes?: (nMax: number) => number[]; overdispersed?: boolean },
): Funnel {
  const points = funnelPoints(result);
  const nMax = Math.ceil(Math.max(opts.minN ?? 1, ...points.map((p) => p.n)) * opts.headroom);
  const tau2 = opts.overdispersed ? (result.overdispersion.tau2 ?? 0) : 0;
  const p = result.overall.rate;
  if (p == null) return { points, limits: [] };
  const limits = opts.sizes
    ? opts.sizes(nMax).map((n) => funnelLimit(p, n, tau2))
    : funnelLimits(p, nMax, tau2);
  return { points, limits };
}

/**
 * Where a (standardised) rate lies on the funnel at its n: outside the 99.8% or 95% limits
 * (adjusted by τ² when over-dispersed), or within; a program is flagged only outside them.
 */
export function funnelPosition(rate: number, n: number, p: number, tau2 = 0): string {
  const se = Math.sqrt((p * (1 - p)) / n + tau2);
  const z = (rate - p) / se;
  if (z > zFor(0.998)) return 'above the 99.8% limit';
  if (z > zFor(0.95)) return 'above the 95% limit';
  if (z < -zFor(0.998)) return 'below the 99.8% limit';
  if (z < -zFor(0.95)) return 'below the 95% limit';
  return 'within the 95% limits';
}
