import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { quoteIdent, type ExportFile, type LoadingConnector, type Row, type SqlValue } from '../../../core';
import { loadParquetIntoWasm, queryBlocking, type ParquetWasm } from '../../../core/platform/browser';

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
      duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), BROWSER_RUNTIME),
      initParquet({ module_or_path: new URL(parquetWasmUrl, self.location.href) }),
    ]);
    await db.instantiate();
    db.open({ query: { castDecimalToDouble: true } });
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
export class BrowserWasmConnector implements LoadingConnector {
  readonly engine = 'duckdb-wasm' as const;
  private constructor(
    private readonly conn: duckdb.DuckDBConnection,
    private readonly database: string,
  ) {}

  /** `compressed`: the database is compressed (see storesCompressed), for a large export. */
  static async open(options: { compressed?: boolean } = {}): Promise<BrowserWasmConnector> {
    const db = await sharedEngine();
    const conn = db.connect();
    const database = `export_${++databases}`;
    conn.query('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    const compress = options.compressed ? ' (COMPRESS)' : '';
    conn.query(`ATTACH ':memory:' AS ${quoteIdent(database)}${compress}; USE ${quoteIdent(database)}`);
    return new BrowserWasmConnector(conn, database);
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

  async close(): Promise<void> {
    this.conn.query(`USE memory; DETACH ${quoteIdent(this.database)}`);
    this.conn.close();
  }
}
