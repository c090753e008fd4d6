/**
 * Aalen–Johansen cumulative incidence with one event of interest and one competing event
 * (R: cmprsk::cuminc without groups), from counts per distinct time. At a time shared by
 * events and censorings the censored are still at risk, as in cmprsk.
 */
export interface TimeCounts {
  time: number;
  /** Events of interest (step-downs). */
  event: number;
  /** Competing events (every other discharge). */
  competing: number;
  censored: number;
}

export interface CifStep {
  time: number;
  /** Cumulative incidence of the event of interest at `time` (including events at `time`). */
  event: number;
  competing: number;
  atRisk: number;
}

/** One step per distinct time, ascending. */
export function aalenJohansen(counts: readonly TimeCounts[]): CifStep[] {
  const sorted = [...counts].sort((a, b) => a.time - b.time);
  let atRisk = sorted.reduce((s, c) => s + c.event + c.competing + c.censored, 0);
  let survival = 1;
  let cif = 0;
  let cifCompeting = 0;
  const steps: CifStep[] = [];
  for (const c of sorted) {
    if (atRisk > 0) {
      cif += (survival * c.event) / atRisk;
      cifCompeting += (survival * c.competing) / atRisk;
      survival *= 1 - (c.event + c.competing) / atRisk;
    }
    steps.push({ time: c.time, event: cif, competing: cifCompeting, atRisk });
    atRisk -= c.event + c.competing + c.censored;
  }
  return steps;
}

/** The step function at t: its value at the last step ≤ t (0 before the first); null with no data. */
export function cifAt(steps: readonly CifStep[], t: number): { event: number; competing: number } | null {
  if (!steps.length) return null;
  let out = { event: 0, competing: 0 };
  for (const s of steps) {
    if (s.time > t) break;
    out = { event: s.event, competing: s.competing };
  }
  return out;
}
