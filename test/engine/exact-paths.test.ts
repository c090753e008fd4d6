import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { loadExport } from '../../core/engine/load-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { BASE, edit, writeExport } from '../fixtures/broken/export-builder';

/** Finding 3 of #15: DuckDB's read_parquet globbed the folder name (`exp[12]` read `exp1`). */
describe('the command line expands glob characters in folder names', () => {
  let root: string;
  /** Folder name → the number of programs its export holds. */
  const folders: Record<string, number> = {
    exp1: 1,
    'exp[12]': 2,
    dataA1: 1,
    'dataA*': 2,
    'dat?A': 2,
    '{a,b}': 2,
    '~home': 2,
  };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'iop-globs-'));
    for (const [name, programs] of Object.entries(folders)) {
      const dir = await writeExport(edit('programs', () => BASE.programs.slice(0, programs)));
      await rename(dir, join(root, name));
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads exactly the folder named, whatever characters it holds', async () => {
    for (const [name, programs] of Object.entries(folders)) {
      const conn = await NativeConnector.open();
      try {
        const loaded = await loadExport(conn, await exportFolderFiles(join(root, name)));
        expect(loaded.rowCounts.programs, name).toBe(programs);
        expect(loaded.rowCounts.episodes, name).toBe(BASE.episodes.length);
      } finally {
        await conn.close();
      }
    }
  });
});
