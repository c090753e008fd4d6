/** One period of a p-chart: its rate and the 3-sigma limits around the overall rate at its n. */
export interface PChartPoint {
  value: number | null;
  n: number;
  lower: number;
  upper: number;
  /** Outside the limits: a change, not noise. */
  signal: boolean;
}

/**
 * A p-chart (Shewhart) over periods with x_i of n_i: centre p̄ = Σx/Σn, limits per period
 * p̄ ± 3·sqrt(p̄(1−p̄)/n_i) clipped to [0, 1] (measures.md §11: completion_by_quarter, per program).
 */
export function pChart(periods: readonly { numerator: number; denominator: number }[]): {
  centre: number | null;
  points: PChartPoint[];
} {
  const x = periods.reduce((s, p) => s + p.numerator, 0);
  const n = periods.reduce((s, p) => s + p.denominator, 0);
  if (n === 0) return { centre: null, points: [] };
  const c = x / n;
  return {
    centre: c,
    points: periods.map((p) => {
      const half = p.denominator > 0 ? 3 * Math.sqrt((c * (1 - c)) / p.denominator) : Infinity;
      const value = p.denominator > 0 ? p.numerator / p.denominator : null;
      const lower = Math.max(0, c - half);
      const upper = Math.min(1, c + half);
      return {
        value,
        n: p.denominator,
        lower,
        upper,
        signal: value !== null && (value < lower || value > upper),
      };
    }),
  };
}
