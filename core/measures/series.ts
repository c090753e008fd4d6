import type { MeasureContext } from './group';
import { kmCurves, type KmPoint } from './retention';
import { stepDownCifCurve, type CifPoint } from './step-down';
import { transitionsAfterDischarge, type TransitionsAfterDischarge } from './transitions-series';
import { COHORT_COUNTS, cohortCounts } from './cohort-counts';
import { querySums } from './program-sums';
import { COHORT_FROM } from './values';

/** Chart data for the groups of cohort_eps; one row per group and x value. */
export interface SeriesSet {
  admissions_by_month: { grp: string; month: string; admissions: number }[];
  negative_rate_by_week: {
    grp: string;
    week: number;
    negative: number;
    resulted: number;
    rate: number | null;
  }[];
  discharge_reasons: { grp: string; reason: string; episodes: number }[];
  retention_curve: { grp: string; points: KmPoint[] }[];
  /** Cumulative incidence of step-down (and of every other discharge) by day since admission. */
  step_down_cif: { grp: string; points: CifPoint[] }[];
  /** Discharged episodes by what came next (step-down, step-up, readmission, none); unavailable without client linkage. */
  transitions_after_discharge: TransitionsAfterDischarge;
}

/** Week in treatment = floor((collected − admit) / 7), from 0; screens within the episode only. */
const NEGATIVE_BY_WEEK = `SELECT e.grp, ((s.collected_date - e.admit_date) // 7)::INTEGER AS week,
  count(*) FILTER (WHERE s.result = 'negative')::INTEGER AS negative,
  count(*) FILTER (WHERE s.result <> 'missed')::INTEGER AS resulted
FROM ${COHORT_FROM} JOIN drug_screens s ON s.episode_id = e.episode_id
  AND s.collected_date BETWEEN e.admit_date AND coalesce(e.discharge_date, ?::DATE)
GROUP BY e.grp, week
ORDER BY e.grp, week`;

export const SERIES_SQL = {
  admissions_by_month: COHORT_COUNTS,
  negative_rate_by_week: NEGATIVE_BY_WEEK,
  discharge_reasons: COHORT_COUNTS,
} as const;

export type SeriesPart = keyof SeriesSet;

const PARTS: {
  [P in SeriesPart]: (
    ctx: MeasureContext,
    groups: readonly string[],
    maxDay: number,
  ) => Promise<SeriesSet[P]>;
} = {
  admissions_by_month: async (ctx) =>
    (await cohortCounts(ctx, 'admissions_by_month')).map((r) => ({
      grp: r.grp,
      month: r.month!,
      admissions: r.n!,
    })),
  negative_rate_by_week: async (ctx) =>
    ctx.tables.has('drug_screens')
      ? (
          await querySums<{ grp: string; week: number; negative: number; resulted: number }>(ctx, {
            sql: NEGATIVE_BY_WEEK,
            keys: ['week'],
            params: [ctx.extractDate],
          })
        ).map((r) => ({ ...r, rate: r.resulted > 0 ? r.negative / r.resulted : null }))
      : [],
  discharge_reasons: async (ctx) =>
    (await cohortCounts(ctx, 'discharge_reasons')).map((r) => ({
      grp: r.grp,
      reason: r.reason!,
      episodes: r.n!,
    })),
  retention_curve: async (ctx, groups, maxDay) => {
    const curves = await kmCurves(ctx, groups, maxDay);
    return groups.map((g) => ({ grp: g, points: curves.get(g) ?? [] }));
  },
  step_down_cif: async (ctx, groups, maxDay) => {
    const cif = await stepDownCifCurve(ctx, maxDay);
    return groups.map((g) => ({ grp: g, points: cif.get(g) ?? [] }));
  },
  transitions_after_discharge: (ctx, groups) => transitionsAfterDischarge(ctx, groups),
};

export const SERIES_PARTS = Object.keys(PARTS) as SeriesPart[];

/** Every series (or, with `parts`, just those a view shows) for the groups of cohort_eps. */
export async function computeSeries(
  ctx: MeasureContext,
  groups: readonly string[],
  maxDay?: number,
): Promise<SeriesSet>;
export async function computeSeries<P extends SeriesPart>(
  ctx: MeasureContext,
  groups: readonly string[],
  maxDay: number,
  parts: readonly P[],
): Promise<Pick<SeriesSet, P>>;
export async function computeSeries(
  ctx: MeasureContext,
  groups: readonly string[],
  maxDay = 180,
  parts: readonly SeriesPart[] = SERIES_PARTS,
): Promise<Partial<SeriesSet>> {
  const out: Partial<Record<SeriesPart, unknown>> = {};
  for (const part of SERIES_PARTS)
    if (parts.includes(part)) out[part] = await PARTS[part](ctx, groups, maxDay);
  return out as Partial<SeriesSet>;
}
