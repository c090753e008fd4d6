import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { attachSnapshotSql, quoteIdent } from '../../../core';
import { BlockingWasmConnector, openWasmBindings } from '../../../core/platform/browser';
import { decodeWorkerPieces } from './decode-client';

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
    const db = await openWasmBindings(() =>
      duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), BROWSER_RUNTIME),
    );
    performance.mark('engine-ready'); // read by test/bench/browser-one.ts
    return db;
  })();
  return engine;
}

let databases = 0;

/**
 * DuckDB-WASM in the engine worker. Each connector owns a fresh database (ATTACH), so a new
 * export loads beside the current one and replaces it only once it loaded; temp tables are per
 * connection, so sessions never see each other's. The database is in memory, or a snapshot file
 * read in place.
 */
export class BrowserWasmConnector extends BlockingWasmConnector {
  private constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly database: string,
    /** The registered file buffer the database reads (a snapshot), dropped on close. */
    private readonly file: string | null,
    compress = false,
  ) {
    super(db, decodeWorkerPieces, file ? undefined : { name: database, compress });
  }

  /** `compressed`: the database is compressed (see storesCompressed), for a large export. */
  static async open(options: { compressed?: boolean } = {}): Promise<BrowserWasmConnector> {
    return new BrowserWasmConnector(await sharedEngine(), `export_${++databases}`, null, options.compressed);
  }

  /** A database that is the snapshot file `bytes`, read-only (its tables are read in place, not copied). */
  static async openSnapshot(bytes: Uint8Array): Promise<BrowserWasmConnector> {
    const db = await sharedEngine();
    const database = `export_${++databases}`;
    const file = `${database}.duckdb`;
    db.registerFileBuffer(file, bytes);
    const c = new BrowserWasmConnector(db, database, file);
    try {
      c.conn.query(attachSnapshotSql(file, database));
    } catch (err) {
      c.conn.close();
      db.dropFile(file);
      throw err;
    }
    return c;
  }

  async close(): Promise<void> {
    this.conn.query(`USE memory; DETACH ${quoteIdent(this.database)}`);
    this.conn.close();
    if (this.file) this.db.dropFile(this.file);
  }
}
