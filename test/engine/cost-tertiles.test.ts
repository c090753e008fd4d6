import { describe, expect, it } from 'vitest';
import type { Cohort, Grouping } from '../../core/cohort/types';
import type { Row } from '../../core/engine/connector';
import { groupShareTertiles, type GroupShareTertiles } from '../../core/measures/cost-tertiles';
import { clusterSums, clusterSumsSql, proportion } from '../../core/measures/values';
import { tInterval } from '../../core/stats/mean-interval';
import { quantile7 } from '../../core/stats/quantile';
import { ratioInterval } from '../../core/stats/ratio-interval';
import { ENGINES } from '../support/engines';
import { expectClose as closeTo } from '../support/expect-close';
import { useRecordedSessions } from '../support/recording';

const SAMPLE_DIR = new URL('../../sample-data', import.meta.url).pathname;
const OVERALL: Grouping = { kind: 'overall' };
const BY_PROGRAM: Grouping = { kind: 'by', column: 'program_id' };

/**
 * The tertile table as one SQL statement (its definition before it was computed from runs), given
 * each grp's cuts. They are R's quantile(x, c(1, 2) / 3) (quantile7 of the shares): DuckDB's
 * quantile_cont is one ulp below R's where both order statistics are equal (6/7 in the sample),
 * which would move those tied shares to the tertile above.
 */
const referenceSql = (groups: number) => `WITH e AS (
  SELECT s.grp, s.episode_id, s.los, s.discharged, s.completed, s.abstinent_final30_mip, s.cost, s.group_share
  FROM cohort_eps s WHERE s.group_share IS NOT NULL
),
cuts AS (
  SELECT * FROM (VALUES ${Array.from({ length: groups }, () => '(?, ?::DOUBLE, ?::DOUBLE)').join(', ')}) c(grp, q1, q2)
),
t AS (
  SELECT e.*, cuts.q1, cuts.q2,
    CASE WHEN e.group_share <= cuts.q1 THEN 1 WHEN e.group_share <= cuts.q2 THEN 2 ELSE 3 END AS tertile
  FROM e JOIN cuts ON cuts.grp = e.grp
)
SELECT grp, tertile::INTEGER AS tertile, any_value(q1)::DOUBLE AS q1, any_value(q2)::DOUBLE AS q2,
  min(group_share)::DOUBLE AS share_min, max(group_share)::DOUBLE AS share_max,
  count(*)::INTEGER AS episodes, count(*) FILTER (WHERE discharged)::INTEGER AS discharged,
  count(*) FILTER (WHERE completed)::INTEGER AS completed,
  count(*) FILTER (WHERE abstinent_final30_mip)::INTEGER AS abstinent,
  quantile_cont(los, 0.5)::DOUBLE AS los_median, avg(cost)::DOUBLE AS mean_cost,
  stddev_samp(cost)::DOUBLE AS sd_cost, sum(cost) FILTER (WHERE discharged)::DOUBLE AS discharged_cost,
  ${clusterSumsSql('cost', 'completed::INTEGER', 'per_completer', 'discharged')}
FROM t GROUP BY grp, tertile ORDER BY grp, tertile`;

/** The reference statement's rows as the measure's tables, by grp. */
function referenceTables(rows: Row[]): Map<string, GroupShareTertiles> {
  const out = new Map<string, GroupShareTertiles>();
  for (const grp of new Set(rows.map((r) => String(r.grp)))) {
    const mine = rows.filter((r) => r.grp === grp);
    const tertiles = ([1, 2, 3] as const).map((t) => {
      const r = mine.find((x) => x.tertile === t) ?? {};
      const n = (k: string) => (r[k] == null ? null : Number(r[k]));
      const completed = n('completed') ?? 0;
      return {
        tertile: t,
        share_min: n('share_min'),
        share_max: n('share_max'),
        episodes: n('episodes') ?? 0,
        completion_rate: proportion(completed, n('discharged') ?? 0),
        abstinent_final30_mip: proportion(n('abstinent') ?? 0, n('discharged') ?? 0),
        los_median: n('los_median'),
        cost_per_episode: n('mean_cost'),
        cost_per_completer:
          completed > 0 && n('discharged_cost') != null ? n('discharged_cost')! / completed : null,
        cost_per_episode_interval: tInterval(n('episodes') ?? 0, n('mean_cost'), n('sd_cost')),
        cost_per_completer_interval: (({ lower, upper }) => ({ lower, upper }))(
          ratioInterval(clusterSums(r, 'per_completer')),
        ),
      };
    });
    const total = tertiles.reduce((s, t) => s + t.episodes, 0);
    out.set(grp, {
      value: total,
      n: total,
      cuts: [mine[0] ? Number(mine[0].q1) : null, mine[0] ? Number(mine[0].q2) : null],
      tertiles,
    });
  }
  return out;
}

/** Equal, numbers to 10 significant digits (sums in another order; a two-pass sd against a streaming one). */
const expectClose = (actual: unknown, expected: unknown, path?: string) =>
  closeTo(actual, expected, 1e-10, path);

describe.each(ENGINES)('the group-share tertile table, computed from runs: $name', ({ open }) => {
  const opened = useRecordedSessions(open, SAMPLE_DIR);

  const expected = (cohort: Cohort, grouping: Grouping, common = false) =>
    opened.reference.withGroups(cohort, grouping, async (ctx) => {
      const shares = await ctx.conn.query<{ grp: string; episode_id: string; share: number }>(
        'SELECT grp, episode_id, group_share AS share FROM cohort_eps WHERE group_share IS NOT NULL',
      );
      const groups = [...new Set(shares.map((r) => r.grp))];
      const cutsOf = (values: number[]) => [quantile7(values, 1 / 3), quantile7(values, 2 / 3)];
      const distinct = new Map(shares.map((r) => [r.episode_id, r.share]));
      const cuts = groups.flatMap((g) => [
        g,
        ...cutsOf(common ? [...distinct.values()] : shares.filter((r) => r.grp === g).map((r) => r.share)),
      ]);
      return referenceTables(groups.length ? await ctx.conn.query(referenceSql(groups.length), cuts) : []);
    });
  const tables = async (cohort: Cohort, grouping: Grouping) => {
    const got = await opened.session.grouped(cohort, grouping, ['group_share_tertiles']);
    return new Map(got.groups.map((g) => [g, got.measures.get(g)!.group_share_tertiles]));
  };

  it('equals the one-statement table, for the level, by program and for programs ticked (then with no statement)', async () => {
    const programs = (await opened.session.options()).programs.map((p) => p.program_id);
    for (const grouping of [OVERALL, BY_PROGRAM]) {
      const level: Cohort = { level: 'iop' };
      const want = await expected(level, grouping);
      expect(want.size).toBeGreaterThan(0);
      const got = await tables(level, grouping);
      for (const [grp, table] of want) expectClose(got.get(grp), table, grp);
      for (const chosen of [[programs[0]], [programs[1], programs[2]], programs.slice(1)]) {
        const cohort: Cohort = { level: 'iop', programs: chosen };
        opened.ran.length = 0;
        const ticked = await tables(cohort, grouping);
        expect(opened.ran, JSON.stringify(chosen)).toEqual([]);
        for (const [grp, table] of await expected(cohort, grouping)) expectClose(ticked.get(grp), table, grp);
      }
    }
  });

  it("with common cuts (a study's arms), equals the one-statement table cut over every grp's episodes", async () => {
    const sets: Grouping = {
      kind: 'sets',
      sets: [
        { label: 'a', cohort: { level: 'iop', to: '2024-06-30' } },
        { label: 'b', cohort: { level: 'iop', from: '2024-01-01' } },
      ],
    };
    const got = await opened.session.withGroups({ level: 'iop' }, sets, (ctx, groups) =>
      groupShareTertiles(ctx, groups, proportion, null, { commonCuts: true }),
    );
    const want = await expected({ level: 'iop' }, sets, true);
    expect([...want.keys()].sort()).toEqual(['a', 'b']);
    for (const [grp, table] of want) expectClose(got.get(grp), table, grp);
  });
});
