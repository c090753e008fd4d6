import type { MeasureContext } from './group';
import { queryRuns, type Run, type RunsQuery } from './runs';
import { countAtMost, quantile7OfRuns } from '../stats/quantile';
import { tInterval } from '../stats/mean-interval';
import { ratioInterval, type ClusterSums } from '../stats/ratio-interval';
import { COHORT_FROM, medianOfCounts } from './values';
import type { Proportion, Unavailable } from './types';

/**
 * Group versus individual (measures.md §8): cohort episodes with attended hours split by
 * tertile of group_share. Cut points are the 1/3 and 2/3 quantiles (type 7) within the grp, or,
 * `common` (a study, v1.1), over the episodes of every grp together, so the arms' tertiles are
 * the same ranges; tertile 1: share ≤ q⅓, 2: q⅓ < share ≤ q⅔, 3: share > q⅔ (equal shares stay
 * together, so with many ties a tertile can be small or empty). With each tertile: median LOS
 * (short stays have little group time) and the cost intervals of measures.md §8.
 *
 * The cuts move with the cohort, so no sum by program gives a tertile: the table is computed from
 * the episodes' shares in order (a runs query, kept by program), each tertile a range of every
 * program's run.
 */
export const TERTILE_RUNS: RunsQuery = {
  columns: {
    share: 'e.group_share',
    los: 'e.los::DOUBLE',
    discharged: 'coalesce(e.discharged, false)::INTEGER',
    completed: 'coalesce(e.completed, false)::INTEGER',
    abstinent: 'coalesce(e.abstinent_final30_mip, false)::INTEGER',
    cost: 'e.cost',
  },
  where: 'e.group_share IS NOT NULL',
  order: ['share', 'e.episode_id'],
};

/**
 * The shares the common cuts are taken over: of the distinct episodes of every grp together. The
 * cuts are R's quantile(share, c(1, 2) / 3), computed here (DuckDB's quantile_cont can be one ulp
 * below it where both order statistics are equal, which would move tied shares a tertile up).
 */
export const COMMON_SHARES_SQL = `SELECT DISTINCT e.episode_id, e.group_share AS share
FROM ${COHORT_FROM}
WHERE e.group_share IS NOT NULL`;

type Cuts = [number | null, number | null];

async function commonShares(ctx: MeasureContext): Promise<Float64Array> {
  const rows = await ctx.conn.query<{ share: number }>(COMMON_SHARES_SQL);
  return Float64Array.from(rows, (r) => r.share).sort();
}

/** A grp's own cuts, from its runs' shares. */
function cutsOf(runs: readonly Run[]): Cuts {
  const shares = runs.map((r) => r.share);
  if (!shares.some((s) => s.length)) return [null, null];
  return [quantile7OfRuns(shares, 1 / 3), quantile7OfRuns(shares, 2 / 3)];
}

/** Each tertile's sums over its range of every run (none for a tertile without episodes). */
function tertileRows(runs: readonly Run[], [q1, q2]: Cuts): TertileRow[] {
  if (q1 === null || q2 === null) return [];
  const rows: TertileRow[] = [];
  // each run's tertile t is its rows bounds[t − 1] up to bounds[t]
  const bounds = runs.map((r) => [0, countAtMost(r.share, q1), countAtMost(r.share, q2), r.share.length]);
  for (const t of [1, 2, 3] as const) {
    const ranges = runs.map((r, k) => ({ r, from: bounds[k][t - 1], to: bounds[k][t] }));
    const each = (visit: (r: Run, i: number) => void) => {
      for (const { r, from, to } of ranges) for (let i = from; i < to; i++) visit(r, i);
    };
    let episodes = 0;
    let discharged = 0;
    let completed = 0;
    let abstinent = 0;
    let shareMin = Infinity;
    let shareMax = -Infinity;
    const los = new Map<number, number>();
    const cost = { n: 0, sum: 0 };
    let pricedDischarged = 0;
    const per: ClusterSums = { k: 0, sumA: 0, sumN: 0, sumAA: 0, sumAN: 0, sumNN: 0 };
    each((r, i) => {
      episodes++;
      shareMin = Math.min(shareMin, r.share[i]);
      shareMax = Math.max(shareMax, r.share[i]);
      if (!Number.isNaN(r.los[i])) los.set(r.los[i], (los.get(r.los[i]) ?? 0) + 1);
      const c = r.cost[i];
      const known = !Number.isNaN(c);
      if (known) {
        cost.n++;
        cost.sum += c;
      }
      completed += r.completed[i];
      abstinent += r.abstinent[i];
      if (!r.discharged[i]) return;
      discharged++;
      per.k++;
      per.sumN += r.completed[i];
      per.sumNN += r.completed[i] * r.completed[i];
      if (!known) return;
      pricedDischarged++;
      per.sumA += c;
      per.sumAA += c * c;
      per.sumAN += c * r.completed[i];
    });
    if (!episodes) continue;
    const mean = cost.n ? cost.sum / cost.n : null;
    let squares = 0;
    if (mean !== null)
      each((r, i) => {
        if (!Number.isNaN(r.cost[i])) squares += (r.cost[i] - mean) ** 2;
      });
    rows.push({
      tertile: t,
      share_min: shareMin,
      share_max: shareMax,
      episodes,
      discharged,
      completed,
      abstinent,
      los_median: medianOfCounts(
        [...los].map(([value, n]) => ({ value, n })).sort((a, b) => a.value - b.value),
      ).value,
      mean_cost: mean,
      sd_cost: cost.n > 1 ? Math.sqrt(squares / (cost.n - 1)) : null,
      discharged_cost: pricedDischarged ? per.sumA : null,
      per_completer: per,
    });
  }
  return rows;
}

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

interface TertileRow {
  tertile: 1 | 2 | 3;
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
  per_completer: ClusterSums;
}

export async function groupShareTertiles(
  ctx: MeasureContext,
  groups: readonly string[],
  proportion: (x: number, n: number) => Proportion,
  abstinenceUnavailable: Unavailable | null,
  opts: { commonCuts?: boolean } = {},
): Promise<Map<string, GroupShareTertiles>> {
  const runs = await queryRuns(ctx, TERTILE_RUNS);
  const common = opts.commonCuts ? cutsOf([{ share: await commonShares(ctx) }]) : null;
  const out = new Map<string, GroupShareTertiles>();
  for (const g of groups) {
    const mine = runs.get(g) ?? [];
    const cuts: Cuts = common ?? cutsOf(mine);
    const rows = tertileRows(mine, cuts);
    const tertiles = ([1, 2, 3] as const).map((t): GroupShareTertile => {
      const r = rows.find((x) => x.tertile === t);
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
          ratioInterval(r?.per_completer ?? { k: 0, sumA: 0, sumN: 0, sumAA: 0, sumAN: 0, sumNN: 0 }),
        ),
      };
    });
    const n = tertiles.reduce((s, t) => s + t.episodes, 0);
    out.set(g, { value: n, n, cuts: rows.length ? cuts : [null, null], tertiles });
  }
  return out;
}
