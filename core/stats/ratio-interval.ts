import { zFor } from './normal';

/** Per-cluster sums a ratio estimator needs: k clusters, Σa, Σn, Σa², Σa·n, Σn². */
export interface ClusterSums {
  k: number;
  sumA: number;
  sumN: number;
  sumAA: number;
  sumAN: number;
  sumNN: number;
}

/**
 * The ratio estimator R = Σa/Σn over k clusters with its linearised (cluster-robust) 95% interval:
 * var = k/(k−1) · Σ(a_i − R·n_i)² / (Σn)², R ± z·sqrt(var) (measures.md §3 and §8). Σ(a − Rn)² is
 * expanded into the sums, so SQL can aggregate them. Null bounds with k < 2 or Σn = 0.
 */
export function ratioInterval(
  s: ClusterSums,
  level = 0.95,
): { value: number | null; lower: number | null; upper: number | null } {
  if (s.sumN === 0) return { value: null, lower: null, upper: null };
  const r = s.sumA / s.sumN;
  if (s.k < 2) return { value: r, lower: null, upper: null };
  const ss = Math.max(0, s.sumAA - 2 * r * s.sumAN + r * r * s.sumNN);
  const half = zFor(level) * Math.sqrt(((s.k / (s.k - 1)) * ss) / (s.sumN * s.sumN));
  return { value: r, lower: r - half, upper: r + half };
}
