import { itemsFor, rowColumns, type MeasureContext, type RowItem } from './group';
import { querySums } from './program-sums';
import { queryRuns, type RunsQuery } from './runs';
import { quantile7OfRuns } from '../stats/quantile';
import { COHORT_FROM, medianOfCounts, ownRows } from './values';

/**
 * A per-episode expression whose median and quartiles (type 7) a measure group reads as
 * `<name>_q1`, `_q2`, `_q3` and `_n` of its row, as `quartilesSql` would give them, but computed
 * from the episodes' counts by value (an integer) or their values in order (a double): counts
 * are sums, and runs are kept by program, so a program ticked adds its programs' instead of
 * reading the cohort's rows.
 */
export interface ValueCounts {
  expr: string;
  name: string;
  /** The measures that read it. */
  for: readonly string[];
  /**
   * A double expression (a cost): its values are too many to count, so they are listed in order
   * (a runs query, kept by program) and a group's quartiles are those of its programs' runs.
   */
  double?: boolean;
}

type Columns = Record<string, number | null>;

/** One statement of every integer expression's counts by value, non-null values only, keyed by item and value. */
export function valueCountsSql(counts: readonly ValueCounts[]): string {
  for (const c of counts) if (!/^\w+$/.test(c.name)) throw new Error(`value counts name ${c.name}`);
  return counts
    .filter((c) => !c.double)
    .map(
      (c) =>
        `SELECT e.grp, '${c.name}' AS item, (${c.expr})::INTEGER AS value, count(*)::INTEGER AS n\n` +
        `FROM ${COHORT_FROM}\nWHERE (${c.expr}) IS NOT NULL\nGROUP BY e.grp, value`,
    )
    .join('\nUNION ALL\n');
}

/** A double expression's non-null values, each grp's in order (its runs query). */
export const sortedValues = (c: ValueCounts): RunsQuery => ({
  columns: { value: `(${c.expr})::DOUBLE` },
  where: `(${c.expr}) IS NOT NULL`,
  order: ['value'],
});

const quartileColumns = (name: string, [q1, q2, q3]: (number | null)[], n: number): Columns => ({
  [`${name}_q1`]: q1,
  [`${name}_q2`]: q2,
  [`${name}_q3`]: q3,
  [`${name}_n`]: n,
});

/** Each grp's quartile columns of every expression (a grp whose values are all null has none). */
export async function valueCountColumns(
  ctx: MeasureContext,
  counts: readonly ValueCounts[],
): Promise<Map<string, Columns>> {
  const out = await countedColumns(
    ctx,
    counts.filter((c) => !c.double),
  );
  for (const c of counts.filter((d) => d.double))
    for (const [grp, runs] of await queryRuns(ctx, sortedValues(c))) {
      const values = runs.map((r) => r.value);
      const n = values.reduce((s, v) => s + v.length, 0);
      const q = [0.25, 0.5, 0.75].map((p) => (n ? quantile7OfRuns(values, p) : null));
      out.set(grp, { ...out.get(grp), ...quartileColumns(c.name, q, n) });
    }
  return out;
}

async function countedColumns(
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
      Object.assign(columns, quartileColumns(name, [m.q1, m.value, m.q3], m.n));
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
