import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, seriousAxeViolations, waitReady, watchedPage } from './support/browser';

/** The Study view of the app: choose, read the study, download it under the small-cell rule. */
const OUT = resolve('test-output/study');

describe('Study view', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('builds the study, switches comparator and downloads the exports', async () => {
    const baseUrl = inject('baseUrl');
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(`${baseUrl}?view=study`);
    await waitReady(page);
    const frame = page.frameLocator('iframe.study-frame');
    await expect
      .poll(() => frame.locator('h2').allTextContents(), { timeout: 120_000 })
      .toContain('Reproducibility');
    const title = await page.locator('iframe.study-frame').getAttribute('title');
    expect(title).toMatch(/compared with all other programs/);
    await page.screenshot({ path: `${OUT}/view-others.png`, fullPage: false });

    await page.getByLabel('Standard outpatient care').check();
    await expect
      .poll(() => page.locator('iframe.study-frame').getAttribute('title'), { timeout: 120_000 })
      .toMatch(/standard outpatient care/);
    await expect.poll(() => frame.locator('h2').count(), { timeout: 60_000 }).toBe(9);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'HTML' }).click(),
    ]);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('Small-cell rule applied');
    expect(html).not.toMatch(/<script/i);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^section,item,arm,statistic,value,display/);

    await waitReady(page);
    for (const section of ['summary', 'comparative', 'participants', 'outcomes', 'adjusted', 'cost'])
      await frame.locator(`#${section}`).screenshot({ path: `${OUT}/view-outpatient-${section}.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.offOrigin).toEqual([]);
  });
});
