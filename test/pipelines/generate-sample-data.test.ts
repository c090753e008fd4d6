import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { TABLE_NAMES } from '../../core/contract/schema';
import { generateExport } from '../../pipelines/generate/generate-export';
import { sameTableContents } from '../../pipelines/generate/same-contents';

const root = new URL('../..', import.meta.url).pathname;
const sample = join(root, 'sample-data');

/** The committed sample is whatever `npm run sample-data` makes: read its arguments from package.json. */
async function sampleArgs(): Promise<{ episodes: number; seed: number }> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts['sample-data'];
  const arg = (name: string) => Number(new RegExp(`--${name} (\\d+)`).exec(script)?.[1]);
  expect(script).toMatch(/generate .*--out sample-data$/);
  return { episodes: arg('episodes'), seed: arg('seed') };
}

let dir: string;
let db: NativeConnector;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-sample-'));
  db = await NativeConnector.open();
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sample-data', () => {
  it('is what the generator makes with its documented seed (same table contents and manifest)', async () => {
    const { episodes, seed } = await sampleArgs();
    expect(episodes).toBeGreaterThanOrEqual(5000);
    await generateExport({ episodes, seed, outDir: dir });
    for (const table of TABLE_NAMES) {
      const same = await sameTableContents(
        db,
        join(sample, `${table}.parquet`),
        join(dir, `${table}.parquet`),
      );
      expect(same, table).toBe(true);
    }
    const manifest = async (d: string) => JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8'));
    expect(await manifest(sample)).toEqual(await manifest(dir));
  });

  it('is documented with its exact command', async () => {
    const readme = await readFile(join(sample, 'README.md'), 'utf8');
    const { episodes, seed } = await sampleArgs();
    expect(readme).toContain('npm run sample-data');
    expect(readme).toContain(`--episodes ${episodes} --seed ${seed} --out sample-data`);
  });
});
