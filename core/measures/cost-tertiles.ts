import type { MeasureContext } from './group';
import { querySums } from './program-sums';
import { tInterval } from '../stats/mean-interval';
import { ratioInterval } from '../stats/ratio-interval';
import { clusterSums, clusterSumsSql } from './values';
import type { Proportion, Unavailable } from './types';

/**
 * Group versus individual (measures.md §8): cohort episodes with attended hours split by
 * tertile of group_share. Cut points are the 1/3 and 2/3 quantiles (type 7) within the grp, or,
 * `common` (a study, v1.1), over the episodes of every grp together, so the arms' tertiles are
 * the same ranges; tertile 1: share ≤ q⅓, 2: q⅓ < share ≤ q⅔, 3: share > q⅔ (equal shares stay
 * together, so with many ties a tertile can be small or empty). With each tertile: median LOS
 * (short stays have little group time) and the cost intervals of measures.md §8.
 */
export const tertilesSql = (common = false): string => `WITH e AS (
  SELECT s.grp, s.episode_id, s.los, s.discharged, s.completed, s.abstinent_final30_mip, s.cost, s.group_share
  FROM cohort_eps s
  WHERE s.group_share IS NOT NULL
),
cuts AS (
  ${
    common
      ? `SELECT g.grp, x.q1, x.q2 FROM (SELECT DISTINCT grp FROM e) g CROSS JOIN (
    SELECT quantile_cont(group_share, 1.0 / 3) AS q1, quantile_cont(group_share, 2.0 / 3) AS q2
    FROM (SELECT DISTINCT episode_id, group_share FROM e)) x`
      : `SELECT grp, quantile_cont(group_share, 1.0 / 3) AS q1, quantile_cont(group_share, 2.0 / 3) AS q2
  FROM e GROUP BY grp`
  }
),
t AS (
  SELECT e.*, cuts.q1, cuts.q2,
    CASE WHEN e.group_share <= cuts.q1 THEN 1 WHEN e.group_share <= cuts.q2 THEN 2 ELSE 3 END AS tertile
  FROM e JOIN cuts ON cuts.grp = e.grp
)
SELECT grp, tertile::INTEGER AS tertile,
  any_value(q1)::DOUBLE AS q1, any_value(q2)::DOUBLE AS q2,
  min(group_share)::DOUBLE AS share_min, max(group_share)::DOUBLE AS share_max,
  count(*)::INTEGER AS episodes,
  count(*) FILTER (WHERE discharged)::INTEGER AS discharged,
  count(*) FILTER (WHERE completed)::INTEGER AS completed,
  count(*) FILTER (WHERE abstinent_final30_mip)::INTEGER AS abstinent,
  quantile_cont(los, 0.5)::DOUBLE AS los_median,
  avg(cost)::DOUBLE AS mean_cost,
  stddev_samp(cost)::DOUBLE AS sd_cost,
  sum(cost) FILTER (WHERE discharged)::DOUBLE AS discharged_cost,
  ${clusterSumsSql('cost', 'completed::INTEGER', 'per_completer', 'discharged')}
FROM t GROUP BY grp, tertile ORDER BY grp, tertile`;
export const TERTILES_SQL = tertilesSql(false);

export interface GroupShareTertile {
  tertile: 1 | 2 | 3;
  /** Range of group_share inside the tertile. */
  share_min: number | null;
  share_max: number | null;
  episodes: number;
  completion_rate: Proportion;
  /** Missing = positive (ep_summary.abstinent_final30_mip), among discharged episodes. */
  abstinent_final30_mip: Proportion | Unavailable;
  /** Median LOS of the tertile's episodes (E − admit while open). */
  los_median: number | null;
  cost_per_episode: number | null;
  cost_per_completer: number | null;
  /** 95% t interval of the mean cost, and the ratio-estimator interval of cost per completer. */
  cost_per_episode_interval: { lower: number | null; upper: number | null };
  cost_per_completer_interval: { lower: number | null; upper: number | null };
}

/** A measure with a table inside; `value` is the number of episodes split into tertiles. */
export interface GroupShareTertiles {
  value: number | null;
  n: number;
  cuts: [number | null, number | null];
  tertiles: GroupShareTertile[];
}

type TertileRow = {
  grp: string;
  tertile: number;
  q1: number;
  q2: number;
  share_min: number;
  share_max: number;
  episodes: number;
  discharged: number;
  completed: number;
  abstinent: number;
  los_median: number | null;
  mean_cost: number | null;
  sd_cost: number | null;
  discharged_cost: number | null;
} & Record<string, unknown>;

export async function groupShareTertiles(
  ctx: MeasureContext,
  groups: readonly string[],
  proportion: (x: number, n: number) => Proportion,
  abstinenceUnavailable: Unavailable | null,
  opts: { commonCuts?: boolean } = {},
): Promise<Map<string, GroupShareTertiles>> {
  // with each grp's own cuts, a grp's rows read its episodes alone
  const rows = opts.commonCuts
    ? await ctx.conn.query<TertileRow>(tertilesSql(true))
    : await querySums<TertileRow>(ctx, { sql: TERTILES_SQL, keys: ['tertile'], perGroup: true });
  const out = new Map<string, GroupShareTertiles>();
  for (const g of groups) {
    const mine = rows.filter((r) => r.grp === g);
    const tertiles = ([1, 2, 3] as const).map((t): GroupShareTertile => {
      const r = mine.find((x) => x.tertile === t);
      const discharged = r?.discharged ?? 0;
      const completed = r?.completed ?? 0;
      return {
        tertile: t,
        share_min: r?.share_min ?? null,
        share_max: r?.share_max ?? null,
        episodes: r?.episodes ?? 0,
        completion_rate: proportion(completed, discharged),
        abstinent_final30_mip: abstinenceUnavailable ?? proportion(r?.abstinent ?? 0, discharged),
        los_median: r?.los_median ?? null,
        cost_per_episode: r?.mean_cost ?? null,
        cost_per_completer:
          completed > 0 && r?.discharged_cost != null ? r.discharged_cost / completed : null,
        cost_per_episode_interval: tInterval(r?.episodes ?? 0, r?.mean_cost ?? null, r?.sd_cost ?? null),
        cost_per_completer_interval: (({ lower, upper }) => ({ lower, upper }))(
          ratioInterval(clusterSums(r, 'per_completer')),
        ),
      };
    });
    const n = tertiles.reduce((s, t) => s + t.episodes, 0);
    out.set(g, { value: n, n, cuts: [mine[0]?.q1 ?? null, mine[0]?.q2 ?? null], tertiles });
  }
  return out;
}
