import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GOLDEN_DIR } from '../support/engines';
import { launch, waitReady, watchedPage, type PageProblems } from './support/browser';

const OUT = resolve('test-output/hardening');

/** Issue #15, as a person meets it in the built app. */
describe('hardening in the browser', () => {
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  const shots = async (name: string) => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: false });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  };
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launch();
    ({ page, problems } = await watchedPage(browser, inject('baseUrl')));
  });
  afterAll(async () => browser?.close());

  it('no Content-Security-Policy: the built app runs under one, eval and off-origin fetch refused', async () => {
    const html = readFileSync(resolve('dist/index.html'), 'utf8');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)?.[1]
      .replaceAll('&#39;', "'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline' *;? *script|script-src[^;]*unsafe-inline/);
    expect(policy).toContain("'wasm-unsafe-eval'");
    const response = await page.goto(`${inject('baseUrl')}?view=retention`);
    expect(response?.headers()['content-security-policy']).toBe(policy);
    await waitReady(page);
    expect(await page.locator('.chart-canvas[data-rendered="true"]').count()).toBeGreaterThan(0);
    const attempts = await page.evaluate(async () => {
      // From a timer task of the page's own: code that page.evaluate runs itself is DevTools', which
      // Chromium exempts from the policy's eval rule.
      const out = await new Promise<string[]>((done) =>
        setTimeout(() => {
          const tried: string[] = [];
          try {
            eval('1 + 1');
            tried.push('eval ran');
          } catch {
            tried.push('eval refused');
          }
          try {
            new Function('return 1')();
            tried.push('Function ran');
          } catch {
            tried.push('Function refused');
          }
          done(tried);
        }),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      out.push(
        (window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'inline ran' : 'inline refused',
      );
      await fetch('https://example.com/').then(
        () => out.push('fetch ran'),
        () => out.push('fetch refused'),
      );
      return out;
    });
    expect(attempts).toEqual(['eval refused', 'Function refused', 'inline refused', 'fetch refused']);
    expect(problems.offOrigin).toEqual([]);
    // The refusals above are the only CSP reports; the app itself broke no rule.
    const app = problems.consoleErrors.filter(
      (e) => !/example\.com|unsafe-eval|'eval'|EvalError|inline script/i.test(e),
    );
    expect(app).toEqual([]);
  });

  it('a stray % in a link: the page stays, the unreadable parts are named and dropped', async () => {
    problems.consoleErrors.length = 0;
    await page.goto(`${inject('baseUrl')}?view=retention&program=%25&from=2023-02-29&mat=%E0%A4%A`);
    await waitReady(page);
    const notice = page.locator('[data-testid="link-notice"]');
    await expect.poll(() => notice.textContent()).toMatch(/2023-02-29.*not a calendar date/);
    expect(await notice.textContent()).toMatch(/program: unreadable/);
    expect(await page.locator('[data-testid="nav-retention"][aria-current="page"]').count()).toBe(1);
    await shots('link-notice');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
  });

  it('the browser silently mixes two exports: a folder holding two is refused, naming them', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'iop-two-exports-'));
    try {
      cpSync(GOLDEN_DIR, join(parent, 'export-a'), { recursive: true });
      cpSync(GOLDEN_DIR, join(parent, 'export-b'), { recursive: true });
      rmSync(join(parent, 'export-b', 'episodes.parquet'));
      const generation = await page.locator('[data-testid="dataset"]').getAttribute('data-generation');
      await page.locator('[data-testid="open-folder"]').setInputFiles(parent);
      const failure = page.locator('[data-testid="load-failure"]');
      await expect
        .poll(() => failure.textContent(), { timeout: 30_000 })
        .toMatch(/2 exports, which are never mixed/);
      expect(await failure.textContent()).toMatch(/export-a: cost_rates\.parquet, drug_screens\.parquet/);
      expect(await failure.textContent()).toMatch(/export-b: cost_rates\.parquet/);
      // nothing was loaded: the previous export is still the one shown
      expect(await page.locator('[data-testid="dataset"]').getAttribute('data-generation')).toBe(generation);
      await shots('two-exports-refused');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('a corrupted page in encounters.parquet (decoded in the decode worker): named, the previous export kept, the next one opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-corrupted-'));
    try {
      cpSync(GOLDEN_DIR, dir, { recursive: true });
      const path = join(dir, 'encounters.parquet');
      const bytes = readFileSync(path);
      // the middle of its pages: the footer stays readable, decoding throws (snappy: corrupt input)
      bytes.fill(0x55, Math.floor(bytes.length * 0.6), Math.floor(bytes.length * 0.7));
      writeFileSync(path, bytes);
      const dataset = page.locator('[data-testid="dataset"]');
      const generation = await dataset.getAttribute('data-generation');
      await page.locator('[data-testid="open-folder"]').setInputFiles(dir);
      const failure = page.locator('[data-testid="load-failure"]');
      await expect
        .poll(() => failure.textContent(), { timeout: 120_000 })
        .toMatch(/encounters\.parquet is a corrupted Parquet file/);
      expect(await dataset.getAttribute('data-generation')).toBe(generation);
      // the decode worker still decodes: the intact export opens
      await page
        .locator('[data-testid="open-files"]')
        .setInputFiles(readdirSync(GOLDEN_DIR).map((f) => join(GOLDEN_DIR, f)));
      await expect.poll(() => dataset.textContent(), { timeout: 120_000 }).toContain('Your files (7)');
      await waitReady(page);
      expect(await page.locator('.chart-canvas[data-rendered="true"]').count()).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
