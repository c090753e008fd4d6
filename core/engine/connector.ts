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

export interface Connector {
  readonly engine: EngineName;
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Statements without results (DDL, several statements separated by ';'). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A Parquet file of an export, as a loader sees it. */
export interface ExportFile {
  /** File name, e.g. 'episodes.parquet' or 'manifest.json'. */
  name: string;
  bytes: () => Promise<Uint8Array>;
  size: number;
  /** Set when the file is on a local disk (command line): engines that read files use it directly. */
  path?: string;
}

/** Loads one Parquet file into a new table `tableName` (any existing table of that name is replaced). */
export interface ParquetLoader {
  loadParquet(file: ExportFile, tableName: string, onProgress?: (rows: number) => void): Promise<number>;
}

export type LoadingConnector = Connector & ParquetLoader;
