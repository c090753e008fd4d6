import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VIEWS } from '../../web/src/state/app-state';
import { launch, waitReady } from './support/browser';

/**
 * Every view, compared by program, at a phone's width (390×844) and a laptop's (1440×900): the page
 * never scrolls sideways, nothing fixed or sticky sits over the figures, and no number in the
 * compare table or an at-risk row is cut. Screenshots of each land in test-output/screenshots/layout.
 */
const baseUrl = inject('baseUrl');
const SHOTS = resolve('test-output/screenshots/layout');
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1440, height: 900 },
] as const;

interface LayoutProblems {
  overflow: number;
  covering: string[];
  clipped: string[];
}

/** What the page does wrong at the current scroll position and width. */
function layoutProblems(): LayoutProblems {
  const doc = document.documentElement;
  const overflow = doc.scrollWidth - doc.clientWidth;
  const covering: string[] = [];
  const pinned = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
    const p = getComputedStyle(el).position;
    return (p === 'fixed' || p === 'sticky') && el.offsetParent !== null && !el.closest('table');
  });
  const figures = [...document.querySelectorAll<HTMLElement>('main .card, main .chart, main .data-table')];
  for (const pin of pinned) {
    const a = pin.getBoundingClientRect();
    if (a.width === 0 || a.height === 0 || a.bottom <= 0 || a.top >= window.innerHeight) continue;
    for (const f of figures) {
      const b = f.getBoundingClientRect();
      const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      if (overlap > 2 && across > 2 && !pin.contains(f) && !f.contains(pin))
        covering.push(`${pin.className || pin.tagName} over ${f.className}`);
    }
  }
  const clipped: string[] = [];
  const cells = document.querySelectorAll<HTMLElement>(
    '[data-testid="measure-compare"] th, [data-testid="measure-compare"] td, .at-risk td, .at-risk th, .measure-cell, .cell-detail',
  );
  for (const c of cells)
    if (c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).overflow !== 'visible')
      clipped.push(c.textContent ?? '');
  // A chart's text (axis labels, legends, the at-risk numbers) must lie inside its SVG, which clips.
  for (const svg of document.querySelectorAll<SVGSVGElement>('.chart-box svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1))
        clipped.push(`${svg.closest('figure')?.dataset.testid}: ${t.textContent}`);
    }
    // An axis label is shown whole (Vega ends a label cut at its limit with an ellipsis), and a
    // label written on lines of its own does not run into the next on its axis.
    const labels = [...svg.querySelectorAll('.role-axis-label text')].filter(
      (t) => getComputedStyle(t).opacity !== '0' && t.getBoundingClientRect().width > 0,
    );
    for (const t of labels)
      if (t.textContent?.endsWith('…'))
        clipped.push(`${svg.closest('figure')?.dataset.testid}: ${t.textContent}`);
    for (const a of labels)
      for (const b of labels) {
        const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        if (
          a !== b &&
          a.closest('.role-axis') === b.closest('.role-axis') &&
          ra.top < rb.top &&
          ra.bottom > rb.top + 1 &&
          ra.left < rb.right &&
          rb.left < ra.right
        )
          clipped.push(
            `${svg.closest('figure')?.dataset.testid}: ${a.textContent} runs into ${b.textContent}`,
          );
      }
    // Numbers on one line (the at-risk rows) must not run into each other.
    const boxes = [...svg.querySelectorAll('.mark-text.role-mark text')]
      .map((t) => ({ r: t.getBoundingClientRect(), text: t.textContent ?? '' }))
      .filter((b) => /^[\d,]+$/.test(b.text) && b.r.width > 0);
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b && Math.abs(a.r.top - b.r.top) < 2 && a.r.left < b.r.left && a.r.right > b.r.left + 1)
          clipped.push(`${svg.closest('figure')?.dataset.testid}: ${a.text} runs into ${b.text}`);
    const frame = svg.closest<HTMLElement>('.chart-box')!;
    if (frame.scrollWidth > frame.clientWidth + 1)
      clipped.push(`${svg.closest('figure')?.dataset.testid} scrolls`);
  }
  // The compare table shows every group: it fits, or says it scrolls and keeps its first column.
  for (const scroller of document.querySelectorAll<HTMLElement>(
    '[data-testid="measure-compare"] .table-scroll',
  )) {
    if (scroller.scrollWidth <= scroller.clientWidth + 1) continue;
    const cue = scroller.closest('.data-table')?.querySelector<HTMLElement>('.scroll-cue');
    const frozen = getComputedStyle(scroller.querySelector('tbody th')!).position === 'sticky';
    if (!cue || cue.offsetParent === null || !frozen || window.innerWidth >= 1200)
      clipped.push(`compare table hides ${scroller.scrollWidth - scroller.clientWidth} px of groups`);
  }
  return { overflow, covering, clipped };
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(SIZES)('at $name width ($width px)', (size) => {
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    page = await context.newPage();
    await page.goto(`${baseUrl}?by=program_id`);
    await waitReady(page);
  });
  afterAll(async () => {
    await page.context().close();
  });

  it.each(VIEWS.map((v) => v.id).filter((v) => v !== 'study'))(
    '%s reads without sideways scroll, cover or cut numbers',
    async (view) => {
      await page.locator(`[data-testid="nav-${view}"]`).first().click();
      await waitReady(page);
      await page.screenshot({ path: join(SHOTS, `${view}-${size.width}.png`), fullPage: true });
      const seen: LayoutProblems[] = [];
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < height; y += Math.round(size.height * 0.8)) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        seen.push(await page.evaluate(layoutProblems));
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      const overflow = Math.max(...seen.map((s) => s.overflow));
      const covering = [...new Set(seen.flatMap((s) => s.covering))];
      const clipped = [...new Set(seen.flatMap((s) => s.clipped))];
      expect(overflow, 'horizontal overflow (px)').toBeLessThanOrEqual(0);
      expect(covering, `covered by a fixed or sticky element: ${covering.join(' | ')}`).toEqual([]);
      expect(clipped, `clipped text: ${clipped.join(' | ')}`).toEqual([]);
    },
  );
});
