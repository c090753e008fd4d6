/** The DuckDB-WASM pieces the browser's worker connector is built from. */
export { queryBlocking, type QueryClock } from '../../connectors/arrow-rows';
export type { ParquetWasm } from '../../connectors/parquet-ipc';
export { loadParquetIntoWasm } from '../../connectors/wasm-load';
