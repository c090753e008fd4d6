/**
 * Standardised mean differences for a baseline table (absolute values, as R tableone reports).
 * Continuous: |m1 − m2| / sqrt((s1² + s2²) / 2). Categorical (Yang & Dalton 2012):
 * sqrt((p1 − p2)' S⁻¹ (p1 − p2)) over the levels but the first, with S the mean of the two
 * multinomial covariance matrices; for two levels this is the binary SMD.
 * Null when undefined (an empty group, or no variance while the groups differ).
 */
export interface MeanSd {
  mean: number | null;
  sd: number | null;
}

export function smdContinuous(a: MeanSd, b: MeanSd): number | null {
  if (a.mean == null || b.mean == null || a.sd == null || b.sd == null) return null;
  const diff = Math.abs(a.mean - b.mean);
  const pooled = Math.sqrt((a.sd ** 2 + b.sd ** 2) / 2);
  if (pooled === 0) return diff === 0 ? 0 : null;
  return diff / pooled;
}

/** Counts per level, in the same level order for both groups. */
export function smdCategorical(countsA: readonly number[], countsB: readonly number[]): number | null {
  if (countsA.length !== countsB.length) throw new Error('smdCategorical: the groups need the same levels');
  const na = countsA.reduce((s, x) => s + x, 0);
  const nb = countsB.reduce((s, x) => s + x, 0);
  if (na === 0 || nb === 0) return null;
  const keep = countsA.map((_, i) => i).filter((i) => countsA[i] + countsB[i] > 0);
  if (keep.length < 2) return 0;
  const p = keep.map((i) => countsA[i] / na).slice(1);
  const q = keep.map((i) => countsB[i] / nb).slice(1);
  const d = p.map((x, i) => x - q[i]);
  const s = p.map((_, i) =>
    p.map((_, j) =>
      i === j ? (p[i] * (1 - p[i]) + q[i] * (1 - q[i])) / 2 : -(p[i] * p[j] + q[i] * q[j]) / 2,
    ),
  );
  const x = solve(s, d);
  if (!x) return d.every((v) => Math.abs(v) < 1e-15) ? 0 : null;
  const quad = d.reduce((sum, v, i) => sum + v * x[i], 0);
  return Math.sqrt(Math.max(0, quad));
}

/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-14) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}
