import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ExportFile } from '../../core';
import { writeSnapshot } from '../../core/platform/node';

const root = new URL('../..', import.meta.url).pathname;

/** Every file under a folder, sorted, as paths. */
function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/**
 * What a snapshot depends on: the export's files, and the core's code and the engines' versions
 * that made it (a changed rule or measure makes a new one).
 */
function snapshotKey(files: { name: string; path: string }[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\0`).update(readFileSync(f.path));
  for (const p of walk(join(root, 'core'))) hash.update(`${relative(root, p)}\0`).update(readFileSync(p));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  for (const pkg of ['@duckdb/node-api', '@duckdb/duckdb-wasm'])
    hash.update(`${pkg}@${lock.packages[`node_modules/${pkg}`]?.version}`);
  return hash.digest('hex').slice(0, 20);
}

/**
 * The pre-validated snapshot of the sample export in `dir` (core/snapshot), built once per key
 * into `.cache/sample-snapshot/` and reused, so the dev server and repeated builds stay quick.
 * Null when the folder holds no usable export (the app then loads and reports it as any export).
 */
export async function sampleSnapshot(dir: string, names: string[]): Promise<string | null> {
  const files: (ExportFile & { path: string })[] = names.map((name) => {
    const path = join(dir, name);
    return { name, path, size: statSync(path).size, bytes: async () => new Uint8Array(readFileSync(path)) };
  });
  if (!files.some((f) => f.name === 'episodes.parquet')) return null;
  const cache = join(root, '.cache/sample-snapshot');
  const out = join(cache, `${snapshotKey(files)}.duckdb`);
  if (existsSync(out)) return out;
  mkdirSync(cache, { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  try {
    await writeSnapshot(files, partial);
  } catch {
    rmSync(partial, { force: true });
    return null;
  }
  // snapshots of earlier code or data, unused for an hour
  for (const old of readdirSync(cache)) {
    const p = join(cache, old);
    if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
  }
  renameSync(partial, out);
  return out;
}
