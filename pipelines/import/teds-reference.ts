import { NativeConnector } from '../../core/connectors/native';
import type { LevelOfCare } from '../../core/contract/codes';
import { loadExport } from '../../core/engine/load-export';
import { tedsReference as referenceOver, type ReferenceFigure } from '../../core/study/teds-reference';
import { exportFolderFiles } from '../lib/export-folder';

export type { ReferenceFigure } from '../../core/study/teds-reference';

/** The TEDS-D reference figures (core/study/teds-reference.ts) of an export folder written by import-teds. */
export async function tedsReference(
  exportDir: string,
  level: LevelOfCare = 'iop',
): Promise<ReferenceFigure[]> {
  const conn = await NativeConnector.open();
  try {
    const loaded = await loadExport(conn, await exportFolderFiles(exportDir));
    return await referenceOver(conn, loaded.manifest, level);
  } finally {
    await conn.close();
  }
}
