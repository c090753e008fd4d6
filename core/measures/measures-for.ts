import type { MeasureContext } from './group';
import { MEASURE_GROUPS } from './registry';
import type { MeasureSet } from './types';
import { computeOrUnavailable } from './unavailable';

export interface GroupedMeasures {
  groups: string[];
  episodes: Map<string, number>;
  measures: Map<string, MeasureSet>;
}

/**
 * Every measure for every group of cohort_eps (call inside a session's withGroups); with `only`,
 * just the measure groups that produce one of those measures (a view asks for what it shows).
 */
export async function measuresFor(
  ctx: MeasureContext,
  groups: string[],
  only?: readonly string[],
): Promise<GroupedMeasures> {
  const measures = new Map<string, MeasureSet>(groups.map((g) => [g, {}]));
  const wanted = only
    ? MEASURE_GROUPS.filter((g) => g.measures.some((m) => only.includes(m)))
    : MEASURE_GROUPS;
  for (const group of wanted) {
    const sets = await computeOrUnavailable(group, ctx, groups, only);
    for (const g of groups) Object.assign(measures.get(g)!, sets.get(g));
  }
  const rows = await ctx.conn.query<{ grp: string; n: number }>(
    'SELECT grp, count(*)::INTEGER AS n FROM cohort_eps GROUP BY grp',
  );
  const episodes = new Map(groups.map((g) => [g, Number(rows.find((r) => r.grp === g)?.n ?? 0)]));
  return { groups, episodes, measures };
}
