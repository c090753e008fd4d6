import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { launch, waitReady, watchedPage } from './support/browser';

/**
 * The Programs view asks, while the page is idle, for the cohorts one program ticked or unticked
 * away: a program then ticked is answered with no engine call, with the core's figures.
 */
const baseUrl = inject('baseUrl');
const sampleDir = inject('sampleDir');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Call = { kind: string; method?: string };

describe('prefetching on the Programs view', () => {
  it('a program ticked after a pause is answered from what was asked while idle', async () => {
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.addInitScript(() => {
      (globalThis as unknown as { __iopTiming: unknown[] }).__iopTiming = [];
    });
    await page.goto(`${baseUrl}?view=programs`);
    await waitReady(page);
    const programs = await page.locator('[data-testid="filter-programs"] input[type="checkbox"]').count();
    const engineCalls = () =>
      page.evaluate(() =>
        (globalThis as unknown as { __iopTiming: Call[] }).__iopTiming
          .filter((e) => e.kind === 'call')
          .map((e) => e.method),
      );
    // the view's own report and funnel, then a report and a funnel for each neighbouring cohort
    await page.waitForFunction(
      (n) =>
        ['report', 'funnel'].every(
          (method) =>
            (globalThis as unknown as { __iopTiming: Call[] }).__iopTiming.filter(
              (e) => e.kind === 'call' && e.method === method,
            ).length >=
            n + 1,
        ),
      programs,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(300);
    const before = (await engineCalls()).length;
    await page.locator('[data-testid="filter-programs"] summary').click();
    await page.locator('[data-testid="filter-programs"] input[type="checkbox"]').nth(1).check();
    await waitReady(page);
    // then the new cohort's neighbours are asked, but for the one it came from (cached): a report
    // and a funnel for each other program, and nothing for the cohort shown
    const expected = 2 * (programs - 1);
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as { __iopTiming: Call[] }).__iopTiming.filter((e) => e.kind === 'call')
          .length >= n,
      before + expected,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(500);
    const after = (await engineCalls()).slice(before);
    expect(after).toHaveLength(expected);
    expect(after.filter((m) => m === 'report')).toHaveLength(programs - 1);
    // and the table is the core's for that one program
    const chosen = new URL(page.url()).searchParams.get('program')!;
    const session = await OutcomeSession.open(
      await NativeConnector.open(),
      await exportFolderFiles(sampleDir),
    );
    const report = await session.report({ level: 'iop', programs: [chosen] });
    await session.conn.close();
    const rows = page.locator('[data-testid="programs-table"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(
      report.programs[chosen].episodes.toLocaleString('en-US'),
    );
    expect(problems).toEqual({ consoleErrors: [], offOrigin: [] });
  });
});
