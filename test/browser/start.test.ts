import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
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
    // the first page of a cold browser parses the whole bundle first: 1 s failed once in CI on a quiet machine
    await status.waitFor({ timeout: 5000 });
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
    // every load takes a generation: 1 was the sample's (its shipped first screen may have shown), 2 this one
    expect(Number(await page.locator('[data-testid="dataset"]').getAttribute('data-generation'))).toBe(2);
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

/**
 * The sample's Overview draws from the answers shipped with it (web/src/engine/first-screen.ts)
 * before the engine is ready, says the engine is still starting, and its figures are the live
 * ones once it is. The snapshot's download is held back, so the engine cannot be ready early.
 */
/** A page whose engine waits for the sample's snapshot until `release` is called. */
async function heldPage(url: string) {
  const { page, problems } = await watchedPage(browser, baseUrl);
  const held: Route[] = [];
  let released = false;
  await page
    .context()
    .route('**/sample-data/snapshot.duckdb', (r) => (released ? r.continue() : held.push(r)));
  await page.goto(url);
  const release = async () => {
    released = true;
    for (const r of held.splice(0)) await r.continue();
  };
  return { page, problems, release };
}

/** Every figure of the cards and the charts' data as the page shows them. */
const figures = (page: Page) =>
  page.evaluate(() => ({
    values: [...document.querySelectorAll('[data-testid^="value-"]')].map((e) => [
      e.getAttribute('data-testid'),
      e.textContent,
      e.getAttribute('data-value'),
    ]),
    intro: document.querySelector('.view-intro')?.textContent ?? '',
    tables: [...document.querySelectorAll('main table')].map((t) => t.textContent),
  }));

describe('the first screen shipped with the sample', () => {
  it('draws the Overview before the engine is ready, and the live figures equal it', async () => {
    const { page, problems, release } = await heldPage(baseUrl);
    await page.locator('main[data-first-screen="shipped"] [data-testid="value-completion_rate"]').waitFor({
      timeout: 30_000,
    });
    // the engine is still starting: the status says so, the figures are not "ready", Open stays usable
    expect(await page.locator('[data-testid="load-status"]').count()).toBe(1);
    expect(await page.locator('main').getAttribute('data-ready')).toBe('false');
    expect(await page.getByRole('button', { name: 'Open files…' }).isDisabled()).toBe(false);
    const generation = await page.locator('[data-testid="dataset"]').getAttribute('data-generation');
    const header = await page.locator('[data-testid="dataset"]').textContent();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.chart-canvas')].length > 0 &&
        [...document.querySelectorAll('.chart-canvas')].every(
          (c) => c.getAttribute('data-rendered') === 'true',
        ),
      null,
      { timeout: 30_000 },
    );
    const shipped = await figures(page);
    expect(shipped.values.length).toBeGreaterThanOrEqual(9);

    await release();
    await waitReady(page);
    expect(await page.locator('main').getAttribute('data-first-screen')).toBeNull();
    const dataset = page.locator('[data-testid="dataset"]');
    expect(await dataset.getAttribute('data-from')).toBe('snapshot');
    expect(await dataset.getAttribute('data-generation')).toBe(generation);
    expect(await dataset.textContent()).toBe(header);
    expect(await figures(page)).toEqual(shipped);
    // and the live engine answers the figures anew for a state it was not shipped for
    await page.getByRole('link', { name: 'Retention' }).first().click();
    await waitReady(page);
    expect(await page.locator('[data-testid="value-retention_90"]').count()).toBeGreaterThan(0);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('is not used for another state: a filtered Overview waits for the engine', async () => {
    const { page, problems, release } = await heldPage(`${baseUrl}?level=op`);
    await page.locator('main').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid="load-status"]').count()).toBe(1);
    expect(await page.locator('[data-testid^="value-"]').count()).toBe(0);
    await release();
    await waitReady(page);
    expect(await page.locator('[data-testid="value-completion_rate"]').count()).toBeGreaterThan(0);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });
});
