import { DataType, type Table } from 'apache-arrow';
import type { Row } from '../engine/connector';
import { isoDateFromEpochMs, plainNumber } from '../engine/rows';

/** Arrow table (DuckDB-WASM result) to plain rows, following the Connector's value rules. */
export function arrowToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map((f) => {
    if (DataType.isDate(f.type)) return (v: unknown) => (v == null ? null : isoDateFromEpochMs(Number(v)));
    if (DataType.isTimestamp(f.type))
      return (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());
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

/** Where a connection's query time went: in DuckDB (SQL) and turning Arrow into rows. */
export interface QueryClock {
  statements: number;
  sqlMs: number;
  rowsMs: number;
}

/**
 * Runs SQL on a blocking DuckDB-WASM connection, with `?` parameters through a prepared statement;
 * with a `clock`, adds the statement's time to it.
 */
export function queryBlocking(
  conn: BlockingWasmConnection,
  sql: string,
  params: readonly unknown[],
  clock?: QueryClock,
): Row[] {
  const t0 = performance.now();
  let table: Table;
  if (!params.length) table = conn.query(sql);
  else {
    const stmt = conn.prepare(sql);
    try {
      table = stmt.query(...params);
    } finally {
      stmt.close();
    }
  }
  const t1 = performance.now();
  const rows = arrowToRows(table);
  if (clock) {
    clock.statements++;
    clock.sqlMs += t1 - t0;
    clock.rowsMs += performance.now() - t1;
  }
  return rows;
}
