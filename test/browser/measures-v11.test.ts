import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import type { QuarterRate, Report } from '../../core/measures/types';
import type { Overdispersion } from '../../core/stats/overdispersion';
import type { ModelDiagnostics } from '../../core/measures/risk';
import { formatDetail, formatValue } from '../../core/render';
import {
  formatCount,
  formatDecimal,
  formatNumber2,
  formatPercent,
  formatPercentBare,
} from '../../core/render';
import { pChart } from '../../core/stats/p-chart';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { launch, waitReady, watchedPage, type PageProblems } from './support/browser';
import { BY_PROGRAM, expectNoPageProblems, IOP, OVERALL } from './support/figures';

/**
 * The v1.1 figures on the dashboard (retention labelled "not dropped out" beside the in-treatment
 * curve, RMST and differences, the payers' follow-up card, cost intervals, the over-dispersion-aware
 * funnel with the model's diagnostics, the quarterly p-charts) equal the core's on native DuckDB.
 * Screenshots of each view at 1440 and 390 px land in test-output/screenshots/v11.
 */
const baseUrl = inject('baseUrl');
const sampleDir = inject('sampleDir');
const SHOTS = resolve('test-output/screenshots/v11');

let browser: Browser;
let page: Page;
let problems: PageProblems;
let conn: NativeConnector;
let core: OutcomeSession;
let report: Report;

const text = (sel: string) => page.locator(sel).first().textContent();
const cardText = (name: string) => page.locator(`.card[data-measure="${name}"]`).first().textContent();

async function go(view: string, search = '') {
  await page.goto(`${baseUrl}?view=${view}${search}`);
  await waitReady(page);
}

async function shots(name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await waitReady(page);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await waitReady(page);
}

describe('measures v1.1 on the dashboard', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    conn = await NativeConnector.open();
    core = await OutcomeSession.open(conn, await exportFolderFiles(sampleDir));
    report = await core.report(IOP);
    browser = await launch();
    ({ page, problems } = await watchedPage(browser, baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await conn?.close();
  });

  it('retention: "not dropped out" cards with RMST, the in-treatment curve and cards beside it', async () => {
    await go('retention');
    const m = (await core.grouped(IOP, OVERALL)).measures.get('overall')!;
    for (const name of ['retention_90', 'rmst_retention_90', 'in_treatment_30', 'in_treatment_90']) {
      const shown = page.locator(`[data-testid="value-${name}"]`).first();
      expect(await shown.textContent(), name).toBe(
        formatValue(m[name], name.startsWith('rmst') ? 'days' : 'percent'),
      );
      expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(
        (m[name] as { value: number }).value,
        9,
      );
    }
    expect(await cardText('rmst_retention_90')).toContain(
      formatDetail(m.rmst_retention_90, 'rmst_retention_90'),
    );
    expect(await cardText('retention_90')).toContain('Not dropped out by day 90');
    expect(await page.locator('[data-testid="chart-in-treatment"]').count()).toBe(1);
    expect(await text('[data-testid="chart-km"] .chart-title')).toBe('Not dropped out');
    await shots('retention');
  });

  it('retention compared by program: day-90 and RMST differences against the first program, as the core', async () => {
    await go('retention', '&by=program_id');
    const diffs = await core.retentionDifferences(IOP, BY_PROGRAM);
    const rows = await page.locator('[data-testid="retention-differences"] tbody tr').allTextContents();
    expect(rows).toHaveLength(diffs.length);
    diffs.forEach((d, i) => {
      expect(rows[i]).toContain(
        `${formatDecimal(d.rmstDifference!.value, 1)} days (${formatDecimal(d.rmstDifference!.lower, 1)} to ${formatDecimal(d.rmstDifference!.upper, 1)})`,
      );
      if (d.difference90)
        expect(rows[i]).toContain(
          `${formatPercentBare(d.difference90.value)} points (${formatPercentBare(d.difference90.lower)} to ${formatPercentBare(d.difference90.upper)})`,
        );
    });
    await shots('retention-by-program');
  });

  it('step-down: the payers’ follow-up card, of all discharges, with its denominators', async () => {
    await go('step-down');
    const m = (await core.grouped(IOP, OVERALL)).measures.get('overall')!;
    for (const name of ['continuity_7_all', 'continuity_30_all']) {
      const card = (await cardText(name)) ?? '';
      expect(card).toContain(`Follow-up after discharge, any level, within ${name.split('_')[1]} days`);
      expect(card).toContain(formatValue(m[name], 'percent'));
      expect(card).toContain(`n = ${formatCount((m[name] as { denominator: number }).denominator)}`);
    }
    await shots('step-down');
  });

  it('cost: intervals on cost per episode, completer and abstinent discharge, whole dollars', async () => {
    await go('cost');
    const m = (await core.grouped(IOP, OVERALL)).measures.get('overall')!;
    for (const name of ['cost_per_episode', 'cost_per_completer', 'cost_per_abstinent']) {
      const card = (await cardText(name)) ?? '';
      const detail = formatDetail(m[name], name);
      expect(detail, name).toMatch(/^\(\$[\d,]+–\$[\d,]+\)/);
      expect(card).toContain(`${formatValue(m[name], 'money')} ${detail}`);
    }
    await shots('cost');
  });

  it('programs: z and adjusted z as the core; the funnel on standardised rates with φ, τ² and the model’s diagnostics', async () => {
    await go('programs');
    const ids = Object.keys(report.risk_adjusted);
    const zs = await page.locator('[data-testid="program-z_adjusted"]').allTextContents();
    const want = ids
      .map((id) => report.risk_adjusted[id].z_adjusted)
      .filter((z): z is number => z !== null)
      .map((z) => z.toFixed(2).replace('-', '\u2212'))
      .sort();
    expect([...zs].sort()).toEqual(want);
    const od = report.overdispersion!;
    const dispersion = (await text('[data-testid="funnel-dispersion"]')) ?? '';
    expect(dispersion).toContain(`φ = ${formatNumber2(od.phi)}`);
    expect(dispersion).toContain(`τ² = ${formatDecimal(od.tau2, 4)}`);
    const model = (await text('[data-testid="funnel-model"]')) ?? '';
    expect(model).toContain(`c-statistic ${formatNumber2(report.risk_model!.c_statistic)}`);
    expect(model).toContain(`Brier score ${formatDecimal(report.risk_model!.brier, 3)}`);
    // Every program's standardised rate, and the verdict drawn only outside the adjusted limits.
    const summary = await page.locator('[data-testid="chart-funnel"] tbody tr').allTextContents();
    for (const id of ids) {
      const r = report.risk_adjusted[id];
      if (r.standardized_rate === null) continue;
      expect(summary.some((row) => row.includes(formatPercent(r.standardized_rate)))).toBe(true);
    }
    const outside = summary.filter((row) => !row.includes('within the 95% limits')).length;
    const tau2 = od.tau2 ?? 0;
    expect(outside).toBe(
      ids.filter((id) => {
        const z = tau2 > 0 ? report.risk_adjusted[id].z_adjusted : report.risk_adjusted[id].z;
        return z !== null && Math.abs(z) > 1.959963984540054;
      }).length,
    );
    // Program names drawn beside their points, no two overlapping (the sample's two programs of
    // about 850 discharges near the cohort's rate ran into each other before the label transform)
    const names = await page
      .locator('[data-testid="chart-funnel"] .funnel_points_labels text')
      .evaluateAll((els) =>
        els
          .filter(
            (el) =>
              el.textContent && getComputedStyle(el).opacity !== '0' && el.getAttribute('opacity') !== '0',
          )
          .map((el) => {
            const b = el.getBoundingClientRect();
            return { text: el.textContent!, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
          }),
      );
    expect(names.length).toBeGreaterThan(1);
    for (const a of names)
      for (const b of names)
        if (a !== b)
          expect(
            a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
            `${a.text} / ${b.text}`,
          ).toBe(true);
    await shots('programs');

    await page.locator('[data-testid="funnel-outcome"]').selectOption('abstinent_final30_mip');
    await waitReady(page);
    const abst = report.risk_adjusted_outcomes!.abstinent_final30_mip as Record<string, unknown>;
    const aod = abst.overdispersion as Overdispersion;
    expect(await text('[data-testid="funnel-dispersion"]')).toContain(`φ = ${formatNumber2(aod.phi)}`);
    expect(await text('[data-testid="funnel-model"]')).toContain(
      `c-statistic ${formatNumber2((abst.risk_model as ModelDiagnostics).c_statistic)}`,
    );
    await shots('programs-abstinence');
  });

  it('trends: one p-chart per program, centre line and 3-sigma limits from the core’s quarterly series', async () => {
    await go('trends');
    const grouped = await core.grouped(IOP, BY_PROGRAM);
    const series = grouped.groups
      .map((g) => grouped.measures.get(g)!.completion_by_quarter)
      .filter((v): v is QuarterRate[] => Array.isArray(v) && v.length > 0);
    const charts = page.locator('[data-testid="chart-p"]');
    expect(await charts.count()).toBe(series.length);
    for (let i = 0; i < series.length; i++) {
      const chart = pChart(series[i]);
      const rows = await charts.nth(i).locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(chart.points.length);
      chart.points.forEach((p, j) =>
        expect(rows[j]).toBe(
          [
            series[i][j].quarter,
            formatPercent(p.value),
            formatCount(p.n),
            formatPercent(p.lower),
            formatPercent(p.upper),
            p.signal ? 'outside the limits' : 'within the limits',
          ].join(''),
        ),
      );
      expect(await charts.nth(i).textContent()).toContain(`(${formatPercent(chart.centre)} of`);
    }
    await shots('trends');
    expectNoPageProblems(problems);
  });
});
