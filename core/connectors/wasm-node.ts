import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import * as parquetWasm from 'parquet-wasm';
import type { ExportFile, LoadingConnector, Row, SqlValue } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { queryBlocking } from './arrow-rows';
import type { ParquetWasm } from './parquet-ipc';
import { loadParquetIntoWasm } from './wasm-load';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM (the browser's engine) running in Node with the blocking build: the same wasm
 * binary and SQL as the browser, used by the engine test suite and the benchmark.
 * `compressed`: the export goes to a compressed in-memory database (ATTACH ':memory:' (COMPRESS)),
 * several times smaller; the browser does not do this (yet), so tests use the plain one.
 */
export class WasmNodeConnector implements LoadingConnector {
  readonly engine = 'duckdb-wasm' as const;
  private constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly conn: duckdb.DuckDBConnection,
  ) {}

  static async open(options: { compressed?: boolean } = {}): Promise<WasmNodeConnector> {
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const bundles: duckdb.DuckDBBundles = {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate();
    db.open({ query: { castDecimalToDouble: true } });
    const conn = db.connect();
    conn.query('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    if (options.compressed)
      conn.query(`ATTACH ':memory:' AS ${quoteIdent('export')} (COMPRESS); USE ${quoteIdent('export')}`);
    return new WasmNodeConnector(db, conn);
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return queryBlocking(this.conn, sql, params) as T[];
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  loadParquet(file: ExportFile, tableName: string, onProgress?: (rows: number) => void): Promise<number> {
    return loadParquetIntoWasm(this.conn, parquetWasm as unknown as ParquetWasm, file, tableName, onProgress);
  }

  /** Makes `bytes` readable as the file `name` (ATTACH 'name' …), e.g. a snapshot, as the browser does. */
  registerFile(name: string, bytes: Uint8Array): void {
    this.db.registerFileBuffer(name, bytes);
  }

  async close(): Promise<void> {
    this.conn.close();
    this.db.reset();
  }
}
