import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyStem } from '../../core/study/file-stem';
import { GOLDEN_DIR } from '../support/engines';

const run = promisify(execFile);

async function study(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('npx', ['tsx', 'pipelines/study.ts', ...args], {
      env: { ...process.env, TZ: 'UTC' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run study', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'study-cli-'));
  });
  afterAll(async () => rm(out, { recursive: true, force: true }));

  it('writes HTML, JSON and CSV for every program of the network', async () => {
    const r = await study([GOLDEN_DIR, '--all-programs', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(5);
    const json = JSON.parse(await readFile(join(out, `${studyStem(['valley'], 'others')}.json`), 'utf8'));
    expect(json.meta.privacy).toBe('small-cell');
    expect(json.reproducibility.files.map((f: { name: string }) => f.name)).toContain('episodes.parquet');
    expect(json.reproducibility.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes an external reference from a file', async () => {
    const ref = join(out, 'ref.json');
    await writeFile(
      ref,
      JSON.stringify({
        label: 'National IOP',
        source: 'TEDS-D 2019',
        figures: [{ measure: 'completion_rate', value: 0.42, denominator: 5000 }],
      }),
    );
    const r = await study([
      GOLDEN_DIR,
      '--program',
      'summit',
      '--comparator',
      `external:${ref}`,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(join(out, `${studyStem(['summit'], 'external')}.html`), 'utf8');
    expect(html).toContain('TEDS-D 2019');
  });

  it('explains mistakes without a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [[GOLDEN_DIR, '--program', 'nope', '--out', out], /unknown program nope/],
      [[GOLDEN_DIR, '--program', 'harbor'], /missing --out/],
      [
        [GOLDEN_DIR, '--program', 'harbor', '--out', out, '--comparator', 'programs:harbor'],
        /its own comparator/,
      ],
      [['/no/such/folder', '--all-programs', '--out', out], /not a folder/],
    ];
    for (const [args, message] of cases) {
      const r = await study(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
