import { quantile7 } from './quantile';

export interface Overdispersion {
  phi: number | null;
  tau2: number | null;
  k: number;
}

export interface FunnelUnit {
  /** The unit's (standardised) rate r_i. */
  rate: number;
  n: number;
}

export interface OverdispersionResult extends Overdispersion {
  /** Per unit, in input order: (r − p)/s and (r − p)/sqrt(s² + τ²); null where n = 0 or p is 0 or 1. */
  z: (number | null)[];
  zAdjusted: (number | null)[];
}

/** Programs from which the z are winsorised before φ is estimated (Spiegelhalter 2005). */
export const WINSORISE_FROM = 10;

/**
 * Over-dispersion of rates around p by additive random effects (measures.md §10; Spiegelhalter,
 * "Funnel plots for comparing institutional performance", 2005): s_i² = p(1−p)/n_i,
 * z_i = (r_i − p)/s_i; φ = Σz²/k, the z first winsorised at their 10th/90th percentiles (type 7)
 * when k ≥ 10; τ² = max(0, (kφ − (k − 1)) / (Σw − Σw²/Σw)), w = 1/s², and 0 when φ ≤ 1.
 */
export function overdispersion(p: number | null, units: readonly FunnelUnit[]): OverdispersionResult {
  const usable = units.map((u) => p !== null && p > 0 && p < 1 && u.n > 0 && Number.isFinite(u.rate));
  const s2 = units.map((u, i) => (usable[i] ? (p! * (1 - p!)) / u.n : NaN));
  const z = units.map((u, i) => (usable[i] ? (u.rate - p!) / Math.sqrt(s2[i]) : null));
  const zs = z.filter((x): x is number => x !== null);
  const k = zs.length;
  if (k === 0) return { phi: null, tau2: null, k, z, zAdjusted: z.map(() => null) };
  let zw = zs;
  if (k >= WINSORISE_FROM) {
    const lo = quantile7(zs, 0.1);
    const hi = quantile7(zs, 0.9);
    zw = zs.map((x) => Math.min(hi, Math.max(lo, x)));
  }
  const phi = zw.reduce((s, x) => s + x * x, 0) / k;
  const w = s2.filter((_, i) => usable[i]).map((v) => 1 / v);
  const sw = w.reduce((a, b) => a + b, 0);
  const sw2 = w.reduce((a, b) => a + b * b, 0);
  const denom = sw - sw2 / sw;
  const tau2 = phi <= 1 || denom <= 0 ? 0 : Math.max(0, (k * phi - (k - 1)) / denom);
  const zAdjusted = units.map((u, i) => (usable[i] ? (u.rate - p!) / Math.sqrt(s2[i] + tau2) : null));
  return { phi, tau2, k, z, zAdjusted };
}
