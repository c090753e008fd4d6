import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import * as parquetWasm from 'parquet-wasm';
import { inProcessPieces, type ParquetWasm } from './parquet-ipc';
import { BlockingWasmConnector, openWasmBindings } from './wasm-blocking';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM (the browser's engine) running in Node with the blocking build: the same wasm
 * binary and SQL as the browser, used by the engine test suite and the benchmark.
 * `compressed`: the export goes to a compressed in-memory database (ATTACH ':memory:' (COMPRESS)),
 * several times smaller; the browser does so for a large export (storesCompressed).
 */
export class WasmNodeConnector extends BlockingWasmConnector {
  private constructor(
    private readonly db: duckdb.DuckDBBindings,
    compressed: boolean,
  ) {
    super(
      db,
      inProcessPieces(parquetWasm as unknown as ParquetWasm),
      compressed ? { name: 'export', compress: true } : undefined,
    );
  }

  static async open(options: { compressed?: boolean } = {}): Promise<WasmNodeConnector> {
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const bundles: duckdb.DuckDBBundles = {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    };
    const db = await openWasmBindings(() =>
      duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME),
    );
    return new WasmNodeConnector(db, options.compressed ?? false);
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
