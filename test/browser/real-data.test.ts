import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Cohort, Grouping } from '../../core/cohort/types';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import type { Unit } from '../../core/catalogue';
import { launch, seriousAxeViolations, waitReady, watchedPage, type PageProblems } from './support/browser';
import { expectNoPageProblems, expectShown, shown } from './support/figures';

/**
 * A real export: CTN-0094 (NIDA CTN public data) imported by our importer, opened through the file
 * picker. It has no IOP episode, so the dashboard must start at its own level (op); MAT arms compared
 * side by side must show the core's figures on native DuckDB.
 */
const baseUrl = inject('baseUrl');
const CTN = new URL('../fixtures/ctn0094', import.meta.url).pathname;
const SHOTS = resolve('test-output/screenshots');
const OP: Cohort = { level: 'op' };
const BY_MAT: Grouping = { kind: 'by', column: 'mat' };
const FIGURES: [string, Unit][] = [
  ['completion_rate', 'percent'],
  ['retention_30', 'percent'],
  ['retention_60', 'percent'],
  ['retention_90', 'percent'],
];

let tmp: string;
let exportDir: string;
let conn: NativeConnector;
let ctn: OutcomeSession;
let browser: Browser;
let page: Page;
let problems: PageProblems;

describe('CTN-0094 in the dashboard', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'iop-ctn-'));
    exportDir = join(tmp, 'export');
    const run = spawnSync('npx', ['tsx', 'pipelines/cli.ts', 'import-ctn0094', CTN, '--out', exportDir], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (run.status !== 0) throw new Error(`import-ctn0094 failed:\n${run.stdout}\n${run.stderr}`);
    conn = await NativeConnector.open();
    ctn = await OutcomeSession.open(conn, await exportFolderFiles(exportDir));
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    ({ page, problems } = await watchedPage(browser, baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await conn?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opens the import, starts at its most common level (op) and compares the MAT arms', async () => {
    expect((await ctn.options()).levels.map((l) => l.level)).not.toContain('iop');
    await page.goto(baseUrl);
    await waitReady(page);
    const generation = await page.locator('[data-testid="dataset"]').getAttribute('data-generation');
    const files = readdirSync(exportDir).map((f) => join(exportDir, f));
    await page.locator('[data-testid="open-files"]').setInputFiles(files);
    await page.waitForFunction(
      (g) => document.querySelector('[data-testid="dataset"]')?.getAttribute('data-generation') !== g,
      generation,
      { timeout: 120_000 },
    );
    await waitReady(page);
    expect(await page.locator('[data-testid="filter-level"]').inputValue()).toBe('op');
    expect(new URL(page.url()).searchParams.get('level')).toBe('op');

    await page.locator('[data-testid="compare-select"]').selectOption('by:mat');
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get('by')).toBe('mat');
    const expected = await ctn.grouped(OP, BY_MAT);
    expect(expected.groups.length).toBeGreaterThanOrEqual(2);
    for (const [name, unit] of FIGURES) {
      const figures = await shown(page, name);
      expect(figures, name).toHaveLength(expected.groups.length);
      expected.groups.forEach((g, i) => expectShown(figures[i], expected.measures.get(g)?.[name], unit));
    }
    await page.screenshot({ path: join(SHOTS, 'ctn0094-mat.png'), fullPage: true });

    await page.locator('[data-testid="nav-retention"]').click();
    await waitReady(page);
    const r60 = await shown(page, 'retention_60');
    expected.groups.forEach((g, i) => expectShown(r60[i], expected.measures.get(g)?.retention_60, 'percent'));
    await page.screenshot({ path: join(SHOTS, 'ctn0094-mat-retention.png'), fullPage: true });

    const violations = await seriousAxeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expectNoPageProblems(problems);
  });
});
