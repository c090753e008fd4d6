/**
 * One Chromium benchmark run of the production build:
 *   tsx test/bench/browser-one.ts <export folder>
 * Builds the app with the export as its sample (IOP_SAMPLE_DIR; IOP_SAMPLE_SNAPSHOT=0 without its
 * pre-validated snapshot, so it loads as a user's export would), serves the build from a static
 * server, opens it in headless Chromium and prints one JSON line of seconds: first figures (a
 * measure card's value on screen) and ready (every chart drawn) from navigation start, a program
 * ticked on Overview, the switch to Retention, a program ticked there (then, for each view of
 * IOP_BENCH_VIEWS, the switch to it, a third program ticked there, then a fourth and fifth at
 * once), and the peak resident memory of every Chromium process (JS heaps, the engine worker's
 * wasm heap, the renderer).
 * A load that fails, crashes or does not settle within IOP_BENCH_TIMEOUT_MIN minutes (default 40)
 * prints instead a JSON line with `failed` and the page at that moment: its load status text and
 * progress, the failure text, console/worker errors, and Chromium's memory then and at its peak
 * (exit code 1). Every minute of the wait, the status is logged on stderr.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { launch } from '../browser/support/browser';

const dir = resolve(process.argv[2]);
/** Dashboard views timed after Retention, each a switch then a third program ticked (IOP_BENCH_VIEWS=a,b; none by default). */
const OTHER_VIEWS = (process.env.IOP_BENCH_VIEWS ?? '').split(',').filter(Boolean);
const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, '.cache/bench-build');
const phase = (name: string) => console.error(`phase ${name}`);

phase('build');
const build = spawnSync(
  join(root, 'node_modules/.bin/vite'),
  ['build', '--logLevel', 'warn', '--outDir', outDir],
  {
    cwd: root,
    env: { ...process.env, IOP_SAMPLE_DIR: dir },
    encoding: 'utf8',
  },
);
if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
const server = createServer((req, res) => {
  const path = join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0]));
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
  if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(statSync(file).size));
  createReadStream(file).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      // the process ended while listing
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * In the page (plain JS text: tsx would wrap named functions in helpers the page does not have):
 * timestamps of the first figure and the first settled state from navigation start, and
 * __bench.time(selector): clicks it and resolves with the seconds until the page settled (queries
 * answered, every chart of the view drawn) having been busy; settled must hold 400 ms to count.
 */
const IN_PAGE = `
(() => {
  const marks = {};
  const settled = () =>
    !!document.querySelector('main[data-ready="true"]') &&
    !document.querySelector('[data-testid="load-status"]') &&
    [...document.querySelectorAll('.chart-canvas')].every((c) => c.getAttribute('data-rendered') === 'true');
  const tick = () => {
    if (marks.firstFigures === undefined && document.querySelector('[data-testid^="value-"]'))
      marks.firstFigures = performance.now();
    if (marks.ready === undefined && marks.firstFigures !== undefined && settled()) marks.ready = performance.now();
    if (marks.ready === undefined) setTimeout(tick, 5);
  };
  const time = (sels) =>
    new Promise((resolve, reject) => {
      const els = [].concat(sels).map((sel) => document.querySelector(sel));
      if (els.some((el) => !el)) return reject(new Error('no ' + sels));
      const t0 = performance.now();
      const from = performance.timeOrigin + t0;
      for (const el of els) el.click();
      let sawBusy = false;
      let settledAt = null;
      const poll = () => {
        const now = performance.now();
        if (!settled()) {
          sawBusy = true;
          settledAt = null;
        } else if (settledAt === null) settledAt = now;
        if (settledAt !== null && (sawBusy || now - t0 > 1000) && now - settledAt > 400)
          return resolve({ s: (settledAt - t0) / 1000, ...breakdown(from, performance.timeOrigin + settledAt) });
        if (now - t0 > 600000) return reject(new Error(sels + ': not settled after 10 minutes'));
        setTimeout(poll, 2);
      };
      poll();
    });
  // Where an action's time went (web/src/engine/timing.ts records it): engine calls answered
  // (methods, statements, SQL and Arrow-to-rows time in the worker, result size, worker-to-page
  // transfer), the wait for the last answer, Vega embeds/updates, and the page's work after it.
  const breakdown = (from, to) => {
    const all = window.__iopTiming.filter((e) => (e.kind === 'call' ? e.arrivedAt : e.startedAt) >= from);
    const calls = all.filter((e) => e.kind === 'call' && e.arrivedAt <= to);
    const vega = all.filter((e) => e.kind === 'vega' && e.startedAt <= to);
    const sum = (xs, f) => Math.round(xs.reduce((a, x) => a + f(x), 0));
    const lastAnswer = calls.length ? Math.max(...calls.map((c) => c.arrivedAt)) : from;
    return {
      calls: calls.map((c) => c.method).join(','),
      statements: sum(calls, (c) => c.statements),
      sqlMs: sum(calls, (c) => c.sqlMs),
      rowsMs: sum(calls, (c) => c.rowsMs),
      workerMs: sum(calls, (c) => c.postedAt - c.startedAt),
      transferMs: sum(calls, (c) => c.arrivedAt - c.postedAt),
      kB: Math.round(sum(calls, (c) => c.bytes ?? 0) / 1024),
      lastAnswerMs: Math.round(lastAnswer - from),
      vegaEmbeds: vega.filter((v) => v.what === 'embed').length,
      vegaUpdates: vega.filter((v) => v.what === 'update').length,
      vegaMs: sum(vega, (v) => v.ms),
      afterAnswerMs: Math.round(to - lastAnswer),
    };
  };
  window.__iopTiming = [];
  window.__bench = { marks, time };
  tick();
})();
`;

/**
 * In the engine worker, seconds from the page's navigation: its marks (engine-ready, snapshot-…)
 * and the end of each wasm or snapshot download, to see what overlaps what.
 */
async function workerTimes(worker: Worker, page: Page): Promise<Record<string, number>> {
  const pageOrigin = (await page.evaluate('performance.timeOrigin')) as number;
  const entries = (await worker.evaluate(
    `[performance.timeOrigin, performance.getEntries().map((e) => [e.name, e.entryType, e.startTime, e.responseEnd ?? (e.startTime + e.duration)])]`,
  )) as [number, [string, string, number, number][]];
  const [origin, list] = entries;
  const at = (ms: number) => Number(((origin - pageOrigin + ms) / 1000).toFixed(3));
  const out: Record<string, number> = {};
  for (const [name, type, start, end] of list) {
    const file = name.split('/').pop()!.split('?')[0];
    if (type === 'mark') out[name] = at(start);
    else if (type === 'measure') out[name] = Number(((end - start) / 1000).toFixed(3));
    else if (type === 'resource' && /\.(wasm|duckdb)$/.test(file)) {
      out[`${file}:start`] = at(start);
      out[`${file}:end`] = at(end);
    }
  }
  return out;
}

/** Seconds from the click (on each of `selectors` at once) to the settled page, and where the time went (see breakdown in IN_PAGE). */
type Timed = { s: number } & Record<string, number | string>;
const timeAction = (page: Page, selectors: string | string[]) =>
  page.evaluate(`window.__bench.time(${JSON.stringify(selectors)})`) as Promise<Timed>;
const programBox = (n: number) =>
  `[data-testid="filter-programs"] label:nth-of-type(${n}) input[type="checkbox"]`;

const browser = await launch();
let peak = 0;
// Chromium's processes are this process's descendants
const chromiumRss = () => treeRss(process.pid) - process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 200);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const timeoutMin = Number(process.env.IOP_BENCH_TIMEOUT_MIN ?? 40);
const started = performance.now();
const elapsed = () => Math.round((performance.now() - started) / 1000);
/** Console errors and uncaught errors of the page and its workers, and crashes, in order. */
const errors: string[] = [];

/** What the page shows of its load now (status text, progress, failure), and Chromium's memory. */
async function loadState(page: Page) {
  const state = (await page
    .evaluate(
      `(() => {
        const text = (sel) => document.querySelector(sel)?.textContent?.trim() ?? null;
        const bar = document.querySelector('[data-testid="load-status"] progress');
        return {
          status: text('[data-testid="load-phase"]'),
          progress: bar ? Number(Number(bar.value).toFixed(3)) : null,
          failure: text('[data-testid="load-failure"]') ?? text('[data-testid="crash"]'),
        };
      })()`,
    )
    .catch((e: Error) => ({ status: null, progress: null, failure: `page unreachable: ${e.message}` }))) as {
    status: string | null;
    progress: number | null;
    failure: string | null;
  };
  return { ...state, seconds: elapsed(), rssMb: mb(chromiumRss()), peakMb: mb(peak) };
}

try {
  // the app's CSP forbids eval, which playwright needs for the string expressions below
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  await page.addInitScript({ content: IN_PAGE });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    errors.push(`page error: ${e.message}`);
    console.error(`page error: ${e.message}`);
  });
  page.on('crash', () => errors.push(`renderer crashed after ${elapsed()} s`));
  const engineWorker = new Promise<Worker>((r) =>
    page.on('worker', (w) => {
      w.on('close', () => errors.push(`worker closed after ${elapsed()} s: ${w.url()}`));
      r(w);
    }),
  );
  phase('first screen');
  await page.goto(url);
  const progressLog = setInterval(
    () => void loadState(page).then((st) => console.error(`waiting ${JSON.stringify(st)}`)),
    60_000,
  );
  let outcome: 'ready' | 'failed' | 'timeout';
  try {
    // a function, not a string: the page's CSP forbids eval, which a string predicate needs
    const handle = await page.waitForFunction(
      () =>
        (window as unknown as { __bench: { marks: { ready?: number } } }).__bench.marks.ready
          ? 'ready'
          : document.querySelector('[data-testid="load-failure"], [data-testid="crash"]')
            ? 'failed'
            : false,
      null,
      { timeout: timeoutMin * 60_000, polling: 100 },
    );
    outcome = (await handle.jsonValue()) as 'ready' | 'failed';
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'TimeoutError') errors.push(`wait: ${String(err)}`);
    outcome = 'timeout';
  } finally {
    clearInterval(progressLog);
  }
  if (outcome !== 'ready') {
    const failed = outcome === 'timeout' ? `not ready after ${timeoutMin} min` : 'load failed';
    console.log(JSON.stringify({ dir, failed, ...(await loadState(page)), errors: errors.slice(-10) }));
    process.exitCode = 1;
  } else {
    await measure(page, await engineWorker);
  }
} finally {
  clearInterval(sampler);
  await browser.close();
  server.close();
}

async function measure(page: Page, engineWorker: Worker) {
  const marks = (await page.evaluate('window.__bench.marks')) as Record<string, number>;
  const from = await page.locator('[data-testid="dataset"]').getAttribute('data-from');
  const worker = await workerTimes(engineWorker, page);
  const failure = await page.locator('[data-testid="load-failure"]').count();
  if (failure)
    throw new Error(`load failed: ${await page.locator('[data-testid="load-failure"]').textContent()}`);
  await page.waitForTimeout(500);

  phase('overview filter');
  await page.locator('[data-testid="filter-programs"] summary').click();
  const overviewFilter = await timeAction(page, '[data-testid="filter-programs"] input[type="checkbox"]');
  phase('view switch');
  const viewSwitch = await timeAction(page, '[data-testid="nav-retention"]');
  phase('retention filter');
  const retentionFilter = await timeAction(page, programBox(2));
  const round = (sec: number) => Number(sec.toFixed(3));
  const s = (ms: number) => round(ms / 1000);
  const views: Record<string, { switch: Timed; filter: Timed; twoTicks: Timed }> = {};
  for (const view of OTHER_VIEWS) {
    phase(`${view} switch and filter`);
    const switched = await timeAction(page, `[data-testid="nav-${view}"]`);
    const filter = await timeAction(page, programBox(3));
    // two programs at once: a cohort two ticks away, which nothing prefetched
    const twoTicks = await timeAction(page, [programBox(4), programBox(5)]);
    views[view] = { switch: switched, filter, twoTicks };
  }
  console.log(
    JSON.stringify({
      dir,
      from,
      firstFigures: s(marks.firstFigures),
      worker,
      loadSteps: loadSteps(worker, s(marks.firstFigures)),
      ready: s(marks.ready),
      overviewFilter: round(overviewFilter.s),
      viewSwitch: round(viewSwitch.s),
      retentionFilter: round(retentionFilter.s),
      views: Object.fromEntries(
        Object.entries(views).map(([v, t]) => [
          v,
          { switch: round(t.switch.s), filter: round(t.filter.s), twoTicks: round(t.twoTicks.s) },
        ]),
      ),
      peakMb: Math.round(peak / 2 ** 20),
      breakdown: {
        overviewFilter,
        viewSwitch,
        retentionFilter,
        ...Object.fromEntries(
          Object.entries(views).flatMap(([v, t]) => [
            [`${v} switch`, t.switch],
            [`${v} filter`, t.filter],
            [`${v} two ticks`, t.twoTicks],
          ]),
        ),
      },
    }),
  );
}

/**
 * Seconds each load step took (from the worker's `load <n> <step>` marks), the last one until first
 * figures; a step still running when the first figures came (the shipped first screen) is left out.
 */
function loadSteps(worker: Record<string, number>, firstFigures: number): Record<string, number> {
  const steps = Object.entries(worker)
    .map(([name, at]) => ({ m: /^load (\d+) (.*)$/.exec(name), at }))
    .filter((x): x is { m: RegExpExecArray; at: number } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  return Object.fromEntries(
    steps.flatMap(({ m, at }, i) => {
      const end = steps[i + 1]?.at ?? firstFigures;
      return end >= at ? [[m[2], Number((end - at).toFixed(3))]] : [];
    }),
  );
}
