// usage: tsx test/shots.tmp.ts BASEURL OUTDIR
import { launch, waitReady } from './browser/support/browser';
const [base, out] = process.argv.slice(2);
const views = ['overview', 'retention', 'abstinence', 'step-down', 'cost', 'trends', 'programs', 'data-quality'];
const browser = await launch();
for (const width of [1440, 390]) {
  const page = await (await browser.newContext({ viewport: { width, height: 1000 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
  for (const v of views) {
    await page.goto(`${base}?view=${v}`);
    try { await waitReady(page, 180_000); } catch (e) { console.log(v, width, String(e).slice(0, 300)); }
    await page.screenshot({ path: `${out}/${v}-${width}.png`, fullPage: true });
    console.log('shot', v, width);
  }
}
await browser.close();
