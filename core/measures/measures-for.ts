import type { MeasureContext } from './group';
import { MEASURE_GROUPS } from './registry';
import type { MeasureSet } from './types';
import { computeOrUnavailable } from './unavailable';

export interface GroupedMeasures {
  groups: string[];
  episodes: Map<string, number>;
  measures: Map<string, MeasureSet>;
}

/** Every measure for every group of cohort_eps (call inside a session's withGroups). */
export async function measuresFor(ctx: MeasureContext, groups: string[]): Promise<GroupedMeasures> {
  const measures = new Map<string, MeasureSet>(groups.map((g) => [g, {}]));
  for (const group of MEASURE_GROUPS) {
    const sets = await computeOrUnavailable(group, ctx, groups);
    for (const g of groups) Object.assign(measures.get(g)!, sets.get(g));
  }
  const rows = await ctx.conn.query<{ grp: string; n: number }>(
    'SELECT grp, count(*)::INTEGER AS n FROM cohort_eps GROUP BY grp',
  );
  const episodes = new Map(groups.map((g) => [g, Number(rows.find((r) => r.grp === g)?.n ?? 0)]));
  return { groups, episodes, measures };
}
