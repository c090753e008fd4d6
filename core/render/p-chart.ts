import type { QuarterRate } from '../measures/types';

export interface PChartPoint {
  quarter: string;
  rate: number | null;
  n: number;
  /** p̄ ± 3·sqrt(p̄(1 − p̄)/n), clipped to [0, 1]; null without discharges in the quarter. */
  lower: number | null;
  upper: number | null;
  outside: boolean;
}

export interface PChart {
  /** The centre line: all quarters' numerators over all their denominators. */
  centre: number | null;
  points: PChartPoint[];
}

const SIGMAS = 3;

/** A Shewhart p-chart of a quarterly series (measures.md §11): overall rate, 3-sigma limits per quarter's n. */
export function pChart(series: readonly QuarterRate[]): PChart {
  const num = series.reduce((s, q) => s + q.numerator, 0);
  const den = series.reduce((s, q) => s + q.denominator, 0);
  const centre = den > 0 ? num / den : null;
  const points = series.map((q): PChartPoint => {
    const rate = q.denominator > 0 ? q.numerator / q.denominator : null;
    if (centre === null || q.denominator === 0)
      return { quarter: q.quarter, rate, n: q.denominator, lower: null, upper: null, outside: false };
    const half = SIGMAS * Math.sqrt((centre * (1 - centre)) / q.denominator);
    const lower = Math.max(0, centre - half);
    const upper = Math.min(1, centre + half);
    const outside = rate !== null && (rate < centre - half || rate > centre + half);
    return { quarter: q.quarter, rate, n: q.denominator, lower, upper, outside };
  });
  return { centre, points };
}
