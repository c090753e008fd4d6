import { DataType, DateUnit, Precision, type Data, type Table, type Utf8, type Vector } from 'apache-arrow';
import { numericColumn } from '../engine/columns';
import type { Columns, Row } from '../engine/connector';
import { isoDateFromEpochMs, plainNumber } from '../engine/rows';

const utf8 = new TextDecoder();

/** Whether a batch's i-th value is NULL: its validity bit (the bitmap is not sliced with the batch) is off. */
const isNull = (data: Data, i: number): boolean => {
  const bit = data.offset + i;
  return data.nullCount > 0 && !((data.nullBitmap[bit >> 3] >> (bit & 7)) & 1);
};

/**
 * A text batch's values. An ASCII batch's text is decoded once and cut at its offsets (a byte is
 * a character); another decodes value by value, as Arrow's own `get` does.
 */
function textValues(data: Data<Utf8>, out: unknown[], at: number): void {
  const offsets = data.valueOffsets;
  const bytes = data.values;
  const start = offsets[0];
  const all = utf8.decode(bytes.subarray(start, offsets[data.length]));
  const ascii = all.length === offsets[data.length] - start;
  for (let i = 0; i < data.length; i++) {
    if (isNull(data, i)) out[at + i] = null;
    else if (ascii) out[at + i] = all.slice(offsets[i] - start, offsets[i + 1] - start);
    else out[at + i] = utf8.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }
}

/** A calendar date's text, computed once per distinct day. */
function dayText(): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    let text = seen.get(ms);
    if (text === undefined) seen.set(ms, (text = isoDateFromEpochMs(ms)));
    return text;
  };
}

/** Whether a column's value buffer holds its values as JS numbers, one a row. */
const plainNumbers = (type: DataType): boolean =>
  (DataType.isFloat(type) && type.precision !== Precision.HALF) ||
  (DataType.isInt(type) && type.bitWidth < 64);

/** How a value of a column whose buffer holds one value per row is read from it; null for other types. */
function bufferValue(type: DataType): ((v: number | bigint) => unknown) | null {
  if (plainNumbers(type)) return (v) => v;
  if (DataType.isInt(type)) return (v) => plainNumber(v as bigint);
  if (DataType.isDate(type) && type.unit === DateUnit.DAY) {
    const text = dayText();
    return (v) => text((v as number) * 86_400_000);
  }
  return null;
}

/** A column's values as the Connector gives them (BIGINT as a number when exact, dates as ISO text). */
function columnValues(col: Vector, type: DataType, rows: number): unknown[] {
  const out: unknown[] = new Array(rows);
  if (DataType.isUtf8(type)) {
    let at = 0;
    for (const data of col.data as Data<Utf8>[]) {
      textValues(data, out, at);
      at += data.length;
    }
    return out;
  }
  const fromBuffer = bufferValue(type);
  if (fromBuffer) {
    let at = 0;
    for (const data of col.data) {
      const buffer = data.values as ArrayLike<number | bigint>;
      for (let i = 0; i < data.length; i++, at++) out[at] = isNull(data, i) ? null : fromBuffer(buffer[i]);
    }
    return out;
  }
  let convert: (v: unknown) => unknown = (v) => (typeof v === 'bigint' ? plainNumber(v) : v);
  if (DataType.isDate(type)) {
    const text = dayText();
    convert = (v) => text(Number(v));
  } else if (DataType.isTimestamp(type)) convert = (v) => new Date(Number(v)).toISOString();
  for (let i = 0; i < rows; i++) {
    const v = col.get(i);
    out[i] = v == null ? null : convert(v);
  }
  return out;
}

/** Arrow table (DuckDB-WASM result) to plain rows, following the Connector's value rules. */
export function arrowToRows(table: Table): Row[] {
  const rows = table.numRows;
  const names = table.schema.fields.map((f) => f.name);
  const values = table.schema.fields.map((f) => {
    const col = table.getChild(f.name);
    return col ? columnValues(col, f.type, rows) : new Array<null>(rows).fill(null);
  });
  const out: Row[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r: Row = {};
    for (let j = 0; j < names.length; j++) r[names[j]] = values[j][i];
    out[i] = r;
  }
  return out;
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

/**
 * Arrow table to columns (Connector.queryColumns): a column of numbers or booleans as a
 * Float64Array (NULL as NaN), read straight from its buffers; any other column as arrowToRows's values.
 */
export function arrowToColumns(table: Table): Columns {
  const out: Columns = {};
  const rows = table.numRows;
  for (const f of table.schema.fields) {
    const col = table.getChild(f.name);
    if (!col) continue;
    const numeric = DataType.isFloat(f.type) || DataType.isInt(f.type) || DataType.isBool(f.type);
    if (!numeric) {
      out[f.name] = columnValues(col, f.type, rows);
      continue;
    }
    if (!plainNumbers(f.type)) {
      out[f.name] = numericColumn(columnValues(col, f.type, rows));
      continue;
    }
    // each batch's value buffer, NULL where its validity bit is off
    const values = new Float64Array(rows);
    let at = 0;
    for (const data of col.data) {
      const buffer = data.values as ArrayLike<number>;
      for (let i = 0; i < data.length; i++) values[at++] = isNull(data, i) ? NaN : buffer[i];
    }
    out[f.name] = values;
  }
  return out;
}
