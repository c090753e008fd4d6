import { NativeConnector } from '../../core/connectors/native';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import type { LoadingConnector } from '../../core/engine/connector';

/**
 * The database factory: every engine test runs once per engine, as duckdb-wasm's own suite does.
 *   describe.each(ENGINES)('$name', ({ open }) => { ... })
 */
export const ENGINES: { name: string; open: () => Promise<LoadingConnector> }[] = [
  { name: 'duckdb-native', open: () => NativeConnector.open() },
  { name: 'duckdb-wasm', open: () => WasmNodeConnector.open() },
];

/** DuckDB-WASM with a compressed database, as the browser stores a large export (storesCompressed). */
export const COMPRESSED_WASM = {
  name: 'duckdb-wasm (compressed)',
  open: (): Promise<LoadingConnector> => WasmNodeConnector.open({ compressed: true }),
};

export const GOLDEN_DIR = new URL('../fixtures/golden/export', import.meta.url).pathname;
export const GOLDEN_EXPECTED = new URL('../fixtures/golden/expected.json', import.meta.url).pathname;
