import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { launch, seriousAxeViolations, waitReady, watchedPage } from './support/browser';

/** The step-down view's "what came after discharge" bars and their text table equal the core's counts. */
const SHOTS = resolve('test-output/screenshots');

describe('step-down view: transitions after discharge', () => {
  let browser: Browser;
  let conn: NativeConnector;
  let sample: OutcomeSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    conn = await NativeConnector.open();
    sample = await OutcomeSession.open(conn, await exportFolderFiles(inject('sampleDir')));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await conn?.close();
  });

  it('draws one stacked bar per program with the core counts in its text alternative', async () => {
    const baseUrl = inject('baseUrl');
    const { page, problems } = await watchedPage(browser, baseUrl);
    await page.goto(`${baseUrl}?view=step-down&by=program_id`);
    await waitReady(page);
    const series = await sample.series({ level: 'iop' }, { kind: 'by', column: 'program_id' }, 0);
    const t = series.transitions_after_discharge;
    if (!('rows' in t)) throw new Error('transitions not available on the sample');
    const chart = page.locator('[data-testid="chart-transitions"]');
    expect(await chart.locator('.chart-title').textContent()).toBe('What came after discharge');
    expect(await chart.locator('svg .mark-rect path').count()).toBeGreaterThanOrEqual(
      t.rows.filter((r) => r.episodes > 0).length,
    );
    const cells = await chart
      .locator('.sr-only tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent ?? '')),
      );
    expect(cells).toHaveLength(t.rows.length);
    const shownTotal = cells.reduce((s, c) => s + Number(c[2].replaceAll(',', '')), 0);
    expect(shownTotal).toBe(t.rows.reduce((s, r) => s + r.episodes, 0));
    const stepDowns = cells.filter((c) => c[1] === 'Step-down').map((c) => Number(c[2].replaceAll(',', '')));
    const grouped = await sample.grouped({ level: 'iop' }, { kind: 'by', column: 'program_id' });
    expect(stepDowns).toEqual(
      grouped.groups.map((g) => (grouped.measures.get(g)!.step_down_rate as { numerator: number }).numerator),
    );
    await chart.screenshot({ path: join(SHOTS, 'step-down-transitions.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.offOrigin).toEqual([]);
  });
});
