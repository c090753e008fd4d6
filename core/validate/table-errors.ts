import type { TableSpec } from '../contract/schema';
import type { Connector, Row } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { FAMILY_NAME, typeVerdict } from './type-family';
import type { Finding } from './types';
import { BatchSums } from './batch-sums';
import { col, examplesAgg, examplesList, keyExpr, splitExamples, srcTable, toCount } from './sql-parts';

const error = (spec: TableSpec, rule: string, message: string, extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity: 'error',
  table: spec.name,
  message,
  count: 1,
  examples: [],
  ...extra,
});

/**
 * Physical column types of `src_<table>`, by column name. DESCRIBE resolves the name as a query
 * would (information_schema lists every attached database's) and took 3 ms in DuckDB-WASM where
 * information_schema.columns took 35–97 ms, 12 times a load.
 */
export async function sourceColumns(conn: Connector, table: string): Promise<Map<string, string>> {
  const rows = await conn.query<{ column_name: string; column_type: string }>(
    `DESCRIBE ${quoteIdent(`src_${table}`)}`,
  );
  return new Map(rows.map((r) => [r.column_name, r.column_type]));
}

/** Missing columns and wrong types (no scan). Returns the columns whose values must be checked to fit. */
export function schemaErrors(
  spec: TableSpec,
  columns: ReadonlyMap<string, string>,
): { errors: Finding[]; fit: string[] } {
  const errors: Finding[] = [];
  const fit: string[] = [];
  for (const c of spec.columns) {
    const physical = columns.get(c.name);
    if (physical === undefined) {
      if (!c.optional)
        errors.push(
          error(
            spec,
            `${spec.name}.${c.name}.missing`,
            `${spec.name}.parquet has no column ${c.name} (required).`,
            { column: c.name },
          ),
        );
      continue;
    }
    const verdict = typeVerdict(c.type, physical);
    if (verdict === 'wrong')
      errors.push(
        error(
          spec,
          `${spec.name}.${c.name}.type`,
          `${spec.name}.${c.name} is ${physical}; the contract needs ${FAMILY_NAME[c.type]}.`,
          { column: c.name },
        ),
      );
    if (verdict === 'check_fit') fit.push(c.name);
  }
  return { errors, fit };
}

/** Rows of the current batch (or the whole table) whose values do not fit, added to `sums` (`c<i>`, `e<i>`). */
export async function fitBatch(spec: TableSpec, fit: string[], sums: BatchSums): Promise<void> {
  const specs = fit.map((name) => spec.columns.find((c) => c.name === name)!);
  const flag = (i: number) => `f${i}`;
  const inner = specs.map(
    (c, i) =>
      `(${col('t', c.name)} IS NOT NULL AND TRY_CAST(${col('t', c.name)} AS ${c.type}) IS NULL) AS ${flag(i)}`,
  );
  const outer = specs.flatMap((_, i) => [
    `count(*) FILTER (WHERE ${flag(i)})::BIGINT AS c${i}`,
    `${examplesList('k', flag(i))} AS e${i}`,
  ]);
  await sums.add(
    `SELECT ${outer.join(', ')} FROM (SELECT ${keyExpr(spec)} AS k, ${inner.join(', ')} FROM ${srcTable(spec.name)} AS t)`,
  );
}

export const fitSums = (conn: Connector, fit: string[]) =>
  new BatchSums(
    conn,
    'fit',
    fit.map((_, i) => `c${i}`),
    fit.map((_, i) => `e${i}`),
  );

/** Values of a wider numeric type that do not fit the contract type, from the batches' `fitBatch` sums. */
export function fitFindings(
  spec: TableSpec,
  columns: ReadonlyMap<string, string>,
  fit: string[],
  row: Row,
): Finding[] {
  return fit.flatMap((name, i) => {
    const count = toCount(row[`c${i}`]);
    if (!count) return [];
    return [
      error(
        spec,
        `${spec.name}.${name}.type`,
        `${spec.name}.${name} is ${columns.get(name)} and ${count} value(s) do not fit ${spec.columns.find((c) => c.name === name)!.type}.`,
        { column: name, count, examples: splitExamples(row[`e${i}`]) },
      ),
    ];
  });
}

/**
 * Rows whose keys are sorted at once at most: a larger table is checked in hash partitions of
 * about this size (equal keys share a partition), so the sort's memory stays bounded, whatever
 * the table's size (DuckDB-WASM's heap is 4 GB; 61M encounter ids sorted at once do not fit).
 */
export const KEY_SORT_ROWS = 8_000_000;

/**
 * Whether any key is null or repeated, from the keys in order (a sort and a neighbour compare:
 * several times faster and smaller than grouping tens of millions of distinct keys).
 */
async function keysMayBeBroken(
  conn: Connector,
  spec: TableSpec,
  sortRows: number,
  from: string,
): Promise<boolean> {
  const keys = spec.key.map((k) => quoteIdent(k));
  const prev = (i: number) => quoteIdent(`_prev_${i}`);
  const [{ n }] = await conn.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${from}`);
  const parts = Math.max(1, Math.ceil(Number(n) / sortRows));
  for (let part = 0; part < parts; part++) {
    const where = parts > 1 ? ` WHERE hash(${keys.join(', ')}) % ${parts} = ${part}` : '';
    const [row] = await conn.query(
      `SELECT count(*) FILTER (WHERE ${spec.key.map((k) => `${col('t', k)} IS NULL`).join(' OR ')})::BIGINT AS nulls,
              count(*) FILTER (WHERE ${spec.key.map((k, i) => `${col('t', k)} = ${prev(i)}`).join(' AND ')})::BIGINT AS repeats
       FROM (SELECT ${keys.join(', ')}, ${keys.map((k, i) => `lag(${k}) OVER w AS ${prev(i)}`).join(', ')}
             FROM ${from}${where} WINDOW w AS (ORDER BY ${keys.join(', ')})) AS t`,
    );
    if (toCount(row.nulls) > 0 || toCount(row.repeats) > 0) return true;
  }
  return false;
}

/**
 * Null or duplicate primary keys: a cheap ordered check, then counts and examples when it finds any.
 * `from`: the relation holding the keys (`src_<table>`, or the keys alone gathered from batches).
 */
export async function keyErrors(
  conn: Connector,
  spec: TableSpec,
  sortRows = KEY_SORT_ROWS,
  from = srcTable(spec.name),
): Promise<Finding[]> {
  if (!(await keysMayBeBroken(conn, spec, sortRows, from))) return [];
  const keys = spec.key.map((k) => quoteIdent(k)).join(', ');
  const keyNull = spec.key.map((k) => `${col('t', k)} IS NULL`).join(' OR ');
  const [row] = await conn.query(
    `SELECT coalesce(sum(n) FILTER (WHERE ${keyNull}), 0)::BIGINT AS nulls,
            count(*) FILTER (WHERE NOT (${keyNull}) AND n > 1)::BIGINT AS dups,
            ${examplesAgg(keyExpr(spec), `NOT (${keyNull}) AND n > 1`)} AS dup_examples
     FROM (SELECT ${keys}, count(*) AS n FROM ${from} GROUP BY ${keys}) AS t`,
  );
  const keyName = spec.key.join(', ');
  const out: Finding[] = [];
  const nulls = toCount(row.nulls);
  if (nulls)
    out.push(
      error(spec, `${spec.name}.key.null`, `${nulls} row(s) of ${spec.name} have a null key (${keyName}).`, {
        count: nulls,
      }),
    );
  const dups = toCount(row.dups);
  if (dups)
    out.push(
      error(
        spec,
        `${spec.name}.key.duplicate`,
        `${dups} key value(s) of ${spec.name} (${keyName}) occur more than once.`,
        {
          count: dups,
          examples: splitExamples(row.dup_examples),
        },
      ),
    );
  return out;
}
