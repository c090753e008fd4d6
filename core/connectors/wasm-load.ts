import type { ExportFile, ParquetBatches, StreamOptions } from '../engine/connector';
import { dropRelation } from '../engine/drop-relation';
import { quoteIdent } from '../engine/sql';
import { isOutOfMemory, TooLargeError } from '../engine/too-large';
import { STREAMED_TABLES } from '../validate/streamed-table';
import { BATCH_ROWS, type IpcPiece, type PieceSource } from './parquet-ipc';

/** The part of a DuckDB-WASM connection (blocking API, Node or browser) that loading needs. */
export interface WasmConnection {
  query(sql: string): { toArray(): unknown[] };
  insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
}

/**
 * Share of DuckDB's memory limit the stored export may take (for a streamed table: what its pass
 * keeps, the encounter totals' working tables): validation and the per-episode tables need the rest (the key check sorts the encounter ids; hash tables over the encounters).
 * Measured with the plain in-memory database: 300k episodes (18.3M encounters) store 2.48 GB,
 * 74% of the 3.1 GiB limit, and load, prepare and report fine; 350k (21.4M) store 2.91 GB, 87%,
 * and the encounters key check runs out of memory.
 */
export const STORED_SHARE = 0.78;
/**
 * Parquet bytes of an export's held tables (not the streamed ones, STREAMED_TABLES: encounters are
 * kept only as per-episode totals) from which DuckDB-WASM stores it in a compressed in-memory
 * database (ATTACH ':memory:' (COMPRESS)). Compressed storage builds the per-episode tables about
 * 2× slower (100k: 61 s against 28 s, loaded machine), so only an export too large to open plainly
 * uses it. Measured at 1M IOP episodes (91 MiB held, 322 MiB of encounters streamed): plainly,
 * DuckDB holds 1.2 GB once the held tables are in and the encounters pass's first batch adds
 * 27 MB, projected to 2.9 GB of the 3.1 GiB limit: refused. Compressed, it holds 206 MB then,
 * 494 MB after the first pass, 531 MB after the second, 496 MB once prepared (Node, DuckDB-WASM,
 * peak RSS 3.2 GB). 250k (23 MiB held) opens plainly; the threshold is set between the two
 * (about 450k episodes), not measured there.
 */
export const COMPRESS_FROM_BYTES = 40 * 2 ** 20;

const STREAMED_FILES = new Set([...STREAMED_TABLES].map((t) => `${t}.parquet`));

/** Whether an export of these files is loaded into a compressed database (by their held Parquet bytes). */
export const storesCompressed = (files: readonly Pick<ExportFile, 'name' | 'size'>[]) =>
  files
    .filter((f) => f.name.endsWith('.parquet') && !STREAMED_FILES.has(f.name))
    .reduce((sum, f) => sum + f.size, 0) >= COMPRESS_FROM_BYTES;

/** Rows of a table loaded before its full size is projected from them. */
const PROJECT_AFTER_ROWS = 200_000;

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
};

/** DuckDB's size text ('3.1 GiB', '512.0 MiB') in bytes; null when it cannot be read. */
export function parseDuckDbSize(text: string): number | null {
  const m = /^\s*([\d.]+)\s*([KMGT]i?B|B)\s*$/i.exec(text);
  return m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : null;
}

function scalar(conn: WasmConnection, sql: string): unknown {
  const [row] = conn.query(sql).toArray() as Record<string, unknown>[];
  return row ? Object.values(row)[0] : null;
}

const memoryUsed = (conn: WasmConnection) =>
  Number(scalar(conn, 'SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE FROM duckdb_memory()'));
const memoryLimit = (conn: WasmConnection) =>
  parseDuckDbSize(String(scalar(conn, "SELECT current_setting('memory_limit')")));

/**
 * Loads one Parquet file into a new table of a DuckDB-WASM database, row groups at a time
 * (parquet-wasm decodes, DuckDB inserts Arrow IPC). The wasm heap is 32-bit (4 GB at most; DuckDB's
 * limit 3.1 GiB), so once the table's first rows show its size, a table that would leave too
 * little memory for validation and the measures is refused with a TooLargeError: the table is
 * dropped and the database stays usable (a heap that ran out would take every export with it).
 */
export async function loadParquetIntoWasm(
  conn: WasmConnection,
  pieces: PieceSource,
  file: ExportFile,
  tableName: string,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const table = quoteIdent(tableName);
  conn.query(`DROP TABLE IF EXISTS ${table}`);
  const limit = memoryLimit(conn);
  const before = memoryUsed(conn);
  let total = 0;
  let rows = 0;
  let created = false;
  const refuse = () => {
    conn.query(`DROP TABLE IF EXISTS ${table}`);
    return new TooLargeError(file.name, total);
  };
  try {
    for await (const piece of pieces(file, { onRows: (n) => (total = n) })) {
      conn.insertArrowFromIPCStream(piece.ipc, { name: tableName, create: !created });
      created = true;
      rows = piece.decoded;
      onProgress?.(rows);
      if (limit !== null && rows >= Math.min(PROJECT_AFTER_ROWS, total) && rows < total) {
        const projected = before + ((memoryUsed(conn) - before) * total) / rows;
        if (projected > STORED_SHARE * limit) throw refuse();
      }
    }
  } catch (err) {
    if (err instanceof TooLargeError) throw err;
    if (isOutOfMemory(err)) throw refuse();
    throw err;
  }
  return rows;
}

/**
 * Rows of a streamed table validated at once in DuckDB-WASM: pieces of BATCH_ROWS are decoded
 * and inserted into one batch, since every validation batch pays a fixed cost (its scans, joins
 * and totals statements: about half of the 0.24 s a 250k-row batch took).
 */
export const VALIDATE_ROWS = 1_000_000;

/**
 * One pass over a Parquet file into DuckDB-WASM, a batch (`batchRows`, whole row groups; default
 * VALIDATE_ROWS) at a time, decoded in pieces of at most `decodeRows` (default BATCH_ROWS), only
 * the `columns` asked (a pass that reads few columns decodes and inserts only those):
 * each `next()` replaces the table `tableName` by the next batch, so the rows are never
 * held whole. What the caller keeps of each batch (totals, flagged rows) is what grows: once a
 * pass has read its first rows, memory held beyond the start is projected to the whole file, and
 * a file whose work would leave too little room is refused with a TooLargeError before the heap
 * runs out (the database stays usable).
 */
export async function streamParquetIntoWasm(
  conn: WasmConnection,
  source: PieceSource,
  file: ExportFile,
  tableName: string,
  opts: StreamOptions & { decodeRows?: number } = {},
): Promise<ParquetBatches> {
  const drop = () => dropRelation((sql) => conn.query(sql), tableName);
  await drop();
  let total = 0;
  const batchRows = opts.batchRows ?? VALIDATE_ROWS;
  const decodeRows = Math.min(batchRows, opts.decodeRows ?? BATCH_ROWS);
  const pieces = source(file, {
    onRows: (n) => (total = n),
    batchRows: decodeRows,
    ...(opts.columns ? { columns: opts.columns } : {}),
  })[Symbol.asyncIterator]();
  let pending: IteratorResult<IpcPiece> | null = await pieces.next();
  const limit = memoryLimit(conn);
  let read = 0;
  // memory held and rows read once the first batch is gone: what the pass keeps grows from there
  // (the first batch may be read long before the rest, with other tables validated between)
  let base: { used: number; read: number } | null = null;
  let calls = 0;
  const insert = (ipc: Uint8Array, create: boolean) => {
    try {
      conn.insertArrowFromIPCStream(ipc, { name: tableName, create });
    } catch (err) {
      if (isOutOfMemory(err)) throw new TooLargeError(file.name, total);
      throw err;
    }
  };
  return {
    rows: total,
    async next() {
      let piece = pending ?? (await pieces.next());
      pending = null;
      await drop();
      if (piece.done) return null;
      if (limit !== null && ++calls >= 2) {
        const used = memoryUsed(conn);
        if (!base) base = { used, read };
        else if (read - base.read >= Math.min(PROJECT_AFTER_ROWS, total - base.read)) {
          const projected = base.used + ((used - base.used) * (total - base.read)) / (read - base.read);
          if (projected > STORED_SHARE * limit) throw new TooLargeError(file.name, total);
        }
      }
      const start = read;
      insert(piece.value.ipc, true);
      read = piece.value.decoded;
      while (read - start < batchRows) {
        piece = await pieces.next();
        if (piece.done) {
          pending = piece;
          break;
        }
        if (read - start + (piece.value.decoded - read) > batchRows) {
          pending = piece;
          break;
        }
        insert(piece.value.ipc, false);
        read = piece.value.decoded;
      }
      return read;
    },
    async close() {
      await pieces.return?.(undefined);
      await drop();
    },
  };
}
