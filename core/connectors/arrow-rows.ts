import { DataType, type Table } from 'apache-arrow';
import type { Row } from '../engine/connector';
import { isoDateFromEpochMs, plainNumber } from '../engine/rows';

/** Arrow table (DuckDB-WASM result) to plain rows, following the Connector's value rules. */
export function arrowToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map((f) => {
    if (DataType.isDate(f.type)) return (v: unknown) => (v == null ? null : isoDateFromEpochMs(Number(v)));
    if (DataType.isTimestamp(f.type)) return (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());
    return (v: unknown) => (typeof v === 'bigint' ? plainNumber(v) : v);
  });
  const cols = fields.map((f) => table.getChild(f.name));
  const rows: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const r: Row = {};
    for (let j = 0; j < fields.length; j++) r[fields[j].name] = converters[j](cols[j]?.get(i) ?? null);
    rows[i] = r;
  }
  return rows;
}

/** The synchronous DuckDB-WASM connection both blocking builds (Node, browser worker) expose. */
export interface BlockingWasmConnection {
  query(sql: string): Table;
  prepare(sql: string): { query(...params: unknown[]): Table; close(): void };
}

/** Runs SQL on a blocking DuckDB-WASM connection, with `?` parameters through a prepared statement. */
export function queryBlocking(conn: BlockingWasmConnection, sql: string, params: readonly unknown[]): Row[] {
  if (!params.length) return arrowToRows(conn.query(sql));
  const stmt = conn.prepare(sql);
  try {
    return arrowToRows(stmt.query(...params));
  } finally {
    stmt.close();
  }
}
