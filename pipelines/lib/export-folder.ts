import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFile } from '../../core';

/** The files of an export folder (Parquet files and manifest.json), read lazily. */
export async function exportFolderFiles(dir: string): Promise<ExportFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.parquet') || n === 'manifest.json').sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      return {
        name,
        path,
        size: (await stat(path)).size,
        bytes: async () => new Uint8Array(await readFile(path)),
      };
    }),
  );
}
