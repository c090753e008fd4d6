import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, writeExport } from '../fixtures/broken/export-builder';
import { GOLDEN_DIR } from '../support/engines';
import { runScript, STACK } from '../support/cli';

const cli = (...args: string[]) => runScript('pipelines/cli.ts', ['validate', ...args]);
function expectNoStack(r: { stdout: string; stderr: string }) {
  expect(r.stdout + r.stderr).not.toMatch(STACK);
}

describe('npm run pipelines -- validate', () => {
  it('golden export: usable, no errors, no warnings (exit 0)', async () => {
    const r = await cli(GOLDEN_DIR);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Extract date 2026-06-30 (manifest.json)');
    expect(r.stdout).toMatch(/episodes\s+421 rows, usable/);
    expect(r.stdout).not.toContain('Errors');
    expect(r.stdout).not.toContain('Warnings');
    expect(r.stdout).toContain('Result: usable.');
  });

  it('--json prints the report', async () => {
    const r = await cli(GOLDEN_DIR, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      usable: true,
      errors: [],
      warnings: [],
      extractDate: '2026-06-30',
      ignoredFiles: [],
    });
    expect(report.tables).toHaveLength(6);
  });

  it('warnings keep the export usable and list counts and example keys', async () => {
    const dir = await writeExport({
      episodes: BASE.episodes.map((r) => (r.episode_id === 4 ? { ...r, level_of_care: 'IOP' } : r)),
    });
    const r = await cli(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('episodes.level_of_care.code (1 row): episodes.level_of_care is not one of');
    expect(r.stdout).toContain('e.g. 4');
    expect(r.stdout).toContain('Result: usable with 1 warning.');
  });

  it('a missing required table: exit 1 with the reason', async () => {
    const r = await cli(await writeExport({ programs: null }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('programs.parquet is missing; the export needs it.');
    expect(r.stdout).toContain('Result: NOT usable.');
    expectNoStack(r);
  });

  it('an error in an optional table: the rest is usable, but exit 1', async () => {
    const r = await cli(
      await writeExport({ encounters: { rows: BASE.encounters, types: { minutes: 'DOUBLE' } } }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('encounters.minutes is DOUBLE; the contract needs an integer (SMALLINT).');
    expect(r.stdout).toContain('Result: usable without encounters.');
  });

  it('a wrong column type: exit 1 naming the column and the types', async () => {
    const r = await cli(
      await writeExport({ episodes: { rows: BASE.episodes, types: { admit_date: 'VARCHAR' } } }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'episodes.admit_date is VARCHAR; the contract needs a DATE (or a TIMESTAMP, taken as its UTC date; text is not accepted).',
    );
    expectNoStack(r);
  });

  it('a corrupted Parquet file: exit 2 naming the file', async () => {
    const dir = await writeExport();
    const path = join(dir, 'encounters.parquet');
    const bytes = await readFile(path);
    bytes.fill(0x55, 8, 400);
    await writeFile(path, bytes);
    const r = await cli(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('encounters.parquet is a corrupted Parquet file and cannot be read');
    expect(r.stderr).not.toMatch(/\/tmp\//);
    expectNoStack(r);
  });

  it('a truncated Parquet file: exit 2 naming the file', async () => {
    const dir = await writeExport();
    const path = join(dir, 'episodes.parquet');
    await writeFile(path, (await readFile(path)).subarray(0, 200));
    const r = await cli(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('episodes.parquet is truncated or corrupted: its Parquet footer is missing.');
    expectNoStack(r);
  });

  it('a CSV renamed to .parquet: exit 2 naming the file', async () => {
    const dir = await writeExport();
    await writeFile(join(dir, 'programs.parquet'), 'program_id,program_name\nP1,One\n');
    const r = await cli(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'programs.parquet is not a Parquet file: it holds text (a CSV file renamed to .parquet?)',
    );
    expectNoStack(r);
  });

  it('an empty file: exit 2 naming the file', async () => {
    const dir = await writeExport();
    await writeFile(join(dir, 'drug_screens.parquet'), '');
    const r = await cli(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drug_screens.parquet is empty (0 bytes), not a Parquet file.');
    expectNoStack(r);
  });

  it('a folder that does not exist: exit 2', async () => {
    const r = await cli('/nonexistent/export');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/export is not a folder');
    expectNoStack(r);
  });
});
