import { zFor } from '../stats/normal';
import type { RiskAdjustedResult } from './risk';

export interface FunnelLimit {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Funnel plot limits around the overall rate p (measures.md §10): p ± z·sqrt(p(1−p)/n) for
 * n = 1..nMax, z for 95% and 99.8%, clipped to [0, 1] for the plot.
 */
export function funnelLimits(p: number, nMax: number): FunnelLimit[] {
  const z95 = zFor(0.95);
  const z998 = zFor(0.998);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const out: FunnelLimit[] = [];
  for (let n = 1; n <= nMax; n++) {
    const se = Math.sqrt((p * (1 - p)) / n);
    out.push({
      n,
      lower95: clip(p - z95 * se),
      upper95: clip(p + z95 * se),
      lower998: clip(p - z998 * se),
      upper998: clip(p + z998 * se),
    });
  }
  return out;
}

export interface FunnelPoint {
  program: string;
  /** Observed completion rate among the program's discharges. */
  rate: number | null;
  n: number;
}

/** Each program's observed rate and number of discharges, for the funnel's points. */
export const funnelPoints = (result: RiskAdjustedResult): FunnelPoint[] =>
  Object.entries(result.programs).map(([program, r]) => ({
    program,
    rate: r.n > 0 ? r.observed / r.n : null,
    n: r.n,
  }));

export interface Funnel {
  points: FunnelPoint[];
  limits: FunnelLimit[];
}

/**
 * The completion funnel of a risk-adjusted comparison: each program's observed rate and
 * discharges, and the limits around the overall rate up to `headroom` × the largest program
 * (at least `minN`); `curvePoints` keeps about that many log-spaced sizes (a smooth curve at
 * any network size), all sizes when absent.
 */
export function funnel(
  result: RiskAdjustedResult,
  opts: { headroom: number; minN?: number; curvePoints?: number },
): Funnel {
  const points = funnelPoints(result);
  const nMax = Math.ceil(Math.max(opts.minN ?? 1, ...points.map((p) => p.n)) * opts.headroom);
  const all = result.overall.rate == null ? [] : funnelLimits(result.overall.rate, nMax);
  const k = opts.curvePoints;
  if (!k) return { points, limits: all };
  const sizes = new Set(Array.from({ length: k }, (_, i) => Math.max(1, Math.round(nMax ** ((i + 1) / k)))));
  return { points, limits: all.filter((l) => sizes.has(l.n)) };
}
