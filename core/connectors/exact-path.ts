import { mkdtemp, rm, symlink, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Characters DuckDB's file functions read as a glob (or `~` as the home folder). */
export const GLOB_PATTERN = /[*?[\]{}~]/;

/**
 * Runs `read` on a path DuckDB will take literally: the file named and no other, whatever
 * characters its folder holds. A path DuckDB would glob is read through a link (or, where links
 * are refused, a copy) with a plain name in a fresh temporary folder.
 */
export async function withLiteralPath<T>(path: string, read: (literal: string) => Promise<T>): Promise<T> {
  const absolute = resolve(path);
  if (!GLOB_PATTERN.test(absolute)) return read(absolute);
  const dir = await mkdtemp(join(tmpdir(), 'iop-path-'));
  try {
    const link = join(dir, 'f.parquet');
    if (GLOB_PATTERN.test(link)) throw new Error(`the temporary folder ${dir} holds glob characters`);
    await symlink(absolute, link).catch(() => copyFile(absolute, link));
    return await read(link);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
