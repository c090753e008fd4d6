import { NativeConnector } from '../../core/platform/node';
import {
  loadExport,
  tedsComparator,
  tedsReference as referenceOver,
  type Comparator,
  type LevelOfCare,
  type ReferenceFigure,
} from '../../core';
import { exportFolderFiles } from '../lib/export-folder';

export type { ReferenceFigure } from '../../core';

/** The TEDS-D reference figures (core/study/teds-reference.ts) of an export folder written by import-teds. */
export async function tedsReference(
  exportDir: string,
  level: LevelOfCare = 'iop',
): Promise<ReferenceFigure[]> {
  return (await tedsOf(exportDir, level)).figures;
}

/** The study's external comparator from an export folder written by import-teds (core's tedsComparator). */
export async function tedsComparatorOf(
  exportDir: string,
  level: LevelOfCare = 'iop',
): Promise<Extract<Comparator, { kind: 'external' }>> {
  const { figures, manifest } = await tedsOf(exportDir, level);
  return tedsComparator(figures, manifest, level);
}

async function tedsOf(exportDir: string, level: LevelOfCare) {
  const conn = await NativeConnector.open();
  try {
    const loaded = await loadExport(conn, await exportFolderFiles(exportDir));
    return { figures: await referenceOver(conn, loaded.manifest, level), manifest: loaded.manifest };
  } finally {
    await conn.close();
  }
}
