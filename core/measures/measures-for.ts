import { itemsFor, rowColumns, type MeasureContext, type MeasureGroup, type RowsByGroup } from './group';
import { MEASURE_GROUPS } from './registry';
import type { MeasureSet } from './types';
import { computeOrUnavailable, computes } from './unavailable';
import { isSumItem, querySums, type SumQuery } from './program-sums';
import { groupRowSql } from './values';
import { valueCountColumns } from './value-counts';

export interface GroupedMeasures {
  groups: string[];
  episodes: Map<string, number>;
  measures: Map<string, MeasureSet>;
}

/** The episodes of each grp: a view asking no row item asks this alone. */
export const EPISODES: SumQuery = {
  sql: 'SELECT grp, count(*)::INTEGER AS n FROM cohort_eps GROUP BY grp',
  keys: [],
};

/** An item's alias: `expr AS name`, an item possibly several comma-separated ones (quartilesSql). */
const ALIAS = /\bAS\s+([A-Za-z_]\w*)(?=\s*(,|$))/g;

/**
 * The row items the `only` measures need, of every group, in one grouped pass over the cohort's
 * episodes (cohort_eps has every per-episode column, so no join), each group's under its own prefix
 * (their names repeat: `discharged`), with the episodes of each grp; its counts and sums are one
 * sum query, and any other items (a median of doubles, a mean) a second pass, so that a program
 * ticked sums the first and reads the cohort's rows for the second alone; the value counts'
 * quartiles are one more statement, of counts. One pass instead of one statement a group: at the
 * sample's size a grouped statement costs about 4 ms in DuckDB-WASM besides its aggregates
 * (0.4 ms each), whatever the cohort's size.
 */
async function sharedRows(
  ctx: MeasureContext,
  groups: readonly MeasureGroup[],
  only?: readonly string[],
): Promise<{ rows: Map<MeasureGroup, RowsByGroup>; episodes: Map<string, number> }> {
  if (!groups.length) {
    // the count alone reads cohort_eps only (and is one statement every view's call shares)
    const counts = await querySums<{ grp: string; n: number }>(ctx, EPISODES);
    return { rows: new Map(), episodes: new Map(counts.map((r) => [r.grp, Number(r.n)])) };
  }
  const prefix = (i: number) => `g${i}_`;
  const columns = groups.flatMap((g, i) =>
    rowColumns(g.rowItems ?? [], only).map((c) => c.replace(ALIAS, `AS ${prefix(i)}$1`)),
  );
  const items = ['count(*)::INTEGER AS episodes', ...columns];
  const summable = items.filter(isSumItem);
  const found = await querySums(ctx, { sql: groupRowSql(summable), keys: [] });
  const byGrp = new Map<string, Record<string, unknown>>(found.map((r) => [String(r.grp), r]));
  const rest = items.filter((c) => !summable.includes(c));
  if (rest.length)
    for (const r of await querySums(ctx, { sql: groupRowSql(rest), keys: [], perGroup: true }))
      byGrp.set(String(r.grp), { ...byGrp.get(String(r.grp)), ...r });
  const counts = groups.flatMap((g, i) =>
    itemsFor(g.valueCounts ?? [], only).map((c) => ({ ...c, name: `${prefix(i)}${c.name}` })),
  );
  for (const [grp, columns] of await valueCountColumns(ctx, counts))
    byGrp.set(grp, { ...byGrp.get(grp), ...columns });
  const rows = new Map(
    groups.map((group, i): [MeasureGroup, RowsByGroup] => {
      const p = prefix(i);
      const own = (row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row).flatMap(([k, v]) => (k.startsWith(p) ? [[k.slice(p.length), v]] : [])),
        );
      return [group, new Map([...byGrp].map(([grp, row]) => [grp, own(row)]))];
    }),
  );
  const episodes = new Map([...byGrp].map(([grp, row]) => [grp, Number(row.episodes)]));
  return { rows, episodes };
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
  const shared = await sharedRows(
    ctx,
    wanted.filter((g) => g.rowItems && computes(g, ctx)),
    only,
  );
  for (const group of wanted) {
    const sets = await computeOrUnavailable(group, ctx, groups, only, shared.rows.get(group));
    for (const g of groups) Object.assign(measures.get(g)!, sets.get(g));
  }
  const episodes = new Map(groups.map((g) => [g, shared.episodes.get(g) ?? 0]));
  return { groups, episodes, measures };
}
