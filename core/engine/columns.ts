import type { Columns, Connector, Row, SqlValue } from './connector';

/** Numbers, booleans or BIGINTs and NULLs as a Float64Array, NULL as NaN (Columns' numeric column). */
export function numericColumn(values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] == null ? NaN : Number(values[i]);
  return out;
}

/** Rows as columns: a column of numbers, booleans and NULLs as a Float64Array (NULL as NaN). */
export function columnsOfRows(rows: readonly Row[]): Columns {
  const out: Columns = {};
  for (const name of Object.keys(rows[0] ?? {})) {
    const numeric = rows.every(
      (r) => r[name] == null || typeof r[name] === 'number' || typeof r[name] === 'boolean',
    );
    const values = rows.map((r) => r[name]);
    out[name] = numeric ? numericColumn(values) : values;
  }
  return out;
}

/** A query's result by column, from the connector's own columns when it has them. */
export const queryColumns = async (
  conn: Connector,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<Columns> =>
  conn.queryColumns ? conn.queryColumns(sql, params) : columnsOfRows(await conn.query(sql, params));
