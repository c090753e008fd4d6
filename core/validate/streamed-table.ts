import type { TableName } from '../contract/schema';
import type { ExportFile, LoadingConnector, ParquetBatches } from '../engine/connector';
import { dropRelation } from '../engine/drop-relation';
import { quoteIdent } from '../engine/sql';
import { TooLargeError } from '../engine/too-large';

/** The tables whose rows grow like encounters: read batch by batch, never held (measures read their totals). */
export const STREAMED_TABLES: ReadonlySet<TableName> = new Set(['encounters']);

/** A batch of a streamed table could not be read (its file is corrupted past the first batch). */
export class StreamReadError extends Error {
  constructor(
    readonly table: TableName,
    readonly cause: unknown,
  ) {
    super(`${table}: ${String(cause)}`);
    this.name = 'StreamReadError';
  }
}

export const rawRelation = (table: TableName) => `_raw_${table}`;

/**
 * A table validated batch by batch: `src_<table>` is a view (its columns as the contract names
 * them, see acceptUnambiguous) over `_raw_<table>`, which each `next()` of a pass makes the next
 * batch (native DuckDB: one batch, a view over the whole Parquet file).
 */
export interface StreamedTable {
  readonly table: TableName;
  /** Rows of the file. */
  readonly rows: number;
  /** A pass over the file; the first pass reuses the batch the table was opened with. */
  pass(): Promise<ParquetBatches>;
  /** `src_<table>` as SELECT `columns` FROM `from` (the raw batch `t` unless given); `*` at first. */
  defineSource(columns: string, from?: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `file` as a streamed table: its first batch is read, so its columns are known and it is readable. */
export async function openStreamed(
  conn: LoadingConnector,
  file: ExportFile,
  table: TableName,
  opts: { batchRows?: number } = {},
): Promise<StreamedTable> {
  const raw = rawRelation(table);
  const src = `src_${table}`;
  const open = () => conn.streamParquet(file, raw, opts);
  let primed: ParquetBatches | null = await open();
  let first: number | null;
  try {
    first = await primed.next();
  } catch (err) {
    await primed.close();
    throw err;
  }
  const rows = primed.rows;
  const exec = (sql: string) => conn.exec(sql);
  const defineSource = async (columns: string, from = `${quoteIdent(raw)} AS t`) => {
    await dropRelation(exec, src);
    await conn.exec(`CREATE VIEW ${quoteIdent(src)} AS SELECT ${columns} FROM ${from}`);
  };
  await defineSource('*');
  let current: ParquetBatches | null = null;
  const reading = (p: ParquetBatches): ParquetBatches => ({
    rows: p.rows,
    next: () =>
      p.next().catch((err: unknown) => {
        throw err instanceof TooLargeError ? err : new StreamReadError(table, err);
      }),
    close: () => p.close(),
  });
  return {
    table,
    rows,
    async pass() {
      await current?.close();
      if (primed) {
        const p = primed;
        primed = null;
        let replay = true;
        current = reading({
          rows,
          next: () => (replay ? ((replay = false), Promise.resolve(first)) : p.next()),
          close: () => p.close(),
        });
      } else current = reading(await open());
      return current;
    },
    defineSource,
    async close() {
      await primed?.close();
      await current?.close();
      await dropRelation(exec, src);
      await dropRelation(exec, raw);
    },
  };
}
