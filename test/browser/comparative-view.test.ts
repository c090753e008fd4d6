import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, seriousAxeViolations, waitReady, watchedPage } from './support/browser';

/** The dashboard's adjusted comparison: IOP against outpatient care on the sample data, live with the filters. */
const OUT = resolve('test-output/comparative');

describe('Comparative view', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  /** The view opened at `query`, once drawn, and its summary. */
  async function open(query: string) {
    const baseUrl = inject('baseUrl');
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(`${baseUrl}?${query}`);
    await waitReady(page);
    return { baseUrl, page, problems, summary: page.getByTestId('comparative-summary') };
  }

  it('shows the adjusted comparison and follows the filters', async () => {
    const { baseUrl, page, problems, summary } = await open('view=comparative');
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/Adjusted for case-mix/);
    const text = (await summary.textContent())!;
    expect(text).toMatch(/with IOP in every program/);
    expect(text).toMatch(/95% CI/);
    expect(text).toMatch(/E-value \d+\.\d\d/);
    await expect
      .poll(() => page.locator('[data-testid="comparative-forest"] svg').count(), { timeout: 60_000 })
      .toBe(1);
    await expect
      .poll(() => page.locator('[data-testid="comparative-plane"] svg').count(), { timeout: 60_000 })
      .toBe(1);
    expect(await page.locator('[data-testid="comparative-outcomes"] tbody tr').count()).toBe(6);
    await page.screenshot({ path: `${OUT}/view-1440.png`, fullPage: true });

    // one program's IOP against every program's outpatient care: a different, smaller arm
    await page.goto(`${baseUrl}?view=comparative&program=harbor`);
    await waitReady(page);
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/Harbor House IOP/);
    expect(await summary.textContent()).not.toBe(text);

    await page.setViewportSize({ width: 390, height: 900 });
    await page.waitForTimeout(500);
    await page.locator('[data-view="comparative"]').screenshot({ path: `${OUT}/view-390.png` });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('[data-view="comparative"] *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest('.table-scroll'))
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    expect(wide).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.offOrigin).toEqual([]);
  });

  it('a program ticked redraws the charts with the new figures in place, their axes following the data', async () => {
    const { page, problems, summary } = await open('view=comparative');
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/in every program/);
    const charts = ['forest', 'plane', 'ceac', 'balance', 'positivity'].map(
      (c) => `[data-testid="comparative-${c}"]`,
    );
    for (const c of charts) await expect.poll(() => page.locator(`${c} svg`).count()).toBe(1);
    // each chart's drawing marked, to tell a data update (the same SVG) from a chart embedded anew
    await page.evaluate((sels) => {
      for (const s of sels) document.querySelector(`${s} svg`)!.setAttribute('data-before', 'yes');
    }, charts);
    const axisLabels = (c: string) => page.locator(`${c} .role-axis-label text`).allTextContents();
    const balanceBefore = await axisLabels(charts[3]);
    const planeBefore = await axisLabels(charts[1]);

    await page.locator('[data-testid="filter-programs"] summary').click();
    await page.locator('[data-testid="filter-programs"] label:nth-of-type(1) input[type="checkbox"]').click();
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).not.toMatch(/in every program/);
    await waitReady(page);
    for (const c of charts)
      expect(await page.locator(`${c} svg[data-before="yes"]`).count(), `${c} drawn anew`).toBe(1);
    expect(await axisLabels(charts[3])).not.toEqual(balanceBefore);
    expect(await axisLabels(charts[1])).not.toEqual(planeBefore);
    expect(problems.consoleErrors).toEqual([]);
  });
});
