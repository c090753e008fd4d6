/** The DuckDB-WASM pieces the browser's worker connector is built from. */
export type { QueryClock } from '../../connectors/arrow-rows';
export {
  parquetToIpc,
  type IpcPiece,
  type ParquetWasm,
  type PieceOptions,
  type PieceSource,
} from '../../connectors/parquet-ipc';
export { BlockingWasmConnector, openWasmBindings } from '../../connectors/wasm-blocking';
export { storesCompressed } from '../../connectors/wasm-load';
