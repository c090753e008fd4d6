import type { TableName } from '../contract/schema';
import type { SqlValue } from '../engine/connector';
import { tInterval } from '../stats/mean-interval';
import { quantile7OfCounts } from '../stats/quantile';
import { ratioInterval, type ClusterSums } from '../stats/ratio-interval';
import { wilsonInterval } from '../stats/wilson';
import type { MeasureContext } from './group';
import type { Mean, Median, Proportion, Unavailable } from './types';

/** Builders for the measure values of measures.md, shared by every measure group. */

/** The cohort's episodes, each with its grp and every per-episode column (ep_wide's): every measure query starts here. */
export const COHORT_FROM = 'cohort_eps e';

export function proportion(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): Proportion {
  const x = Number(numerator ?? 0);
  const n = Number(denominator ?? 0);
  const w = wilsonInterval(x, n);
  return {
    value: n > 0 ? x / n : null,
    lower: w?.lower ?? null,
    upper: w?.upper ?? null,
    numerator: x,
    denominator: n,
  };
}

/** SQL for the median and quartiles of an expression (type 7), as columns <name>_q1, _q2, _q3, _n. */
export const quartilesSql = (expr: string, name: string): string =>
  `quantile_cont(${expr}, 0.25)::DOUBLE AS ${name}_q1, quantile_cont(${expr}, 0.5)::DOUBLE AS ${name}_q2, ` +
  `quantile_cont(${expr}, 0.75)::DOUBLE AS ${name}_q3, count(${expr})::INTEGER AS ${name}_n`;

export function median(row: Record<string, unknown> | undefined, name: string): Median {
  const num = (k: string) => (row?.[`${name}_${k}`] == null ? null : Number(row[`${name}_${k}`]));
  return { value: num('q2'), q1: num('q1'), q3: num('q3'), n: num('n') ?? 0 };
}

/** The median and quartiles (type 7) of an integer measure from its counts by value, ascending. */
export function medianOfCounts(counts: readonly { value: number; n: number }[]): Median {
  const n = counts.reduce((s, c) => s + c.n, 0);
  const q = (p: number) => (n ? quantile7OfCounts(counts, p) : null);
  return { value: q(0.5), q1: q(0.25), q3: q(0.75), n };
}

/**
 * SQL for the n, sum and sum of squares of an expression, as columns <name>_n, _sum, _ss: sums,
 * so a program ticked adds its programs' (for an integer, exact while n · Σx² stays below 2^53).
 */
export const meanSql = (expr: string, name: string): string =>
  `count(${expr})::INTEGER AS ${name}_n, sum(${expr})::DOUBLE AS ${name}_sum, sum((${expr}) * (${expr}))::DOUBLE AS ${name}_ss`;

/**
 * The mean and sample sd from meanSql's columns, of its non-null values. For doubles the sums
 * round: the sd's numerator n·Σx² − (Σx)² then loses about (mean / sd)² · 2^−52 of itself (1e−15
 * for costs, whose sd is of the order of their mean).
 */
export function meanAndSd(
  row: Record<string, unknown> | undefined,
  name: string,
): { mean: number | null; sd: number | null; n: number } {
  const n = Number(row?.[`${name}_n`] ?? 0);
  const sum = Number(row?.[`${name}_sum`] ?? 0);
  const ss = Number(row?.[`${name}_ss`] ?? 0);
  const mean = n > 0 ? sum / n : null;
  const sd = n > 1 ? Math.sqrt(Math.max(0, n * ss - sum * sum) / (n * (n - 1))) : null;
  return { mean, sd, n };
}

/** The mean, sample sd and t interval from meanSql's columns. */
export function meanWithT(row: Record<string, unknown> | undefined, name: string): Mean {
  const { mean, sd, n } = meanAndSd(row, name);
  return { value: mean, ...tInterval(n, mean, sd), n };
}

export const unavailable = (table: TableName): Unavailable => ({
  value: null,
  reason: `not available: needs ${table}`,
});

/** The first needed table that the export lacks, if any. */
export const missingTable = (ctx: MeasureContext, needs: readonly TableName[]): TableName | undefined =>
  needs.find((t) => !ctx.tables.has(t));

/** Runs a grouped query (one row per grp, column `grp`) and indexes it by group. */
export async function rowsByGroup(
  ctx: MeasureContext,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await ctx.conn.query(sql, params);
  return new Map(rows.map((r) => [String(r.grp), r]));
}

/**
 * SQL aggregates of the ratio estimator's ClusterSums for per-episode expressions a and n over
 * the episodes matching `where` (default n > 0), as columns <name>_k, _a, _n, _aa, _an, _nn.
 */
export const clusterSumsSql = (a: string, n: string, name: string, where = `(${n}) > 0`): string =>
  `count(*) FILTER (WHERE ${where})::INTEGER AS ${name}_k, ` +
  `sum(${a}) FILTER (WHERE ${where})::DOUBLE AS ${name}_a, sum(${n}) FILTER (WHERE ${where})::DOUBLE AS ${name}_n, ` +
  `sum((${a}) * (${a})) FILTER (WHERE ${where})::DOUBLE AS ${name}_aa, ` +
  `sum((${a}) * (${n})) FILTER (WHERE ${where})::DOUBLE AS ${name}_an, ` +
  `sum((${n}) * (${n})) FILTER (WHERE ${where})::DOUBLE AS ${name}_nn`;

export function clusterSums(row: Record<string, unknown> | undefined, name: string): ClusterSums {
  const num = (k: string) => Number(row?.[`${name}_${k}`] ?? 0);
  return {
    k: num('k'),
    sumA: num('a'),
    sumN: num('n'),
    sumAA: num('aa'),
    sumAN: num('an'),
    sumNN: num('nn'),
  };
}

/** A pooled proportion with the episode-clustered interval (measures.md §3), clipped to [0, 1]. */
export function clusteredProportion(row: Record<string, unknown> | undefined, name: string): Proportion {
  const s = clusterSums(row, name);
  const r = ratioInterval(s);
  const clip = (x: number | null) => (x === null ? null : Math.min(1, Math.max(0, x)));
  return {
    value: r.value,
    lower: clip(r.lower),
    upper: clip(r.upper),
    numerator: s.sumA,
    denominator: s.sumN,
  };
}

/** The one-row-per-grp query of select items over the cohort's episodes. */
export const groupRowSql = (columns: readonly string[]): string =>
  `SELECT e.grp,\n  ${columns.join(',\n  ')}\nFROM ${COHORT_FROM}\nGROUP BY e.grp`;

/** A group's own rows for `only` (none when no asked measure reads a row item). */
export async function ownRows(
  ctx: MeasureContext,
  columns: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  return columns.length ? rowsByGroup(ctx, groupRowSql(columns)) : new Map();
}
