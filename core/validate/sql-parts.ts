import type { TableSpec } from '../contract/schema';
import { quoteIdent } from '../engine/sql';

/** Separator of example keys inside one aggregated string (never in a key a person would type). */
export const EXAMPLE_SEP = '\u001f';

export const srcTable = (table: string) => quoteIdent(`src_${table}`);
export const col = (alias: string, column: string) => `${alias}.${quoteIdent(column)}`;

/** A row's key as text: the key column, or the key columns joined by '/'. */
export function keyExpr(spec: TableSpec, alias = 't'): string {
  if (spec.key.length === 1) return col(alias, spec.key[0]);
  return `concat_ws('/', ${spec.key.map((k) => `coalesce(CAST(${col(alias, k)} AS VARCHAR), 'null')`).join(', ')})`;
}

/** Up to 5 smallest keys of the rows where `flag` holds, as a list (merged across batches by BatchSums). */
export const examplesList = (key: string, flag: string) => `min(${key}, 5) FILTER (WHERE ${flag})`;

/** Up to 5 smallest keys of the rows where `flag` holds, as one string (split with splitExamples). */
export const examplesAgg = (key: string, flag: string) =>
  `array_to_string(${examplesList(key, flag)}, chr(31))`;

export const splitExamples = (v: unknown): string[] =>
  v === null || v === undefined || v === '' ? [] : String(v).split(EXAMPLE_SEP);

export const toCount = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
