import type { TableName } from '../contract/schema';
import type { ExportFile, LoadingConnector, ParquetBatches } from '../engine/connector';
import { dropRelation } from '../engine/drop-relation';
import { quoteIdent } from '../engine/sql';
import { TooLargeError } from '../engine/too-large';
import { col } from './sql-parts';

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

/** A column of `src_<table>`: its contract name, the file's column it reads, and how (SQL over the batch `t`). */
export interface SourceColumn {
  name: string;
  raw: string;
  select: string;
}

/**
 * A table validated batch by batch: `src_<table>` is a view (its columns as the contract names
 * them, see acceptUnambiguous) over `_raw_<table>`, which each `next()` of a pass makes the next
 * batch (native DuckDB: one batch, a view over the whole Parquet file).
 */
export interface StreamedTable {
  readonly table: TableName;
  /** Rows of the file. */
  readonly rows: number;
  /**
   * A pass over the file; the first pass reuses the batch the table was opened with. `columns`
   * (contract names; default every column): `src_<table>` has only these, and once a pass read
   * every column to the end, DuckDB-WASM decodes only their columns of the file (the group-share
   * pass reads 5 of 10).
   */
  pass(columns?: readonly string[]): Promise<ParquetBatches>;
  /** How `src_<table>` reads the batch, column by column; at first every column of the file as named. */
  defineSource(columns: readonly SourceColumn[]): Promise<void>;
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
  const open = (columns?: readonly string[]) =>
    conn.streamParquet(file, raw, { ...opts, ...(columns ? { columns } : {}) });
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
  // null: every column of the file under its own name
  let source: readonly SourceColumn[] | null = null;
  const chosen = (columns?: readonly string[]): readonly SourceColumn[] | null => {
    if (!columns) return source;
    const all = source ?? columns.map((name) => ({ name, raw: name, select: col('t', name) }));
    return all.filter((c) => columns.includes(c.name));
  };
  // the view is created over a batch that exists (DuckDB binds a view when it is created)
  const defineView = async (columns: readonly SourceColumn[] | null) => {
    await dropRelation(exec, src);
    const items = columns ? columns.map((c) => `${c.select} AS ${quoteIdent(c.name)}`).join(', ') : '*';
    await conn.exec(`CREATE VIEW ${quoteIdent(src)} AS SELECT ${items} FROM ${quoteIdent(raw)} AS t`);
  };
  await defineView(null);
  let current: ParquetBatches | null = null;
  // a pass of every column read the file to its end: every page decodes, so a pass may decode a few
  let wholeRead = false;
  const reading = (
    p: ParquetBatches,
    view: readonly SourceColumn[] | null,
    whole: boolean,
  ): ParquetBatches => {
    let defined = false;
    return {
      rows: p.rows,
      next: async () => {
        const read = await p.next().catch((err: unknown) => {
          throw err instanceof TooLargeError ? err : new StreamReadError(table, err);
        });
        if (read === null) wholeRead ||= whole;
        else if (!defined) {
          await defineView(view);
          defined = true;
        }
        return read;
      },
      close: () => p.close(),
    };
  };
  return {
    table,
    rows,
    async pass(columns) {
      await current?.close();
      const view = chosen(columns);
      const decode = columns && wholeRead ? view!.map((c) => c.raw) : undefined;
      if (primed && !decode) {
        const p = primed;
        primed = null;
        let replay = true;
        current = reading(
          {
            rows,
            next: () => (replay ? ((replay = false), Promise.resolve(first)) : p.next()),
            close: () => p.close(),
          },
          view,
          true,
        );
      } else {
        await primed?.close();
        primed = null;
        current = reading(await open(decode), view, !decode);
      }
      return current;
    },
    async defineSource(columns) {
      source = columns;
      await defineView(source);
    },
    async close() {
      await primed?.close();
      await current?.close();
      await dropRelation(exec, src);
      await dropRelation(exec, raw);
    },
  };
}
