import type * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type {
  Columns,
  ExportFile,
  LoadingConnector,
  ParquetBatches,
  Row,
  SqlValue,
  StreamOptions,
} from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { queryBlocking, queryColumnsBlocking, type QueryClock } from './arrow-rows';
import type { PieceSource } from './parquet-ipc';
import { loadParquetIntoWasm, streamParquetIntoWasm } from './wasm-load';

/** Bindings created, instantiated and opened as both connectors want them (DECIMAL read as DOUBLE). */
export async function openWasmBindings(
  create: () => Promise<duckdb.DuckDBBindings>,
): Promise<duckdb.DuckDBBindings> {
  const db = await create();
  await db.instantiate(() => undefined);
  db.open({ query: { castDecimalToDouble: true } });
  return db;
}

/**
 * A connection of the blocking DuckDB-WASM build, in Node or in the browser's worker: the
 * subclass says where its bindings and decoded Parquet come from and what closing releases.
 * `attach`: the connection works in a fresh in-memory database of that name (optionally
 * compressed) instead of the default one.
 */
export abstract class BlockingWasmConnector implements LoadingConnector {
  readonly engine = 'duckdb-wasm' as const;
  protected readonly conn: duckdb.DuckDBConnection;
  /** Statements run and time spent, summed over the connection's life (the worker reports a call's share). */
  readonly clock: QueryClock = { statements: 0, sqlMs: 0, rowsMs: 0 };

  protected constructor(
    db: duckdb.DuckDBBindings,
    /** Where loads get their Arrow IPC pieces (parquet-wasm here, or a decode worker). */
    private readonly pieces: PieceSource,
    attach?: { name: string; compress?: boolean },
  ) {
    this.conn = db.connect();
    this.conn.query('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    if (attach) {
      const name = quoteIdent(attach.name);
      this.conn.query(`ATTACH ':memory:' AS ${name}${attach.compress ? ' (COMPRESS)' : ''}; USE ${name}`);
    }
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return queryBlocking(this.conn, sql, params, this.clock) as T[];
  }

  async queryColumns(sql: string, params: readonly SqlValue[] = []): Promise<Columns> {
    return queryColumnsBlocking(this.conn, sql, params, this.clock);
  }

  async exec(sql: string): Promise<void> {
    const t0 = performance.now();
    this.conn.query(sql);
    this.clock.statements++;
    this.clock.sqlMs += performance.now() - t0;
  }

  loadParquet(file: ExportFile, tableName: string, onProgress?: (rows: number) => void): Promise<number> {
    return loadParquetIntoWasm(this.conn, this.pieces, file, tableName, onProgress);
  }

  streamParquet(
    file: ExportFile,
    relation: string,
    opts?: StreamOptions & { decodeRows?: number },
  ): Promise<ParquetBatches> {
    return streamParquetIntoWasm(this.conn, this.pieces, file, relation, opts);
  }

  abstract close(): Promise<void>;
}
