import { DataType, type Table } from 'apache-arrow';
import type { Columns, Row } from '../engine/connector';
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
 * Runs SQL on a blocking DuckDB-WASM connection, with `?` parameters through a prepared statement,
 * and turns its Arrow table into what the caller wants; with a `clock`, adds the statement's time
 * (and the turning's) to it.
 */
function runBlocking<T>(
  conn: BlockingWasmConnection,
  sql: string,
  params: readonly unknown[],
  turn: (table: Table) => T,
  clock?: QueryClock,
): T {
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
  const out = turn(table);
  if (clock) {
    clock.statements++;
    clock.sqlMs += t1 - t0;
    clock.rowsMs += performance.now() - t1;
  }
  return out;
}

export const queryBlocking = (
  conn: BlockingWasmConnection,
  sql: string,
  params: readonly unknown[],
  clock?: QueryClock,
): Row[] => runBlocking(conn, sql, params, arrowToRows, clock);

export const queryColumnsBlocking = (
  conn: BlockingWasmConnection,
  sql: string,
  params: readonly unknown[],
  clock?: QueryClock,
): Columns => runBlocking(conn, sql, params, arrowToColumns, clock);

/** Arrow table to columns (Connector.queryColumns): a column of numbers or booleans read straight from its buffers. */
export function arrowToColumns(table: Table): Columns {
  const out: Columns = {};
  const rows = table.numRows;
  for (const f of table.schema.fields) {
    const col = table.getChild(f.name);
    if (!col) continue;
    const numeric = DataType.isFloat(f.type) || DataType.isInt(f.type) || DataType.isBool(f.type);
    if (!numeric) {
      const toValue = (v: unknown) => (typeof v === 'bigint' ? plainNumber(v) : v);
      out[f.name] = Array.from({ length: rows }, (_, i) => toValue(col.get(i) ?? null));
      continue;
    }
    const plainBuffer = !DataType.isBool(f.type) && !(DataType.isInt(f.type) && f.type.bitWidth === 64);
    const values = new Float64Array(rows);
    if (plainBuffer) {
      // each batch's value buffer, NULL where its validity bit is off
      let at = 0;
      for (const data of col.data) {
        const buffer = data.values as ArrayLike<number>;
        const valid = data.nullCount > 0 ? data.nullBitmap : null;
        for (let i = 0; i < data.length; i++) {
          const bit = data.offset + i;
          values[at++] = valid && !((valid[bit >> 3] >> (bit & 7)) & 1) ? NaN : buffer[i];
        }
      }
    } else
      for (let i = 0; i < rows; i++) {
        const v = col.get(i);
        values[i] = v == null ? NaN : Number(v);
      }
    out[f.name] = values;
  }
  return out;
}
