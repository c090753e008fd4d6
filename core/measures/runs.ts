import { queryColumns } from '../engine/columns';
import type { Columns, SqlValue } from '../engine/connector';
import type { MeasureContext } from './group';
import { COHORT_FROM } from './values';

/**
 * A listing of the cohort's episodes one row each (those `where` keeps), numeric columns only,
 * ordered by grp and then `order`: its rows are kept as a run per grp, a typed array per column
 * (NULL as NaN). A figure that no sum gives (the median of a double, a table cut at quantiles) is
 * computed from them. A session keeps the level's runs by program, so a cohort of some programs
 * takes theirs, each still in order, with no statement.
 */
export interface RunsQuery {
  /** Each column's SQL over cohort_eps e. */
  columns: Readonly<Record<string, string>>;
  where: string;
  order: readonly string[];
  params?: readonly SqlValue[];
}

export type Run = Record<string, Float64Array>;

/** The listing (grp is no column: a run's rows are told by runLengthsSql, so no string is read a row). */
export const runsSql = (q: RunsQuery): string =>
  `SELECT ${Object.entries(q.columns)
    .map(([name, sql]) => `${sql} AS ${name}`)
    .join(', ')}\nFROM ${COHORT_FROM}\nWHERE ${q.where}\nORDER BY e.grp, ${q.order.join(', ')}`;

/** Each grp's rows of the listing, in its order. */
export const runLengthsSql = (q: RunsQuery): string =>
  `SELECT e.grp, count(*)::INTEGER AS n\nFROM ${COHORT_FROM}\nWHERE ${q.where}\nGROUP BY e.grp\nORDER BY e.grp`;

/** A listing's columns as a run per grp: views of its columns, no copies. */
export function toRuns(
  result: Columns,
  lengths: readonly { grp: string; n: number }[],
  columns: readonly string[],
): Map<string, Run> {
  const out = new Map<string, Run>();
  let from = 0;
  for (const { grp, n } of lengths) {
    const run: Run = {};
    for (const c of columns) {
      const values = result[c];
      if (!(values instanceof Float64Array)) throw new Error(`runs column ${c} is not numeric`);
      run[c] = values.subarray(from, from + Number(n));
    }
    out.set(String(grp), run);
    from += Number(n);
  }
  return out;
}

/** Runs a runs query on a connection (the cohort_eps it holds). */
export async function readRuns(conn: MeasureContext['conn'], q: RunsQuery): Promise<Map<string, Run>> {
  const lengths = await conn.query<{ grp: string; n: number }>(runLengthsSql(q), q.params);
  return toRuns(await queryColumns(conn, runsSql(q), q.params), lengths, Object.keys(q.columns));
}

/** Each grp's runs from the cohort's own rows: one a grp. */
export const ownRuns = async (conn: MeasureContext['conn'], q: RunsQuery): Promise<Map<string, Run[]>> =>
  new Map([...(await readRuns(conn, q))].map(([grp, run]) => [grp, [run]]));

/**
 * Each grp's runs: a session's kept programs' (one run each), else the cohort's own rows (one
 * run), read once for the cohort (ctx.memo: a study's measures and its common-cut tertiles read
 * the same listing, 250k rows, about 0.5 s on DuckDB-WASM).
 */
export const queryRuns = (ctx: MeasureContext, q: RunsQuery): Promise<Map<string, Run[]>> => {
  if (ctx.runs) return ctx.runs(q);
  if (!ctx.memo) return ownRuns(ctx.conn, q);
  return ctx.memo(`runs ${runsSql(q)}\u0000${JSON.stringify(q.params ?? [])}`, () => ownRuns(ctx.conn, q));
};

/** The number of values a run holds. */
export const runLength = (run: Run): number => Object.values(run)[0]?.length ?? 0;
