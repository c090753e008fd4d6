import type { ExportFile } from '../engine/connector';

/** The part of parquet-wasm we use; the browser and Node import different builds of it. */
export interface ParquetWasm {
  ParquetFile: {
    fromFile(blob: Blob): Promise<{ metadata(): { numRowGroups(): number } }>;
  };
  readSchema(bytes: Uint8Array): unknown;
  readParquet(bytes: Uint8Array, options?: { rowGroups?: number[] }): { intoIPCStream(): Uint8Array };
}

/**
 * Decodes a Parquet file row group by row group into Arrow IPC streams, so memory stays bounded
 * by one row group. DuckDB-WASM cannot read Parquet offline (../shared/notes/stack-facts.md).
 *
 * Decoding uses parquet-wasm's synchronous calls: on a corrupted file its async reader panics
 * inside a detached future, the error escapes as an uncaught exception and the promise never
 * settles, whereas the synchronous calls throw an ordinary, catchable error and leave the module
 * usable. readSchema parses the footer first, so a broken footer fails before the async metadata
 * read.
 */
export async function* parquetToIpc(
  pq: ParquetWasm,
  file: ExportFile,
): AsyncGenerator<{ ipc: Uint8Array; group: number; groups: number }> {
  const bytes = await file.bytes();
  pq.readSchema(bytes);
  const groups = (await pq.ParquetFile.fromFile(new Blob([bytes as BlobPart]))).metadata().numRowGroups();
  if (groups === 0) {
    yield { ipc: pq.readParquet(bytes).intoIPCStream(), group: 0, groups: 0 };
    return;
  }
  for (let g = 0; g < groups; g++) {
    yield { ipc: pq.readParquet(bytes, { rowGroups: [g] }).intoIPCStream(), group: g, groups };
  }
}
