import { itemsFor, rowColumns, type MeasureContext, type RowItem } from './group';
import { querySums } from './program-sums';
import { COHORT_FROM, medianOfCounts, ownRows } from './values';

/**
 * An integer per-episode expression whose median and quartiles (type 7) a measure group reads as
 * `<name>_q1`, `_q2`, `_q3` and `_n` of its row, as `quartilesSql` would give them, but computed
 * from the episodes' counts by value: counts are sums, so a program ticked adds its programs'
 * counts instead of reading the cohort's rows.
 */
export interface ValueCounts {
  expr: string;
  name: string;
  /** The measures that read it. */
  for: readonly string[];
}

type Columns = Record<string, number | null>;

/** One statement of every expression's counts by value, non-null values only, keyed by item and value. */
export function valueCountsSql(counts: readonly ValueCounts[]): string {
  for (const c of counts) if (!/^\w+$/.test(c.name)) throw new Error(`value counts name ${c.name}`);
  return counts
    .map(
      (c) =>
        `SELECT e.grp, '${c.name}' AS item, (${c.expr})::INTEGER AS value, count(*)::INTEGER AS n\n` +
        `FROM ${COHORT_FROM}\nWHERE (${c.expr}) IS NOT NULL\nGROUP BY e.grp, value`,
    )
    .join('\nUNION ALL\n');
}

/** Each grp's quartile columns of every expression (a grp whose values are all null has none). */
export async function valueCountColumns(
  ctx: MeasureContext,
  counts: readonly ValueCounts[],
): Promise<Map<string, Columns>> {
  if (!counts.length) return new Map();
  const rows = await querySums<{ grp: string; item: string; value: number; n: number }>(ctx, {
    sql: valueCountsSql(counts),
    keys: ['item', 'value'],
  });
  const byGrp = new Map<string, Map<string, { value: number; n: number }[]>>();
  for (const r of rows) {
    const items = byGrp.get(r.grp) ?? byGrp.set(r.grp, new Map()).get(r.grp)!;
    const values = items.get(r.item) ?? items.set(r.item, []).get(r.item)!;
    values.push({ value: Number(r.value), n: Number(r.n) });
  }
  const out = new Map<string, Columns>();
  for (const [grp, items] of byGrp) {
    const columns: Columns = {};
    for (const { name } of counts) {
      const m = medianOfCounts((items.get(name) ?? []).sort((a, b) => a.value - b.value));
      Object.assign(columns, {
        [`${name}_q1`]: m.q1,
        [`${name}_q2`]: m.value,
        [`${name}_q3`]: m.q3,
        [`${name}_n`]: m.n,
      });
    }
    out.set(grp, columns);
  }
  return out;
}

/**
 * A group's own rows of the row items and value counts the `only` measures need, each grp's one
 * row (a group's compute called alone; measuresFor hands every group its rows of one pass).
 */
export async function ownRowsWithCounts(
  ctx: MeasureContext,
  items: readonly RowItem[],
  counts: readonly ValueCounts[],
  only?: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await ownRows(ctx, rowColumns(items, only));
  for (const [grp, c] of await valueCountColumns(ctx, itemsFor(counts, only)))
    rows.set(grp, { ...rows.get(grp), ...c });
  return rows;
}
