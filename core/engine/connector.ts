/**
 * The one thing the core knows about a database: run SQL, with positional `?` parameters,
 * and get plain rows back. BIGINT arrives as number (string beyond 2^53), DATE as 'YYYY-MM-DD',
 * DECIMAL as number. Implementations: core/connectors/native.ts (@duckdb/node-api),
 * core/connectors/wasm-node.ts (DuckDB-WASM blocking build, for tests and bench) and
 * web/src/db/wasm-browser.ts (DuckDB-WASM in a worker).
 */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export type EngineName = 'duckdb-native' | 'duckdb-wasm';

/**
 * A result by column (a result of many rows, with no row objects made): numbers and booleans as
 * a Float64Array with NULL as NaN, any other type as plain values (the Connector's value rules).
 */
export type Columns = Record<string, Float64Array | readonly unknown[]>;

export interface Connector {
  readonly engine: EngineName;
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The result by column; without it, queryColumns (engine/columns.ts) turns rows into columns. */
  queryColumns?(sql: string, params?: readonly SqlValue[]): Promise<Columns>;
  /** Statements without results (DDL, several statements separated by ';'). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A Parquet file of an export, as a loader sees it. */
export interface ExportFile {
  /** File name, e.g. 'episodes.parquet' or 'manifest.json'. */
  name: string;
  /** The file's bytes, a fresh buffer each call (the browser hands it over to its decode worker). */
  bytes: () => Promise<Uint8Array>;
  size: number;
  /** Set when the file is a Blob (a File the person chose): readers that take a Blob use it, no copy. */
  blob?: Blob;
  /** Set when the file is on a local disk (command line): engines that read files use it directly. */
  path?: string;
}

/**
 * One pass over a Parquet file, a batch at a time: each `next()` makes `relation` the next batch
 * and says how many rows have been read so far, or null after the last batch. Native DuckDB
 * reads the file itself (in parallel, no copy): its one batch is a view over the whole file.
 */
export interface ParquetBatches {
  /** Rows of the whole file (from its footer). */
  readonly rows: number;
  next(): Promise<number | null>;
  /** Drops `relation` and releases what the pass holds (a temporary copy of the file). */
  close(): Promise<void>;
}

/** How a pass reads a streamed Parquet file. */
export interface StreamOptions {
  /** Bounds a batch where the engine decodes. */
  batchRows?: number;
  /**
   * The file's columns the pass reads (default: all): an engine that decodes decodes only these
   * (`relation` then has only these); one that reads the file lazily may ignore it. Only for a
   * file read whole once already (DuckDB-WASM: parquet-wasm's reader of a subset hangs on a
   * corrupted page, where the one of every column throws).
   */
  columns?: readonly string[];
}

export interface ParquetLoader {
  /** Loads one Parquet file into a new table `tableName` (any existing table of that name is replaced). */
  loadParquet(file: ExportFile, tableName: string, onProgress?: (rows: number) => void): Promise<number>;
  /**
   * Reads one Parquet file batch by batch into `relation` (a table or view of that name is
   * replaced), never holding more than a batch.
   */
  streamParquet(file: ExportFile, relation: string, opts?: StreamOptions): Promise<ParquetBatches>;
}

export type LoadingConnector = Connector & ParquetLoader;
