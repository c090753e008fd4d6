import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Cohort, Grouping } from '../../core/cohort/types';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import { publishReport } from '../../core/privacy/publish-report';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import type { Unit } from '../../core/catalogue';
import { GOLDEN_DIR } from '../support/engines';
import { launch, seriousAxeViolations, waitReady, watchedPage, type PageProblems } from './support/browser';
import { expectNoPageProblems, expectShown, IOP, OVERALL, shown } from './support/figures';

/**
 * The dashboard, built and served by `vite preview`, in headless Chromium: every view, a filter,
 * a comparison, a link with state, the user's own export and a broken one. Figures on screen are
 * checked against the core on native DuckDB for the same data and cohort. Any console error or
 * request off the page's origin fails; so do serious axe-core violations.
 */
const baseUrl = inject('baseUrl');
const sampleDir = inject('sampleDir');
const SHOTS = resolve('test-output/screenshots');
const VIEWS = [
  'overview',
  'retention',
  'abstinence',
  'step-down',
  'cost',
  'programs',
  'data-quality',
] as const;

let browser: Browser;
let page: Page;
let problems: PageProblems;
let sample: OutcomeSession;
let golden: OutcomeSession;
const natives: NativeConnector[] = [];

async function nativeSession(dir: string): Promise<OutcomeSession> {
  const conn = await NativeConnector.open();
  natives.push(conn);
  return OutcomeSession.open(conn, await exportFolderFiles(dir));
}

/** Opens files with the file picker and waits until they loaded (or failed to). */
async function openFiles(paths: string[] | string, input: 'open-files' | 'open-folder' = 'open-files') {
  const generation = await page.locator('[data-testid="dataset"]').getAttribute('data-generation');
  await page.locator(`[data-testid="${input}"]`).setInputFiles(paths);
  await page.waitForFunction(
    (g) =>
      document.querySelector('[data-testid="dataset"]')?.getAttribute('data-generation') !== g ||
      !!document.querySelector('[data-testid="load-failure"]'),
    generation,
    { timeout: 120_000 },
  );
  await waitReady(page);
}

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const HEADLINE: [string, Unit][] = [
  ['completion_rate', 'percent'],
  ['retention_30', 'percent'],
  ['retention_90', 'percent'],
  ['attendance_rate', 'percent'],
  ['abstinent_final30_cc', 'percent'],
  ['abstinent_final30_mip', 'percent'],
  ['step_down_rate', 'percent'],
  ['cost_per_completer', 'money'],
];

async function expectHeadline(cohort: Cohort, grouping: Grouping, session = sample) {
  const expected = await session.grouped(cohort, grouping);
  for (const [name, unit] of HEADLINE) {
    const figures = await shown(page, name);
    expect(figures, name).toHaveLength(expected.groups.length);
    expected.groups.forEach((g, i) => expectShown(figures[i], expected.measures.get(g)?.[name], unit));
  }
  return expected;
}

async function expectAccessible(where: string) {
  const violations = await seriousAxeViolations(page);
  expect(
    violations.map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

describe('dashboard in Chromium', () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    [sample, golden] = await Promise.all([nativeSession(sampleDir), nativeSession(GOLDEN_DIR)]);
    browser = await launch();
    ({ page, problems } = await watchedPage(browser, baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    for (const c of natives) await c.close();
  });

  it('opens on the sample data and shows the core’s figures for the IOP cohort', async () => {
    await page.goto(baseUrl);
    await waitReady(page);
    expect(await page.locator('[data-testid="dataset"]').textContent()).toContain('Sample data');
    // opened from its pre-validated snapshot, yet the figures are the core's on the sample's files
    expect(await page.locator('[data-testid="dataset"]').getAttribute('data-from')).toBe('snapshot');
    expect(await page.getByText('Your data never leaves this machine').count()).toBe(1);
    const expected = await expectHeadline(IOP, OVERALL);
    expect(await page.locator('.view-intro').textContent()).toContain(
      `${expected.episodes.get('overall')!.toLocaleString('en-US')} episodes`,
    );
    await shot('overview');
    await expectAccessible('overview');
    expectNoPageProblems(problems);
  });

  it('switches to every view, each with its figures and drawn charts', async () => {
    for (const view of VIEWS) {
      await page.locator(`[data-testid="nav-${view}"]`).click();
      await waitReady(page);
      expect(new URL(page.url()).searchParams.get('view') ?? 'overview').toBe(view);
      expect(await page.locator(`[data-view="${view}"]`).count()).toBe(1);
      for (const chart of await page.locator('.chart-canvas').all()) {
        expect(
          await chart
            .locator(
              'svg .mark-symbol path, svg .mark-line path, svg .mark-rect path, svg .mark-area path, svg .mark-rule line',
            )
            .count(),
        ).toBeGreaterThan(0);
      }
      await shot(view);
      await expectAccessible(view);
    }
    // Spot checks per view against the core.
    const grouped = await sample.grouped(IOP, OVERALL);
    const m = grouped.measures.get('overall')!;
    await page.locator('[data-testid="nav-retention"]').click();
    await waitReady(page);
    expectShown((await shown(page, 'retention_60'))[0], m.retention_60, 'percent');
    expect(
      await page.locator('[data-testid="chart-km"] svg text', { hasText: 'Number at risk' }).count(),
    ).toBe(1);
    await page.locator('[data-testid="nav-step-down"]').click();
    await waitReady(page);
    expectShown((await shown(page, 'continuity_14'))[0], m.continuity_14, 'percent');
    await page.locator('[data-testid="nav-programs"]').click();
    await waitReady(page);
    const report = await sample.report(IOP);
    expect(await page.locator('[data-testid="programs-table"] tbody tr').count()).toBe(
      Object.keys(report.programs).length,
    );
    await page.locator('[data-testid="programs-table"] input[type="search"]').fill('zzz-no-such-program');
    expect(await page.locator('[data-testid="programs-table"] tbody tr').first().textContent()).toBe(
      'No rows.',
    );
    await page.locator('[data-testid="programs-table"] input[type="search"]').fill('');
    // Downloads carry the core's published report (privacy rule applied), never client rows.
    const published = publishReport(report);
    const csvDownload = page.waitForEvent('download');
    await page.locator('[data-testid="programs-csv"]').click();
    const lines = readFileSync((await (await csvDownload).path())!, 'utf8')
      .trim()
      .split(/\r\n/);
    expect(lines[0].split(',').slice(0, 8)).toEqual([
      'program_id',
      'program_name',
      'episodes',
      'completion_rate',
      'completion_rate_lower',
      'completion_rate_upper',
      'completion_rate_numerator',
      'completion_rate_denominator',
    ]);
    expect(lines).toHaveLength(Object.keys(report.programs).length + 1);
    const [firstId] = Object.keys(published.programs);
    const firstRow = lines.find((l) => l.startsWith(`${firstId},`))!.split(',');
    const completion = published.programs[firstId].measures.completion_rate as { numerator: number | string };
    expect(firstRow[2]).toBe(String(published.programs[firstId].episodes));
    expect(firstRow[6]).toBe(String(completion.numerator));
    const jsonDownload = page.waitForEvent('download');
    await page.locator('[data-testid="report-json"]').click();
    const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as typeof published;
    expect(json.privacy).toEqual(published.privacy);
    expect(json.cohort).toEqual(published.cohort);
    expect(Object.keys(json.programs)).toEqual(Object.keys(published.programs));
    expect((json.measures.completion_rate as { value: number }).value).toBeCloseTo(
      (published.measures.completion_rate as { value: number }).value,
      9,
    );
    await page.locator('[data-testid="nav-data-quality"]').click();
    await waitReady(page);
    expect(await page.locator('[data-testid="dq-errors"]').textContent()).toBe(
      String(sample.loaded.validation.errors.length),
    );
    expect(await page.locator('[data-testid="dq-warnings"]').textContent()).toBe(
      String(sample.loaded.validation.warnings.length),
    );
    expectNoPageProblems(problems);
  });

  it('works from the keyboard: skip link, view links, filter checkboxes', async () => {
    await page.locator('[data-testid="nav-overview"]').click();
    await waitReady(page);
    // Tabbing starts from the top of the page (the figures themselves hold links).
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the figures');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.locator('[data-testid="nav-abstinence"]').focus();
    await page.keyboard.press('Enter');
    await waitReady(page);
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('Abstinence');
    const housing = page.locator('[data-testid="filter-housing"]');
    await housing.locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
    await page.keyboard.press('Space');
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get('housing')).toBe('stable');
    await page.keyboard.press('Space');
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get('housing')).toBeNull();
    expectNoPageProblems(problems);
  });

  it('applies a filter and a comparison, and the figures follow the core', async () => {
    await page.locator('[data-testid="nav-overview"]').click();
    await waitReady(page);
    const sex = page.locator('[data-testid="filter-sex"]');
    await sex.locator('summary').click();
    await sex.getByLabel('Female', { exact: true }).check();
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get('sex')).toBe('female');
    const women: Cohort = { level: 'iop', filters: { sex: ['female'] } };
    await expectHeadline(women, OVERALL);

    await page.locator('[data-testid="compare-select"]').selectOption('preset:mat');
    await waitReady(page);
    const mat: Grouping = {
      kind: 'sets',
      sets: [
        {
          label: 'MAT',
          cohort: {
            ...women,
            filters: { sex: ['female'], mat: ['buprenorphine', 'methadone', 'naltrexone', 'other'] },
          },
        },
        { label: 'No MAT', cohort: { ...women, filters: { sex: ['female'], mat: [null] } } },
      ],
    };
    await expectHeadline(women, mat);
    expect(await page.locator('[data-measure="completion_rate"] .card-group').allTextContents()).toEqual([
      'MAT',
      'No MAT',
    ]);
    await shot('overview-women-mat-vs-no-mat');
    await expectAccessible('comparison');

    await page.locator('[data-testid="compare-select"]').selectOption('by:program_id');
    await waitReady(page);
    const byProgram = await sample.grouped(women, { kind: 'by', column: 'program_id' });
    const completion = await shown(page, 'completion_rate');
    expect(completion).toHaveLength(byProgram.groups.length);
    byProgram.groups.forEach((g, i) =>
      expectShown(completion[i], byProgram.measures.get(g)?.completion_rate, 'percent'),
    );
    await shot('overview-by-program');
    expectNoPageProblems(problems);
  });

  it('reopens the same view, filters and comparison from a link', async () => {
    const link = `${baseUrl}?view=retention&sex=female&set=MAT|mat:buprenorphine,methadone,naltrexone,other&set=No%20MAT|mat:none`;
    await page.goto(link);
    await waitReady(page);
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('Retention');
    expect(await page.locator('[data-testid="filter-sex"] .facet-value').textContent()).toBe('Female');
    const women: Cohort = { level: 'iop', filters: { sex: ['female'] } };
    const sets: Grouping = {
      kind: 'sets',
      sets: [
        {
          label: 'MAT',
          cohort: {
            ...women,
            filters: { sex: ['female'], mat: ['buprenorphine', 'methadone', 'naltrexone', 'other'] },
          },
        },
        { label: 'No MAT', cohort: { ...women, filters: { sex: ['female'], mat: [null] } } },
      ],
    };
    const expected = await sample.grouped(women, sets);
    const r30 = await shown(page, 'retention_30');
    expected.groups.forEach((g, i) => expectShown(r30[i], expected.measures.get(g)?.retention_30, 'percent'));
    const lr = await sample.logRank(women, sets);
    expect(lr).not.toBeNull();
    expect(await page.locator('[data-testid="logrank"]').textContent()).toContain(`df = ${lr!.df}`);
    await shot('retention-link-with-state');
    // Back restores the previous state (history entries, not just the URL).
    await page.locator('[data-testid="nav-cost"]').click();
    await waitReady(page);
    await page.goBack();
    await waitReady(page);
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('Retention');
    expectNoPageProblems(problems);
  });

  it('opens the user’s own export from the file picker and shows its figures', async () => {
    await page.goto(baseUrl);
    await waitReady(page);
    const files = readdirSync(GOLDEN_DIR).map((f) => join(GOLDEN_DIR, f));
    await openFiles(files);
    expect(await page.locator('[data-testid="dataset"]').textContent()).toContain('Your files (7)');
    await expectHeadline(IOP, OVERALL, golden);
    // The golden fixture's completion rate, computed independently in R: 90 / 254.
    expect((await shown(page, 'completion_rate'))[0].value).toBeCloseTo(90 / 254, 9);
    await shot('own-export-golden');
    expectNoPageProblems(problems);
  });

  it('opens files dropped on the page', async () => {
    const files = readdirSync(GOLDEN_DIR).map((name) => ({
      name,
      base64: readFileSync(join(GOLDEN_DIR, name)).toString('base64'),
    }));
    const generation = await page.locator('[data-testid="dataset"]').getAttribute('data-generation');
    await page.evaluate((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name));
      }
      const target = document.querySelector('.app')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForFunction(
      (g) => document.querySelector('[data-testid="dataset"]')?.getAttribute('data-generation') !== g,
      generation,
      { timeout: 120_000 },
    );
    await waitReady(page);
    await page.locator('[data-testid="nav-overview"]').click();
    await waitReady(page);
    await expectHeadline(IOP, OVERALL, golden);
    expectNoPageProblems(problems);
  });

  it('shows a clear message for a broken export and keeps the previous data in use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-broken-'));
    try {
      copyFileSync(join(GOLDEN_DIR, 'programs.parquet'), join(dir, 'programs.parquet'));
      writeFileSync(join(dir, 'episodes.parquet'), 'episode_id,client_id\n1,2\n');
      const before = await shown(page, 'completion_rate');
      await openFiles([join(dir, 'programs.parquet'), join(dir, 'episodes.parquet')]);
      const failure = page.locator('[data-testid="load-failure"]');
      expect(await failure.textContent()).toContain('episodes.parquet is not a Parquet file');
      expect(await failure.textContent()).toContain('Still showing: Your files (7)');
      expect(await page.locator('[data-testid="dataset"]').textContent()).toContain('Your files (7)');
      expect(await shown(page, 'completion_rate')).toEqual(before);
      // The previous export still answers new questions.
      await page.locator('[data-testid="nav-retention"]').click();
      await waitReady(page);
      const golden30 = (await golden.grouped(IOP, OVERALL)).measures.get('overall')!.retention_30;
      expectShown((await shown(page, 'retention_30'))[0], golden30, 'percent');
      await shot('broken-export-message');
      await expectAccessible('broken export');
      expectNoPageProblems(problems);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists validation warnings with their counts and examples on the data-quality view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-warnings-'));
    const conn = await NativeConnector.open();
    try {
      for (const f of readdirSync(GOLDEN_DIR))
        if (f !== 'episodes.parquet') copyFileSync(join(GOLDEN_DIR, f), join(dir, f));
      const src = join(GOLDEN_DIR, 'episodes.parquet').replaceAll("'", "''");
      const out = join(dir, 'episodes.parquet').replaceAll("'", "''");
      // Three episodes with a sex outside the code list: a warning, the rows left out of the measures.
      await conn.exec(`COPY (SELECT * REPLACE (CASE WHEN episode_id IN (SELECT episode_id FROM read_parquet('${src}') ORDER BY episode_id LIMIT 3)
        THEN 'unrecorded' ELSE sex END AS sex) FROM read_parquet('${src}')) TO '${out}' (FORMAT parquet)`);
      const session = await OutcomeSession.open(conn, await exportFolderFiles(dir));
      const warnings = session.loaded.validation.warnings;
      expect(warnings.length).toBeGreaterThan(0);
      // The folder picker this time (webkitdirectory): the folder's name labels the export.
      await openFiles(dir, 'open-folder');
      expect(await page.locator('[data-testid="load-failure"]').count()).toBe(0);
      expect(await page.locator('[data-testid="dataset"]').textContent()).toContain(basename(dir));
      await page.locator('[data-testid="nav-data-quality"]').click();
      await waitReady(page);
      expect(await page.locator('[data-testid="dq-warnings"]').textContent()).toBe(String(warnings.length));
      const rows = page.locator('[data-testid="dq-findings"] tbody tr');
      expect(await rows.count()).toBe(warnings.length);
      const sexRule = warnings.find((w) => w.column === 'sex')!;
      expect(sexRule.count).toBe(3);
      const row = rows.filter({ hasText: sexRule.message });
      expect(await row.locator('td.num').textContent()).toBe('3');
      expect(await row.textContent()).toContain(sexRule.examples.join(', '));
      // The measures leave the three episodes out, as the core does.
      await page.locator('[data-testid="nav-overview"]').click();
      await waitReady(page);
      await expectHeadline(IOP, OVERALL, session);
      await page.locator('[data-testid="nav-data-quality"]').click();
      await waitReady(page);
      await shot('data-quality-warnings');
      await expectAccessible('data quality with warnings');
      expectNoPageProblems(problems);
    } finally {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
