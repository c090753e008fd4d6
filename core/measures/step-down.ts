import type { TableName } from '../contract/schema';
import {
  asksFor,
  computedOnly,
  rowColumns,
  type MeasureContext,
  type MeasureGroup,
  type RowItem,
} from './group';
import { querySums } from './program-sums';
import { aalenJohansen, cifAt, type CifStep, type TimeCounts } from './step-down-cif';
import { episodeTransitionSql } from './step-down-transitions';
import type { Median, MeasureSet } from './types';
import { ownRowsWithCounts, valueCountsSql, type ValueCounts } from './value-counts';
import { groupRowSql, proportion } from './values';

/** measures.md §7. Reads cohort_eps (ep_summary's discharged, completed, los and ep_transition's columns). */
const MEASURES = [
  'step_down_rate',
  'step_down_rate_completers',
  'days_to_step_down',
  'step_down_cif_30',
  'step_down_cif_60',
  'step_down_cif_90',
  'continuity_7',
  'continuity_14',
  'continuity_7_all',
  'continuity_30_all',
  'stepped_down_into_iop',
  'step_up_90',
] as const;
const CIF_DAYS = [30, 60, 90] as const;
const CIF_MEASURES = CIF_DAYS.map((d) => `step_down_cif_${d}`);
const ALL_TABLES: ReadonlySet<TableName> = new Set(['encounters']);

const SD = "e.transition = 'step_down'";
const COUNT_ITEMS: readonly RowItem[] = [
  { sql: 'count(*)::INTEGER AS episodes', for: ['stepped_down_into_iop'] },
  { sql: 'count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged', for: ['step_down_rate'] },
  {
    sql: `count(*) FILTER (WHERE ${SD})::INTEGER AS step_downs`,
    for: ['step_down_rate', 'days_to_step_down', 'continuity_7', 'continuity_14'],
  },
  { sql: 'count(*) FILTER (WHERE e.completed)::INTEGER AS completed', for: ['step_down_rate_completers'] },
  {
    sql: `count(*) FILTER (WHERE e.completed AND ${SD})::INTEGER AS completed_step_downs`,
    for: ['step_down_rate_completers'],
  },
  {
    sql: `count(*) FILTER (WHERE ${SD} AND e.continuity_gap <= 7)::INTEGER AS continuity_7`,
    for: ['continuity_7'],
  },
  {
    sql: `count(*) FILTER (WHERE ${SD} AND e.continuity_gap <= 14)::INTEGER AS continuity_14`,
    for: ['continuity_14'],
  },
  {
    sql: 'count(*) FILTER (WHERE e.follow_up_eligible)::INTEGER AS follow_up_eligible',
    for: ['continuity_7_all', 'continuity_30_all'],
  },
  { sql: 'count(*) FILTER (WHERE e.follow_up_gap <= 7)::INTEGER AS follow_up_7', for: ['continuity_7_all'] },
  {
    sql: 'count(*) FILTER (WHERE e.follow_up_gap <= 30)::INTEGER AS follow_up_30',
    for: ['continuity_30_all'],
  },
  {
    sql: 'count(*) FILTER (WHERE e.stepped_down_into)::INTEGER AS stepped_down_into',
    for: ['stepped_down_into_iop'],
  },
  {
    sql: 'count(*) FILTER (WHERE e.step_up_90_eligible)::INTEGER AS step_up_90_eligible',
    for: ['step_up_90'],
  },
  { sql: 'count(*) FILTER (WHERE e.step_up_90)::INTEGER AS step_up_90', for: ['step_up_90'] },
];
const COUNTS_SQL = groupRowSql(rowColumns(COUNT_ITEMS));
const VALUE_COUNTS: readonly ValueCounts[] = [
  { expr: `CASE WHEN ${SD} THEN e.los END`, name: 'sd_los', for: ['days_to_step_down'] },
];

/** Exits per day since admission; time = LOS (E − admit while open, censored). */
const CIF_COUNTS_SQL = `SELECT s.grp, s.los::INTEGER AS time,
  count(*) FILTER (WHERE s.transition = 'step_down')::INTEGER AS event,
  count(*) FILTER (WHERE s.discharged AND s.transition <> 'step_down')::INTEGER AS competing,
  count(*) FILTER (WHERE NOT s.discharged)::INTEGER AS censored
FROM cohort_eps s
GROUP BY s.grp, s.los
ORDER BY s.grp, time`;

type CountsRow = {
  grp: string;
  episodes: number;
  discharged: number;
  step_downs: number;
  completed: number;
  completed_step_downs: number;
  sd_los_q1: number | null;
  sd_los_q2: number | null;
  sd_los_q3: number | null;
  continuity_7: number;
  continuity_14: number;
  follow_up_eligible: number;
  follow_up_7: number;
  follow_up_30: number;
  stepped_down_into: number;
  step_up_90_eligible: number;
  step_up_90: number;
};

const EMPTY: CountsRow = {
  grp: '',
  episodes: 0,
  discharged: 0,
  step_downs: 0,
  completed: 0,
  completed_step_downs: 0,
  sd_los_q1: null,
  sd_los_q2: null,
  sd_los_q3: null,
  continuity_7: 0,
  continuity_14: 0,
  follow_up_eligible: 0,
  follow_up_7: 0,
  follow_up_30: 0,
  stepped_down_into: 0,
  step_up_90_eligible: 0,
  step_up_90: 0,
};

/** Aalen–Johansen steps per grp of cohort_eps. */
async function cifSteps(ctx: MeasureContext): Promise<Map<string, CifStep[]>> {
  const rows = await querySums<{
    grp: string;
    time: number;
    event: number;
    competing: number;
    censored: number;
  }>(ctx, { sql: CIF_COUNTS_SQL, keys: ['time'] });
  const byGroup = new Map<string, TimeCounts[]>();
  for (const r of rows) {
    const list = byGroup.get(r.grp) ?? [];
    list.push(r);
    byGroup.set(r.grp, list);
  }
  return new Map([...byGroup].map(([g, counts]) => [g, aalenJohansen(counts)]));
}

export const stepDownMeasures: MeasureGroup = {
  id: 'step-down',
  measures: MEASURES,
  needs: [],
  needsClientLinkage: true,
  rowItems: COUNT_ITEMS,
  valueCounts: VALUE_COUNTS,
  sql: {
    ep_transition: episodeTransitionSql(ALL_TABLES),
    counts: COUNTS_SQL,
    days_to_step_down: valueCountsSql(VALUE_COUNTS),
    step_down_cif: CIF_COUNTS_SQL,
  },

  async compute(ctx, groups, only, rows) {
    const byGroup = (rows ?? (await ownRowsWithCounts(ctx, COUNT_ITEMS, VALUE_COUNTS, only))) as ReadonlyMap<
      string,
      CountsRow
    >;
    const cif = asksFor(only, CIF_MEASURES) ? await cifSteps(ctx) : null;
    const out = new Map<string, MeasureSet>();
    for (const g of groups) {
      const r = byGroup.get(g) ?? EMPTY;
      const daysToStepDown: Median = {
        value: r.sd_los_q2 ?? null,
        q1: r.sd_los_q1 ?? null,
        q3: r.sd_los_q3 ?? null,
        n: r.step_downs,
      };
      const set: MeasureSet = {
        step_down_rate: proportion(r.step_downs, r.discharged),
        step_down_rate_completers: proportion(r.completed_step_downs, r.completed),
        days_to_step_down: daysToStepDown,
      };
      if (cif) {
        const steps = cif.get(g) ?? [];
        for (const d of CIF_DAYS) set[`step_down_cif_${d}`] = { value: cifAt(steps, d)?.event ?? null };
      }
      set.continuity_7 = proportion(r.continuity_7, r.step_downs);
      set.continuity_14 = proportion(r.continuity_14, r.step_downs);
      set.continuity_7_all = proportion(r.follow_up_7, r.follow_up_eligible);
      set.continuity_30_all = proportion(r.follow_up_30, r.follow_up_eligible);
      set.stepped_down_into_iop = proportion(r.stepped_down_into, r.episodes);
      set.step_up_90 = proportion(r.step_up_90, r.step_up_90_eligible);
      out.set(g, computedOnly(set, [...COUNT_ITEMS, ...VALUE_COUNTS], only));
    }
    return out;
  },
};

export interface CifPoint {
  day: number;
  /** Cumulative incidence of step-down by this day since admission. */
  step_down: number;
  /** Cumulative incidence of every other discharge. */
  other: number;
  at_risk: number;
}

/** Day-by-day cumulative incidence curves (0..maxDay) per grp of cohort_eps, for charts. */
export async function stepDownCifCurve(ctx: MeasureContext, maxDay = 180): Promise<Map<string, CifPoint[]>> {
  const cif = await cifSteps(ctx);
  const out = new Map<string, CifPoint[]>();
  for (const [g, steps] of cif) {
    const points: CifPoint[] = [];
    let last = -1;
    for (let day = 0; day <= maxDay; day++) {
      while (last + 1 < steps.length && steps[last + 1].time <= day) last++;
      const s = last >= 0 ? steps[last] : null;
      // at risk at the start of `day`: episodes whose time is ≥ day
      const pending = steps[last + 1] ?? null;
      const atRisk = s && s.time === day ? s.atRisk : (pending?.atRisk ?? 0);
      points.push({ day, step_down: s?.event ?? 0, other: s?.competing ?? 0, at_risk: atRisk });
    }
    out.set(g, points);
  }
  return out;
}
