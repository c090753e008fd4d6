import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitReady, watchedPage } from './support/browser';

/**
 * The sample's Overview draws from the answers shipped with it (web/src/engine/first-screen.ts)
 * before the engine is ready, says the engine is still starting, and its figures are the live
 * ones once it is. The snapshot's download is held back, so the engine cannot be ready early.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

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
