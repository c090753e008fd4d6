import type { GroupShareTertiles } from '../measures/cost-tertiles';
import type { MeasureSet, MeasureValue, Proportion } from '../measures/types';
import type { CostFigures, CostValue, PerArm } from './types';

const value = (v: MeasureValue | undefined): number | null =>
  v && typeof v === 'object' && 'value' in v && typeof v.value === 'number' ? v.value : null;
const numerator = (v: MeasureValue | undefined): number | null =>
  v && typeof v === 'object' && 'numerator' in v ? (v as Proportion).numerator : null;
const field = (v: MeasureValue | undefined, f: string): number | null => {
  const x = v && typeof v === 'object' ? (v as Record<string, unknown>)[f] : null;
  return typeof x === 'number' ? x : null;
};

const interval = (v: MeasureValue | undefined) => ({ lower: field(v, 'lower'), upper: field(v, 'upper') });

/** Why cost cannot be shown, or null: the engine marks its cost measures unavailable. */
export function costUnavailable(set: MeasureSet): string | null {
  const v = set.cost_per_episode;
  if (!v) return 'cost measures were not computed';
  return 'reason' in v && typeof v.reason === 'string' ? v.reason : null;
}

/** The cost section of one arm, from the engine's cost measures; counts attached for the privacy rule. */
export function costFigures(set: MeasureSet, episodes: number): CostFigures {
  const perEpisode: CostValue = {
    value: value(set.cost_per_episode),
    median: field(set.cost_per_episode, 'median'),
    n: field(set.cost_per_episode, 'n') ?? episodes,
    ...interval(set.cost_per_episode),
  };
  const tertiles = set.group_share_tertiles as unknown as GroupShareTertiles | undefined;
  return {
    costPerEpisode: perEpisode,
    costPerCompleter: {
      value: value(set.cost_per_completer),
      n: numerator(set.completion_rate),
      ...interval(set.cost_per_completer),
    },
    costPerAbstinent: {
      value: value(set.cost_per_abstinent),
      n: numerator(set.abstinent_final30_mip),
      ...interval(set.cost_per_abstinent),
    },
    noShowCost: {
      value: field(set.no_show_cost, 'per_episode'),
      total: value(set.no_show_cost),
      n: field(set.no_show_cost, 'n') ?? episodes,
    },
    groupShare: { value: value(set.group_share), n: episodes },
    perClientHour: {
      group: { value: value(set.cost_per_client_hour_group), n: episodes },
      individual: { value: value(set.cost_per_client_hour_individual), n: episodes },
      family: { value: value(set.cost_per_client_hour_family), n: episodes },
    },
    tertiles: (tertiles?.tertiles ?? []).map((t) => ({
      tertile: t.tertile,
      shareFrom: t.tertile === 1 ? 0 : (tertiles?.cuts[t.tertile - 2] ?? null),
      shareTo: t.tertile === 3 ? 1 : (tertiles?.cuts[t.tertile - 1] ?? null),
      episodes: t.episodes,
      losMedian: t.los_median,
      completion: t.completion_rate,
      abstinentFinal30: t.abstinent_final30_mip,
      costPerEpisode: { value: t.cost_per_episode, n: t.episodes, ...t.cost_per_episode_interval },
      costPerCompleter: {
        value: t.cost_per_completer,
        n: t.completion_rate.numerator,
        ...t.cost_per_completer_interval,
      },
    })),
  };
}

/**
 * `tertiles`: the group-share tertiles cut at points common to both arms (measures.md §8, v1.1),
 * replacing each set's own-cut table.
 */
export function costSection(
  sets: PerArm<MeasureSet | null>,
  episodes: PerArm<number>,
  tertiles?: Map<string, GroupShareTertiles>,
): { figures: PerArm<CostFigures> | null; reason: string | null } {
  const reason = costUnavailable(sets.program ?? {});
  if (reason) return { figures: null, reason };
  const withTertiles = (set: MeasureSet, arm: string): MeasureSet => {
    const t = tertiles?.get(arm);
    return t ? { ...set, group_share_tertiles: t as unknown as MeasureSet[string] } : set;
  };
  sets = {
    program: withTertiles(sets.program ?? {}, 'program'),
    comparator: sets.comparator ? withTertiles(sets.comparator, 'comparator') : null,
  };
  return {
    figures: {
      program: costFigures(sets.program ?? {}, episodes.program),
      comparator: sets.comparator ? costFigures(sets.comparator, episodes.comparator ?? 0) : null,
    },
    reason: null,
  };
}
