import type { TableName } from '../contract/schema';
import { episodeCostSql } from './cost-episodes';
import { groupShareTertiles, TERTILE_RUNS } from './cost-tertiles';
import { asksFor, computedOnly, rowColumns, type MeasureGroup, type RowItem } from './group';
import type { Mean, MeasureSet, MeasureValue, Unavailable } from './types';
import { tInterval } from '../stats/mean-interval';
import { ratioInterval } from '../stats/ratio-interval';
import {
  clusterSums,
  clusterSumsSql,
  groupRowSql,
  meanAndSd,
  meanSql,
  proportion,
  unavailable,
} from './values';
import { ownRowsWithCounts, sortedValues, type ValueCounts } from './value-counts';
import { runsSql } from './runs';

/** measures.md §8. Reads cohort_eps (ep_summary's discharged, completed, abstinent_final30_mip and ep_cost's columns). */
/** Measures that need encounters only (hours and payments, no cost rates). */
const HOURS_MEASURES = ['group_share'] as const;
const PAID_MEASURES = ['paid_per_episode', 'paid_per_completer'] as const;
const MEASURES = [
  'cost_per_client_hour_group',
  'cost_per_client_hour_individual',
  'cost_per_client_hour_family',
  'group_share',
  'cost_per_episode',
  'cost_per_completer',
  'cost_per_abstinent',
  'no_show_cost',
  'group_share_tertiles',
  'paid_per_episode',
  'paid_per_completer',
] as const;
const ALL_TABLES: ReadonlySet<TableName> = new Set(['encounters', 'cost_rates']);

const PER_EPISODE = ['cost_per_episode', 'no_show_cost', 'paid_per_episode'];
const HOURS_ALL = ['group_share'];
/** Unread today (total_cost, discharged_cost, abstinent): the study's SQL shows them; no measure asks for them. */
const COST_ITEMS: readonly RowItem[] = [
  { sql: 'count(*)::INTEGER AS episodes', for: PER_EPISODE },
  { sql: 'sum(e.cost)::DOUBLE AS total_cost', for: [] },
  { sql: meanSql('e.cost', 'cost'), for: ['cost_per_episode'] },
  {
    sql: clusterSumsSql('e.cost', 'e.completed::INTEGER', 'per_completer', 'e.discharged'),
    for: ['cost_per_completer'],
  },
  {
    sql: clusterSumsSql('e.cost', 'e.abstinent_final30_mip::INTEGER', 'per_abstinent', 'e.discharged'),
    for: ['cost_per_abstinent'],
  },
  { sql: 'sum(e.cost) FILTER (WHERE e.discharged)::DOUBLE AS discharged_cost', for: [] },
  { sql: 'count(*) FILTER (WHERE e.completed)::INTEGER AS completed', for: ['paid_per_completer'] },
  { sql: 'count(*) FILTER (WHERE e.abstinent_final30_mip)::INTEGER AS abstinent', for: [] },
  { sql: 'sum(e.no_show_cost)::DOUBLE AS no_show_cost', for: ['no_show_cost'] },
  { sql: 'sum(e.cost_group)::DOUBLE AS cost_group', for: ['cost_per_client_hour_group'] },
  { sql: 'sum(e.hours_group)::DOUBLE AS hours_group', for: ['cost_per_client_hour_group', ...HOURS_ALL] },
  { sql: 'sum(e.cost_individual)::DOUBLE AS cost_individual', for: ['cost_per_client_hour_individual'] },
  {
    sql: 'sum(e.hours_individual)::DOUBLE AS hours_individual',
    for: ['cost_per_client_hour_individual', ...HOURS_ALL],
  },
  { sql: 'sum(e.cost_family)::DOUBLE AS cost_family', for: ['cost_per_client_hour_family'] },
  { sql: 'sum(e.hours_family)::DOUBLE AS hours_family', for: ['cost_per_client_hour_family', ...HOURS_ALL] },
  { sql: meanSql('e.paid', 'paid'), for: ['paid_per_episode'] },
  { sql: 'sum(e.paid) FILTER (WHERE e.discharged)::DOUBLE AS discharged_paid', for: ['paid_per_completer'] },
  { sql: 'sum(e.unpriced)::INTEGER AS unpriced', for: ['cost_per_episode'] },
];
/** Medians of doubles: each program's values in order, kept (a cost is no integer to count by). */
const COST_VALUES: readonly ValueCounts[] = [
  { expr: 'e.cost', name: 'cost_median', for: ['cost_per_episode'], double: true },
  { expr: 'e.paid', name: 'paid_median', for: ['paid_per_episode'], double: true },
];
const COST_SQL = groupRowSql(rowColumns(COST_ITEMS));

type CostRow = {
  grp: string;
  episodes: number;
  total_cost: number | null;
  cost_median_q2: number | null;
  discharged_cost: number | null;
  completed: number;
  abstinent: number;
  no_show_cost: number | null;
  cost_group: number | null;
  hours_group: number | null;
  cost_individual: number | null;
  hours_individual: number | null;
  cost_family: number | null;
  hours_family: number | null;
  paid_median_q2: number | null;
  discharged_paid: number | null;
  unpriced: number | null;
} & Record<string, unknown>;

/** Total cost of the discharged episodes over those with the outcome. */
export interface CostRatio {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** No-show cost: the total, and per cohort episode. */
export interface NoShowCost {
  value: number | null;
  per_episode: number | null;
  n: number;
}

const ratio = (num: number | null | undefined, den: number | null | undefined): number | null =>
  num != null && den != null && den > 0 ? num / den : null;

const notAvailable = (what: string): Unavailable => ({ value: null, reason: `not available: needs ${what}` });

/** Cost per completer or abstinent episode with the ratio-estimator interval over discharged episodes. */
function costPer(r: CostRow | undefined, name: string): CostRatio {
  const sums = clusterSums(r, name);
  return ratioInterval(sums);
}

function costSet(r: CostRow | undefined, abstinence: Unavailable | null): MeasureSet {
  const episodes = r?.episodes ?? 0;
  const { mean, sd } = meanAndSd(r, 'cost');
  const value = episodes > 0 ? mean : null;
  const costPerEpisode: Mean & { unpriced_encounters: number } = {
    value,
    median: r?.cost_median_q2 ?? null,
    n: episodes,
    ...tInterval(episodes, value, sd),
    unpriced_encounters: r?.unpriced ?? 0,
  };
  const noShow: NoShowCost = {
    value: episodes > 0 ? (r?.no_show_cost ?? null) : null,
    per_episode: ratio(r?.no_show_cost, episodes),
    n: episodes,
  };
  return {
    cost_per_client_hour_group: { value: ratio(r?.cost_group, r?.hours_group) },
    cost_per_client_hour_individual: { value: ratio(r?.cost_individual, r?.hours_individual) },
    cost_per_client_hour_family: { value: ratio(r?.cost_family, r?.hours_family) },
    cost_per_episode: costPerEpisode,
    cost_per_completer: costPer(r, 'per_completer'),
    cost_per_abstinent: abstinence ?? costPer(r, 'per_abstinent'),
    no_show_cost: noShow,
  };
}

function groupShare(r: CostRow | undefined): MeasureValue {
  const all = (r?.hours_group ?? 0) + (r?.hours_individual ?? 0) + (r?.hours_family ?? 0);
  return { value: ratio(r?.hours_group, all) };
}

function paidSet(r: CostRow | undefined): MeasureSet {
  const episodes = r?.episodes ?? 0;
  const perEpisode: Mean = {
    value: episodes > 0 ? meanAndSd(r, 'paid').mean : null,
    median: r?.paid_median_q2 ?? null,
    n: episodes,
  };
  return {
    paid_per_episode: perEpisode,
    paid_per_completer: { value: ratio(r?.discharged_paid, r?.completed) },
  };
}

export const costMeasures: MeasureGroup = {
  id: 'cost',
  measures: MEASURES,
  needs: ['encounters', 'cost_rates'],
  rowItems: COST_ITEMS,
  valueCounts: COST_VALUES,
  sql: {
    ep_cost: episodeCostSql(ALL_TABLES),
    cost: COST_SQL,
    ...Object.fromEntries(COST_VALUES.map((c) => [`${c.name}_values`, runsSql(sortedValues(c))])),
    group_share_tertiles: runsSql(TERTILE_RUNS),
  },

  async compute(ctx, groups, only, given) {
    const out = new Map<string, MeasureSet>();
    if (!ctx.tables.has('encounters')) {
      for (const g of groups)
        out.set(g, Object.fromEntries(MEASURES.map((m) => [m, unavailable('encounters')])));
      return out;
    }
    const rows = (given ?? (await ownRowsWithCounts(ctx, COST_ITEMS, COST_VALUES, only))) as ReadonlyMap<
      string,
      CostRow
    >;
    const hasRates = ctx.tables.has('cost_rates');
    const hasPaid = ctx.paidAmounts;
    const abstinence = ctx.tables.has('drug_screens') ? null : unavailable('drug_screens');
    const tertilesAsked = asksFor(only, ['group_share_tertiles']);
    const tertiles =
      hasRates && tertilesAsked ? await groupShareTertiles(ctx, groups, proportion, abstinence) : null;
    for (const g of groups) {
      const r = rows.get(g);
      const set: MeasureSet = {};
      const costs = hasRates ? costSet(r, abstinence) : null;
      const paid = hasPaid ? paidSet(r) : null;
      for (const m of MEASURES) {
        if ((HOURS_MEASURES as readonly string[]).includes(m)) set[m] = groupShare(r);
        else if ((PAID_MEASURES as readonly string[]).includes(m))
          set[m] = paid ? paid[m] : notAvailable('encounters.paid_amount');
        else if (m === 'group_share_tertiles') {
          if (tertilesAsked) set[m] = tertiles?.get(g) ?? unavailable('cost_rates');
        } else set[m] = costs ? costs[m] : unavailable('cost_rates');
      }
      out.set(g, computedOnly(set, COST_ITEMS, only));
    }
    return out;
  },
};
