import type { ExportFile } from '../engine/connector';

/** The part of parquet-wasm we use; the browser and Node import different builds of it. */
export interface ParquetWasm {
  ParquetFile: {
    fromFile(blob: Blob): Promise<{
      metadata(): { numRowGroups(): number; fileMetadata(): { numRows(): number } };
      read(options?: { rowGroups?: number[] }): Promise<{ intoIPCStream(): Uint8Array; numRows?: number }>;
    }>;
  };
}

/**
 * Decodes a Parquet file row group by row group into Arrow IPC streams, so memory stays bounded
 * by one row group. DuckDB-WASM cannot read Parquet offline (../shared/notes/stack-facts.md).
 */
export async function* parquetToIpc(
  pq: ParquetWasm,
  file: ExportFile,
): AsyncGenerator<{ ipc: Uint8Array; group: number; groups: number }> {
  const bytes = await file.bytes();
  const pf = await pq.ParquetFile.fromFile(new Blob([bytes as BlobPart]));
  const groups = pf.metadata().numRowGroups();
  if (groups === 0) {
    yield { ipc: (await pf.read()).intoIPCStream(), group: 0, groups: 0 };
    return;
  }
  for (let g = 0; g < groups; g++) {
    const t = await pf.read({ rowGroups: [g] });
    yield { ipc: t.intoIPCStream(), group: g, groups };
  }
}
