import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GOLDEN_DIR } from '../support/engines';
import { launch, waitReady, watchedPage } from './support/browser';

/**
 * The first seconds: the status names the phase of the load from the start, and the user's own
 * export can be opened while the sample is still loading, which stops the sample's load.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('start', () => {
  it('says what it is doing at once, and opening an export cancels the sample load', async () => {
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(baseUrl);
    const status = page.locator('[data-testid="load-phase"]');
    await status.waitFor({ timeout: 1000 });
    expect(await status.textContent()).toMatch(/^Step [1-4] of 4: /);
    const value = Number(await page.locator('.load-status progress').getAttribute('value'));
    expect(value).toBeGreaterThan(0);

    // The user picks their own export while the sample is loading.
    const button = page.getByRole('button', { name: 'Open files…' });
    expect(await button.isDisabled()).toBe(false);
    const files = readdirSync(GOLDEN_DIR).map((f) => join(GOLDEN_DIR, f));
    await page.locator('[data-testid="open-files"]').setInputFiles(files);
    await waitReady(page);
    const dataset = (await page.locator('[data-testid="dataset"]').textContent()) ?? '';
    expect(dataset).not.toContain('Sample data');
    expect(dataset).toContain('episodes');
    expect(Number(await page.locator('[data-testid="dataset"]').getAttribute('data-generation'))).toBe(1);
    expect(await page.locator('[data-testid="load-failure"]').count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('opens the sample pre-validated, and from its Parquet files when the snapshot cannot be used', async () => {
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(baseUrl);
    await waitReady(page);
    const dataset = page.locator('[data-testid="dataset"]');
    expect(await dataset.getAttribute('data-from')).toBe('snapshot');
    const episodes = await dataset.textContent();
    await page.context().close();

    const broken = await watchedPage(browser, baseUrl);
    await broken.page
      .context()
      .route('**/sample-data/snapshot.duckdb', (r) => r.fulfill({ status: 200, body: 'not a database' }));
    await broken.page.goto(baseUrl);
    await waitReady(broken.page);
    const fallback = broken.page.locator('[data-testid="dataset"]');
    expect(await fallback.getAttribute('data-from')).toBe('files');
    expect(await fallback.textContent()).toBe(episodes);
    expect(await broken.page.locator('[data-testid="load-failure"]').count()).toBe(0);
    expect([...problems.consoleErrors, ...broken.problems.consoleErrors]).toEqual([]);
    await broken.page.context().close();
  });

  it('a cancelled sample load leaves the page ready for an export', async () => {
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(baseUrl);
    await page.locator('[data-testid="load-cancel"]').click({ timeout: 5000 });
    await page.locator('[data-testid="nothing-loaded"]').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-testid="load-status"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sample data' }).isDisabled()).toBe(false);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });
});
