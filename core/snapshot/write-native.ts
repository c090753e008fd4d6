import { NativeConnector } from '../connectors/native';
import type { ExportFile } from '../engine/connector';
import type { LoadedExport } from '../engine/load-export';
import { OutcomeSession } from '../measures/session';
import { saveSnapshot } from './snapshot';

/**
 * Loads an export with native DuckDB and writes its pre-validated snapshot to `location`. One
 * thread and insertion order kept, as in the browser's engine, so every sum of doubles in the
 * per-episode tables adds up in the same order there and here.
 */
export async function writeSnapshot(files: readonly ExportFile[], location: string): Promise<LoadedExport> {
  const conn = await NativeConnector.open(':memory:', { threads: '1', preserve_insertion_order: 'true' });
  try {
    const session = await OutcomeSession.open(conn, [...files]);
    await saveSnapshot(session, files, location);
    return session.loaded;
  } finally {
    await conn.close();
  }
}
