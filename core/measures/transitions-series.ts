import type { MeasureContext } from './group';
import { querySums } from './program-sums';
import type { Unavailable } from './types';
import { UNLINKED } from './unavailable';

/** What followed a discharge, in ep_transition's own words (measures.md §7), in display order. */
export const TRANSITIONS = ['step_down', 'step_up', 'readmission', 'none'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export interface TransitionCount {
  grp: string;
  transition: Transition;
  episodes: number;
}

/** Discharged episodes per group by transition; every group gets all four rows (0 when none). */
export type TransitionsAfterDischarge = { rows: TransitionCount[] } | Unavailable;

export const TRANSITIONS_SQL = `SELECT s.grp, s.transition, count(*)::INTEGER AS episodes
FROM cohort_eps s
WHERE s.discharged
GROUP BY s.grp, s.transition`;

/** Reads cohort_eps (ep_transition's columns among them). */
export async function transitionsAfterDischarge(
  ctx: MeasureContext,
  groups: readonly string[],
): Promise<TransitionsAfterDischarge> {
  if (ctx.clientLinkage === false) return UNLINKED;
  const found = await querySums<{ grp: string; transition: Transition; episodes: number }>(ctx, {
    sql: TRANSITIONS_SQL,
    keys: ['transition'],
  });
  const count = new Map(found.map((r) => [`${r.grp}\u0000${r.transition}`, r.episodes]));
  return {
    rows: groups.flatMap((grp) =>
      TRANSITIONS.map((transition) => ({
        grp,
        transition,
        episodes: count.get(`${grp}\u0000${transition}`) ?? 0,
      })),
    ),
  };
}
