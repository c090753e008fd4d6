/** The DuckDB-WASM pieces the browser's worker connector is built from. */
export { queryBlocking } from '../../connectors/arrow-rows';
export type { ParquetWasm } from '../../connectors/parquet-ipc';
export { loadParquetIntoWasm, storesCompressed } from '../../connectors/wasm-load';
