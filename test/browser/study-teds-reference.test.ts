import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { percent } from '../../core/study/format';
import type { ReferenceFigure } from '../../core/study/teds-reference';
import { importTeds } from '../../pipelines/import/teds/import';
import { tedsReference } from '../../pipelines/import/teds-reference';
import { coveringRows, readCodebook, sampler, writeTedsCsv } from '../fixtures/teds/generate';
import { launch, seriousAxeViolations, waitReady, watchedPage } from './support/browser';

/** The Study view's external comparator filled from a TEDS-D import loaded as a reference, beside the loaded export. */
const SHOTS = resolve('test-output/screenshots');

describe('Study view: TEDS-D reference', () => {
  let browser: Browser;
  let dir: string;
  let exportDir: string;
  let completion: ReferenceFigure;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teds-ref-'));
    exportDir = join(dir, 'export');
    const columns = await readCodebook();
    const draw = sampler(columns, 11);
    const rows = [...coveringRows(columns, 1), ...Array.from({ length: 400 }, (_, i) => draw(200_000 + i))];
    await writeTedsCsv(join(dir, 'tedsd_puf_2019.csv'), columns, rows);
    await importTeds(join(dir, 'tedsd_puf_2019.csv'), exportDir);
    completion = (await tedsReference(exportDir)).find((f) => f.measure === 'completion_rate')!;
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the reference into its own database and compares the program with it', async () => {
    expect(completion.denominator).toBeGreaterThan(20);
    const baseUrl = inject('baseUrl');
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(`${baseUrl}?view=study`);
    await waitReady(page);
    const episodesBefore = await page.locator('[data-testid="dataset"]').textContent();
    await page.getByLabel('External reference').check();
    await page
      .locator('[data-testid="teds-reference-files"]')
      .setInputFiles(readdirSync(exportDir).map((f) => join(exportDir, f)));
    const frame = page.frameLocator('iframe.study-frame');
    await expect
      .poll(() => page.locator('iframe.study-frame').getAttribute('title'), { timeout: 120_000 })
      .toMatch(/TEDS-D/);
    await waitReady(page);
    expect(await page.getByRole('textbox', { name: 'Source' }).inputValue()).toContain('TEDS-D');
    expect(await page.getByRole('textbox', { name: 'Source' }).inputValue()).toContain('2019');
    expect(Number(await page.getByRole('textbox', { name: 'Discharges (n, optional)' }).inputValue())).toBe(
      completion.denominator,
    );
    await expect.poll(() => frame.locator('#outcomes').count(), { timeout: 60_000 }).toBe(1);
    const rows = await frame.locator('#outcomes tbody tr').allTextContents();
    const completionRow = rows.find((r) => /complet/i.test(r));
    expect(completionRow, rows.join('\n')).toContain(percent(completion.value));
    expect(completionRow).toContain(`${completion.numerator}/${completion.denominator}`);
    expect(await frame.locator('#outcomes').textContent()).toMatch(/TEDS-D.*2019/s);
    // The loaded export is untouched: same label and episode count.
    expect(await page.locator('[data-testid="dataset"]').textContent()).toBe(episodesBefore);
    await page.screenshot({ path: join(SHOTS, 'study-teds-reference.png'), fullPage: false });
    await frame.locator('#outcomes').screenshot({ path: join(SHOTS, 'study-teds-reference-outcomes.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.offOrigin).toEqual([]);
  });
});
