import { SMALL_CELL_MAX } from './small-cell';

const safe = (d: number) => d === 0 || d > SMALL_CELL_MAX;

/**
 * A survival curve on a grid coarse enough that no step gives a small count away: from each shown
 * point, later points are merged forward until both the fall in the number at risk and the events
 * between the two (at risk × the relative fall of S) are 0 or at least 11; a tail that never gets
 * there is left out. The first point is always kept. Points must come in time order.
 */
export function coarseCurve<P extends { atRisk: number; surv: number }>(points: readonly P[]): P[] {
  if (!points.length) return [];
  const out: P[] = [points[0]];
  for (const p of points.slice(1)) {
    const last = out[out.length - 1];
    const left = last.atRisk - p.atRisk;
    const events = last.surv > 0 ? Math.round(last.atRisk * (1 - p.surv / last.surv)) : 0;
    if (left > 0 && safe(left) && safe(events)) out.push(p);
  }
  return out;
}
