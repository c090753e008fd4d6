import { chiSquareSurvival } from './chi-square';
import type { TimeCount } from './kaplan-meier';

export interface LogRankResult {
  chisq: number;
  df: number;
  p: number;
  observed: number[];
  expected: number[];
}

/**
 * The log-rank test between groups (R: survdiff(Surv(time, status) ~ group), rho = 0).
 * Groups without episodes are left out; df is the rank of the variance matrix.
 */
export function logRankTest(groups: readonly (readonly TimeCount[])[]): LogRankResult | null {
  const used = groups.filter((g) => g.some((c) => c.events + c.censored > 0));
  const k = used.length;
  if (k < 2) return null;
  const times = [...new Set(used.flatMap((g) => g.map((c) => c.time)))].sort((a, b) => a - b);
  const maps = used.map((g) => {
    const m = new Map<number, TimeCount>();
    for (const c of g) {
      const prev = m.get(c.time);
      m.set(
        c.time,
        prev ? { time: c.time, events: prev.events + c.events, censored: prev.censored + c.censored } : c,
      );
    }
    return m;
  });
  const atRisk = used.map((g) => g.reduce((s, c) => s + c.events + c.censored, 0));
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const t of times) {
    const d = maps.map((m) => m.get(t)?.events ?? 0);
    const dTot = d.reduce((a, b) => a + b, 0);
    const n = atRisk.reduce((a, b) => a + b, 0);
    if (dTot > 0 && n > 0) {
      const factor = n > 1 ? (dTot * (n - dTot)) / (n - 1) : 0;
      for (let i = 0; i < k; i++) {
        observed[i] += d[i];
        expected[i] += (dTot * atRisk[i]) / n;
        for (let j = 0; j < k; j++) v[i][j] += factor * (atRisk[i] / n) * ((i === j ? 1 : 0) - atRisk[j] / n);
      }
    }
    maps.forEach((m, i) => {
      const c = m.get(t);
      if (c) atRisk[i] -= c.events + c.censored;
    });
  }
  const diff = observed.map((o, i) => o - expected[i]);
  const { value, rank } = quadraticFormGinv(v, diff);
  return { chisq: value, df: rank, p: rank > 0 ? chiSquareSurvival(value, rank) : NaN, observed, expected };
}

/** x' V⁻ x for a symmetric positive semi-definite V, pivots below tolerance dropped (as survival's cholesky2). */
function quadraticFormGinv(v: number[][], x: number[]): { value: number; rank: number } {
  const n = x.length;
  const a = v.map((r) => [...r]);
  const b = [...x];
  const eps = 1e-9 * Math.max(...a.map((r, i) => Math.abs(r[i])), 0);
  let value = 0;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const pivot = a[i][i];
    if (!(pivot > eps)) continue;
    rank++;
    value += (b[i] * b[i]) / pivot;
    for (let j = i + 1; j < n; j++) {
      const f = a[j][i] / pivot;
      if (f === 0) continue;
      b[j] -= f * b[i];
      for (let l = i + 1; l < n; l++) a[j][l] -= f * a[i][l];
    }
  }
  return { value, rank };
}
