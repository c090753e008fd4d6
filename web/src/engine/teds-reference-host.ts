import { loadExport, tedsComparator, tedsReference } from '../../../core';
import type { ExternalComparator } from './engine-api';
import { fileToExportFile, isExportFileName } from './export-files';
import { BrowserWasmConnector } from './wasm-browser';

/**
 * The national TEDS-D reference of an export written by import-teds, loaded into a database of its
 * own (the loaded export is not touched) and dropped once the figures are computed.
 */
export async function tedsReferenceOf(files: File[]): Promise<ExternalComparator> {
  const exportFiles = files.filter((f) => isExportFileName(f.name)).map(fileToExportFile);
  if (!exportFiles.some((f) => f.name === 'episodes.parquet'))
    throw new Error('A TEDS-D reference export needs episodes.parquet (written by import-teds).');
  const conn = await BrowserWasmConnector.open();
  try {
    const loaded = await loadExport(conn, exportFiles);
    return tedsComparator(await tedsReference(conn, loaded.manifest), loaded.manifest);
  } finally {
    await conn.close().catch(() => undefined);
  }
}
