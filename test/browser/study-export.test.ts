import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import { buildStudy } from '../../core/study/build';
import { studyExports } from '../../core/study/exports';
import { describeInputs } from '../../core/study/inputs';
import type { StudyRequest } from '../../core/study/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { GOLDEN_DIR } from '../support/engines';
import { launch } from './support/browser';

/**
 * The exported HTML on its own: opened from disk in Chromium it makes no request besides
 * itself and logs no error, fits a printed page, and prints to PDF (pages kept as PNG under
 * test-output/study/ for a person to look at).
 */
const OUT = resolve('test-output/study');
const STUDIES: Record<string, StudyRequest> = {
  'northside-vs-others': { programs: ['northside'], comparator: { kind: 'others' }, level: 'iop' },
  'harbor-vs-outpatient': { programs: ['harbor'], comparator: { kind: 'outpatient' }, level: 'iop' },
  'summit-vs-external': {
    programs: ['summit'],
    comparator: {
      kind: 'external',
      label: 'national IOP discharges',
      source: 'TEDS-D 2019 public-use file, IOP discharges',
      figures: [{ measure: 'completion_rate', value: 0.41, numerator: 41000, denominator: 100000 }],
    },
    level: 'iop',
  },
};

describe('exported study HTML in Chromium', () => {
  let browser: Browser;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const conn = await NativeConnector.open();
    try {
      const exportFiles = await exportFolderFiles(GOLDEN_DIR);
      const session = await OutcomeSession.open(conn, exportFiles);
      const inputs = {
        files: await describeInputs(exportFiles, session.loaded.rowCounts),
        productVersion: 'test',
      };
      for (const [name, request] of Object.entries(STUDIES)) {
        const { html } = await studyExports(await buildStudy(session, request, inputs));
        files[name] = join(OUT, `${name}.html`);
        writeFileSync(files[name], html);
      }
    } finally {
      await conn.close();
    }
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it.each(Object.keys(STUDIES))('%s opens with no request, no error, and prints', async (name) => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const url = pathToFileURL(files[name]).href;
    await page.goto(url);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(
      name.endsWith('external') ? 1 : 2,
    );
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Summary',
      ...(STUDIES[name].comparator.kind === 'outpatient' ? ['Adjusted comparison with outpatient care'] : []),
      'Design',
      'Participants (Table 1)',
      'Outcomes',
      'Adjusted comparison',
      'Cost',
      'Limitations',
      'Reproducibility',
      'Definitions',
    ]);

    // Printed width of A4 less the margins: nothing may stick out.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 686, height: 1000 });
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('table, figure, pre, dl')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => `${el.tagName}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(overflow).toEqual([]);

    const pdf = join(OUT, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(OUT, name)]);
    const pages = readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(requests).toEqual([url]);
    await context.close();
  });
});
