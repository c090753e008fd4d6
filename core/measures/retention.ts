import { KaplanMeier, type TimeCount } from '../stats/kaplan-meier';
import { logRankTest, type LogRankResult } from '../stats/log-rank';
import type { MeasureContext, MeasureGroup } from './group';
import type { MeasureSet } from './types';
import { COHORT_FROM } from './values';

export const RETENTION_DAYS = [30, 60, 90] as const;

/** Episodes leaving the risk set per group and day (measures.md §2 time and status, in ep_summary). */
const TIME_COUNTS = `SELECT c.grp, e.km_time AS time,
  count(*) FILTER (WHERE e.km_event)::INTEGER AS events,
  count(*) FILTER (WHERE NOT e.km_event)::INTEGER AS censored
FROM ${COHORT_FROM}
GROUP BY c.grp, e.km_time
ORDER BY c.grp, e.km_time`;

export async function timeCountsByGroup(
  ctx: MeasureContext,
  groups: readonly string[],
): Promise<Map<string, TimeCount[]>> {
  const rows = await ctx.conn.query<{ grp: string; time: number; events: number; censored: number }>(
    TIME_COUNTS,
  );
  const out = new Map<string, TimeCount[]>(groups.map((g) => [g, []]));
  for (const r of rows)
    out.get(r.grp)?.push({ time: Number(r.time), events: Number(r.events), censored: Number(r.censored) });
  return out;
}

export interface KmPoint {
  day: number;
  surv: number | null;
  lower: number | null;
  upper: number | null;
  at_risk: number;
}

/** The Kaplan–Meier curve of every group, one point per day from 0 to maxDay. */
export async function kmCurves(
  ctx: MeasureContext,
  groups: readonly string[],
  maxDay = 180,
): Promise<Map<string, KmPoint[]>> {
  const counts = await timeCountsByGroup(ctx, groups);
  const out = new Map<string, KmPoint[]>();
  for (const [g, c] of counts) {
    const km = new KaplanMeier(c);
    out.set(
      g,
      Array.from({ length: maxDay + 1 }, (_, day) => {
        const s = km.at(day);
        return { day, surv: s.value, lower: s.lower, upper: s.upper, at_risk: s.at_risk };
      }),
    );
  }
  return out;
}

/** Log-rank test of equal retention across the groups (R: survdiff); null with fewer than two non-empty groups. */
export async function logRank(ctx: MeasureContext, groups: readonly string[]): Promise<LogRankResult | null> {
  const counts = await timeCountsByGroup(ctx, groups);
  return logRankTest(groups.map((g) => counts.get(g) ?? []));
}

/** measures.md §2: retention_30/60/90 = S(t) with the log(−log) Greenwood interval and the number at risk. */
export const retentionMeasures: MeasureGroup = {
  id: 'retention',
  measures: RETENTION_DAYS.map((d) => `retention_${d}`),
  needs: [],
  sql: { time_counts: TIME_COUNTS },
  async compute(ctx, groups) {
    const counts = await timeCountsByGroup(ctx, groups);
    const out = new Map<string, MeasureSet>();
    for (const g of groups) {
      const km = new KaplanMeier(counts.get(g) ?? []);
      const set: MeasureSet = {};
      for (const d of RETENTION_DAYS) set[`retention_${d}`] = km.at(d);
      out.set(g, set);
    }
    return out;
  },
};
