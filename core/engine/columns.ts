import type { Columns, Connector, Row, SqlValue } from './connector';

/** Rows as columns: a column of numbers, booleans and NULLs as a Float64Array (NULL as NaN). */
export function columnsOfRows(rows: readonly Row[]): Columns {
  const out: Columns = {};
  for (const name of Object.keys(rows[0] ?? {})) {
    const numeric = rows.every(
      (r) => r[name] == null || typeof r[name] === 'number' || typeof r[name] === 'boolean',
    );
    if (!numeric) {
      out[name] = rows.map((r) => r[name]);
      continue;
    }
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = rows[i][name] == null ? NaN : Number(rows[i][name]);
    out[name] = values;
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
