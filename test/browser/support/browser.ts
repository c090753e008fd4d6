import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Everything a page did that a test must fail on: console errors, uncaught errors, requests off its origin. */
export interface PageProblems {
  consoleErrors: string[];
  offOrigin: string[];
}

export async function watchedPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const problems: PageProblems = { consoleErrors: [], offOrigin: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.consoleErrors.push(`pageerror: ${e.message}`));
  // Requests from the page and from its workers.
  context.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.offOrigin.push(url);
  });
  return { page, problems };
}

/** Everything settled: an export loaded, no engine call or chart render pending, every chart drawn. */
const settled = () =>
  !!document.querySelector('main[data-ready="true"]') &&
  !document.querySelector('[data-testid="load-status"]') &&
  [...document.querySelectorAll('.chart-canvas')].every((c) => c.getAttribute('data-rendered') === 'true');

/** Waits until the app is settled and stays so for a moment (a filter change runs queries, then renders). */
export async function waitReady(page: Page, timeout = 120_000) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await page.waitForFunction(settled, null, { timeout: Math.max(1000, until - Date.now()) });
    } catch (err) {
      const state = await page.evaluate(() => ({
        failure: document.querySelector('[data-testid="load-failure"]')?.textContent ?? null,
        loading: document.querySelector('[data-testid="load-status"]')?.textContent ?? null,
        busy: document.querySelector('main')?.getAttribute('aria-busy') ?? null,
        charts: [...document.querySelectorAll('.chart-canvas')].map((c) => c.getAttribute('data-rendered')),
      }));
      throw new Error(`the page did not settle: ${JSON.stringify(state)}`, { cause: err });
    }
    await page.waitForTimeout(400);
    if (await page.evaluate(settled)) return;
  }
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not an inline <script>: the app's CSP refuses inline scripts.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
