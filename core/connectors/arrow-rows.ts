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
