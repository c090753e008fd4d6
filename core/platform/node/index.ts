/** The Node-only engine adapters: native DuckDB (@duckdb/node-api) and the blocking DuckDB-WASM build. */
export { NativeConnector } from '../../connectors/native';
export { WasmNodeConnector } from '../../connectors/wasm-node';
export { writeSnapshot } from '../../snapshot/write-native';
