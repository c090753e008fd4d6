import { KaplanMeier, type TimeCount } from '../stats/kaplan-meier';
import { logRankTest, type LogRankResult } from '../stats/log-rank';
import { asksFor, type MeasureContext, type MeasureGroup } from './group';
import { zFor } from '../stats/normal';
import type { MeasureSet, Rmst } from './types';
import { COHORT_COUNTS, cohortCounts, CURVES, type CurveKind } from './cohort-counts';

export const RETENTION_DAYS = [30, 60, 90] as const;

export const RMST_DAYS = 90;

export { CURVES, type CurveKind };

export async function timeCountsByGroup(
  ctx: MeasureContext,
  groups: readonly string[],
  kind: CurveKind = 'retention',
): Promise<Map<string, TimeCount[]>> {
  const out = new Map<string, TimeCount[]>(groups.map((g) => [g, []]));
  for (const r of await cohortCounts(ctx, kind))
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
  kind: CurveKind = 'retention',
): Promise<Map<string, KmPoint[]>> {
  const counts = await timeCountsByGroup(ctx, groups, kind);
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

/** The Kaplan–Meier fit of every group (for differences between two groups: kmDifference). */
export async function kmFits(
  ctx: MeasureContext,
  groups: readonly string[],
  kind: CurveKind = 'retention',
): Promise<Map<string, KaplanMeier>> {
  const counts = await timeCountsByGroup(ctx, groups, kind);
  return new Map(groups.map((g) => [g, new KaplanMeier(counts.get(g) ?? [])]));
}

/** Restricted mean with its standard error and normal 95% interval (R: summary(fit, rmean = tau)). */
export function rmstValue(km: KaplanMeier, tau = RMST_DAYS): Rmst {
  const r = km.rmst(tau);
  if (!r) return { value: null, se: null, lower: null, upper: null };
  const half = zFor(0.95) * r.se;
  return { value: r.value, se: r.se, lower: r.value - half, upper: r.value + half };
}

/**
 * measures.md §2: retention_30/60/90 = S(t) (not prematurely discharged) with the log(−log)
 * Greenwood interval and the number at risk, in_treatment_30/60/90 likewise for the
 * still-in-treatment curve, and rmst_retention_90.
 */
const RETENTION_MEASURES = [...RETENTION_DAYS.map((d) => `retention_${d}`), `rmst_retention_${RMST_DAYS}`];
const IN_TREATMENT_MEASURES = RETENTION_DAYS.map((d) => `in_treatment_${d}`);

export const retentionMeasures: MeasureGroup = {
  id: 'retention',
  measures: [...RETENTION_MEASURES, ...IN_TREATMENT_MEASURES],
  needs: [],
  sql: { time_counts: COHORT_COUNTS },
  async compute(ctx, groups, only) {
    const retention = asksFor(only, RETENTION_MEASURES) ? await kmFits(ctx, groups, 'retention') : null;
    const inTreatment = asksFor(only, IN_TREATMENT_MEASURES)
      ? await kmFits(ctx, groups, 'in_treatment')
      : null;
    const out = new Map<string, MeasureSet>();
    for (const g of groups) {
      const set: MeasureSet = {};
      const km = retention?.get(g);
      if (km) {
        for (const d of RETENTION_DAYS) set[`retention_${d}`] = km.at(d);
        set[`rmst_retention_${RMST_DAYS}`] = rmstValue(km);
      }
      const it = inTreatment?.get(g);
      if (it) for (const d of RETENTION_DAYS) set[`in_treatment_${d}`] = it.at(d);
      out.set(g, set);
    }
    return out;
  },
};
