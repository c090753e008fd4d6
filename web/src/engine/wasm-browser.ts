import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { quoteIdent } from '../../../core';
import { BlockingWasmConnector, openWasmBindings, type ParquetWasm } from '../../../core/platform/browser';

/** vite.config.ts aliases the import to the browser build, which exports BROWSER_RUNTIME. */
const BROWSER_RUNTIME = (duckdb as unknown as { BROWSER_RUNTIME: duckdb.DuckDBRuntime }).BROWSER_RUNTIME;

let engine: Promise<duckdb.DuckDBBindings> | null = null;

/**
 * One DuckDB-WASM instance per worker (synchronous build; this code runs in a worker only). The
 * worker starts it as it boots, so download and compile (streamed) overlap fetching the export.
 */
export function sharedEngine(): Promise<duckdb.DuckDBBindings> {
  engine ??= (async () => {
    const bundles: duckdb.DuckDBBundles = {
      mvp: { mainModule: new URL(mvpWasm, self.location.href).href, mainWorker: '' },
      eh: { mainModule: new URL(ehWasm, self.location.href).href, mainWorker: '' },
    };
    const [db] = await Promise.all([
      openWasmBindings(() => duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), BROWSER_RUNTIME)),
      initParquet({ module_or_path: new URL(parquetWasmUrl, self.location.href) }),
    ]);
    return db;
  })();
  return engine;
}

let databases = 0;

/**
 * DuckDB-WASM in the engine worker. Each connector owns a fresh in-memory database (ATTACH), so a
 * new export loads beside the current one and replaces it only once it loaded; temp tables are
 * per connection, so sessions never see each other's.
 */
export class BrowserWasmConnector extends BlockingWasmConnector {
  private constructor(
    db: duckdb.DuckDBBindings,
    private readonly database: string,
    compress: boolean,
  ) {
    super(db, parquetWasm as unknown as ParquetWasm, { name: database, compress });
  }

  /** `compressed`: the database is compressed (see storesCompressed), for a large export. */
  static async open(options: { compressed?: boolean } = {}): Promise<BrowserWasmConnector> {
    return new BrowserWasmConnector(
      await sharedEngine(),
      `export_${++databases}`,
      options.compressed ?? false,
    );
  }

  async close(): Promise<void> {
    this.conn.query(`USE memory; DETACH ${quoteIdent(this.database)}`);
    this.conn.close();
  }
}
