/**
 * npm run bench [-- --sizes sample,10k,100k,300k,1m] [--engines native,wasm[,wasm-compressed,wasm-plain],chromium[,chromium-parquet]]
 *   [--views abstinence,step-down,cost,trends,programs]
 * Generates the synthetic exports once (cached in .cache/bench, outside git), then measures each
 * engine in its own process: load (read + decode + validate + clean tables), materialise
 * (per-episode tables), the full measure suite (report: overall, every program, risk-adjusted),
 * a filter change (every measure for one program; and the dashboard's grouped + series queries)
 * and peak memory. Prints WASM/native ratios. A run that fails shows its phase and the engine's
 * error line (or the signal that killed it). wasm: DuckDB-WASM as the browser runs it (a compressed
 * in-memory database from storesCompressed's size on); wasm-compressed / wasm-plain: always / never
 * compressed. chromium: the production build in
 * headless Chromium (browser-one.ts), compared with native's full report and dashboard filter; the
 * sample opens from its pre-validated snapshot, every other size from its Parquet files as a user's
 * export would. chromium-parquet: the sample from its Parquet files too. --views: Chromium also
 * switches to each of those views after Retention and ticks a program there, then two at once (a
 * table of its own).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SIZES: Record<string, number | null> = {
  sample: null,
  '10k': 10_000,
  '100k': 100_000,
  '250k': 250_000,
  '300k': 300_000,
  '1m': 1_000_000,
};
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : fallback).split(',');
};
const sizes = arg('sizes', 'sample,10k,100k,300k,1m');
const engines = arg('engines', 'native,wasm,chromium');
const views = arg('views', '').filter(Boolean);
const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

function exportDir(size: string): string {
  if (size === 'sample') return join(root, 'sample-data');
  const dir = join(root, '.cache/bench', size);
  if (!existsSync(join(dir, 'episodes.parquet'))) {
    console.error(`generating ${size} episodes into ${dir} ...`);
    execFileSync(
      tsx,
      ['pipelines/cli.ts', 'generate', '--episodes', String(SIZES[size]), '--seed', '42', '--out', dir],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, TZ: 'UTC' },
      },
    );
  }
  return dir;
}

type Result = Record<
  string,
  number | string | Record<string, number> | Record<string, Record<string, number | string>>
>;
const results: { size: string; engine: string; r: Result | null; error?: string }[] = [];
for (const size of sizes) {
  if (!(size in SIZES)) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(', ')}`);
  const dir = exportDir(size);
  for (const engine of engines) {
    console.error(`measuring ${engine} on ${size} ...`);
    const browser = engine.startsWith('chromium');
    const script = browser ? ['test/bench/browser-one.ts', dir] : ['test/bench/measure-one.ts', engine, dir];
    // only the bundled sample ships pre-validated: every other size is timed as a user's export
    const snapshot = engine === 'chromium' && size === 'sample' ? '1' : '0';
    const p = spawnSync(tsx, script, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        TZ: 'UTC',
        NODE_OPTIONS: '--max-old-space-size=16384',
        IOP_SAMPLE_SNAPSHOT: snapshot,
        IOP_BENCH_VIEWS: views.join(','),
      },
      // past browser-one.ts's own wait (IOP_BENCH_TIMEOUT_MIN, 40 min), so it can say where the page was
      timeout: 50 * 60_000,
      maxBuffer: 1 << 24,
    });
    const line = p.stdout.trim().split('\n').pop() ?? '';
    if (p.status === 0 && line.startsWith('{')) results.push({ size, engine, r: JSON.parse(line) as Result });
    else results.push({ size, engine, r: null, error: failure(p) });
  }
}

/**
 * Why a measuring process failed: the page's state it reported (browser-one.ts: load status,
 * progress, errors, memory), else the phase it reached and the engine's error line, or how it ended.
 */
function failure(p: ReturnType<typeof spawnSync>): string {
  const last = String(p.stdout ?? '')
    .trim()
    .split('\n')
    .pop();
  if (last?.startsWith('{')) {
    const f = JSON.parse(last) as Record<string, unknown>;
    if (f.failed)
      return [
        `${String(f.failed)} (${String(f.seconds)} s)`,
        f.failure ? `failure "${String(f.failure)}"` : null,
        f.status ? `status "${String(f.status)}" progress ${String(f.progress)}` : null,
        `Chromium RSS ${String(f.rssMb)} MB, peak ${String(f.peakMb)} MB`,
        (f.errors as string[]).length ? `errors: ${(f.errors as string[]).join(' | ')}` : null,
      ]
        .filter(Boolean)
        .join('; ');
  }
  const lines = String(p.stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('npm warn'));
  const phase = lines
    .filter((l) => l.startsWith('phase '))
    .pop()
    ?.slice(6);
  const error =
    lines.find((l) => /^(\w*Error|RangeError|RuntimeError)\b|out of memory|abort/i.test(l)) ??
    lines.find((l) => /Error|memory|abort/i.test(l));
  const ended = p.error ? p.error.message : p.signal ? `killed by ${p.signal}` : `exit code ${p.status}`;
  return [phase ? `in ${phase}` : null, error ?? ended].filter(Boolean).join(': ');
}

const NODE_COLS = [
  'load',
  'loadCpu',
  'materialise',
  'materialiseCpu',
  'suite',
  'filterChange',
  'dashboardFilter',
  'peakMb',
];
const BROWSER_COLS = ['firstFigures', 'ready', 'overviewFilter', 'viewSwitch', 'retentionFilter', 'peakMb'];
/** What a Chromium figure is compared with on native DuckDB: the full report, or the dashboard's filter queries. */
const NATIVE_OF: Record<string, (n: Result) => number> = {
  firstFigures: (n) => Number(n.load) + Number(n.materialise) + Number(n.suite),
  ready: (n) => Number(n.load) + Number(n.materialise) + Number(n.suite),
  overviewFilter: (n) => Number(n.dashboardFilter),
  retentionFilter: (n) => Number(n.dashboardFilter),
  peakMb: (n) => Number(n.peakMb),
};
const ratio = (a: number, b: number) => (a / Math.max(b, 1e-3)).toFixed(1) + '×';

function table(title: string, cols: string[], engineList: string[]) {
  if (!engineList.length) return;
  const header = ['size', 'engine', 'episodes', ...cols];
  const rows: string[][] = [];
  for (const size of sizes) {
    const of = (e: string) => results.find((x) => x.size === size && x.engine === e);
    for (const engine of engineList) {
      const x = of(engine)!;
      rows.push(
        x.r
          ? [size, engine, String(x.r.episodes ?? ''), ...cols.map((c) => String(x.r![c]))]
          : [size, engine, `failed: ${x.error}`],
      );
    }
    const n = of('native')?.r;
    for (const engine of engineList.filter((e) => e !== 'native')) {
      const w = of(engine)?.r;
      if (!w || !n) continue;
      const base = (c: string) => (engine.startsWith('chromium') ? NATIVE_OF[c]?.(n) : Number(n[c]));
      const cells = cols.map((c) => (base(c) === undefined ? '' : ratio(Number(w[c]), base(c)!)));
      rows.push([size, `${engine}/native`, '', ...cells]);
    }
  }
  // a failed row (size, engine, reason) runs on past the columns instead of widening them
  const full = rows.filter((r) => r.length === header.length);
  const widths = header.map((h, i) => Math.max(h.length, ...full.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r.length === header.length
      ? r.map((c, i) => c.padEnd(widths[i])).join('  ')
      : [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), ...r.slice(2)].join('  ');
  console.log(title);
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
}

table(
  'times in seconds (…Cpu: CPU seconds of every thread), peak RSS in MB (one process per engine and size)',
  NODE_COLS,
  engines.filter((e) => !e.startsWith('chromium')),
);
table(
  'Chromium, production build: seconds from navigation (first figures, ready) or from the click; peak RSS of all ' +
    'Chromium processes in MB; ratios: first figures and ready against the native full report ' +
    '(load + materialise + suite), filters against the native dashboard filter',
  BROWSER_COLS,
  engines.filter((e) => e.startsWith('chromium')),
);

const chromiumViews = results.filter((x) => x.engine.startsWith('chromium') && x.r?.views);
if (chromiumViews.length) {
  console.log(
    'Chromium, each further view: seconds from the click to the view drawn (switch), from a program ticked there (filter), then from two more ticked at once (two ticks: nothing prefetched)',
  );
  console.log(
    ['size'.padEnd(6), ...views.map((v) => `${v} switch / filter / two ticks`.padEnd(36))].join('  '),
  );
  for (const x of chromiumViews) {
    const of = x.r!.views as Record<string, Record<string, number>>;
    console.log(
      [
        x.size.padEnd(6),
        ...views.map((v) =>
          `${of[v]?.switch ?? '–'} / ${of[v]?.filter ?? '–'} / ${of[v]?.twoTicks ?? '–'}`.padEnd(36),
        ),
      ].join('  '),
    );
  }
}

/** Where a Chromium filter change or view switch spent its time (browser-one.ts's breakdown). */
for (const x of results.filter((x) => x.engine === 'chromium' && x.r?.breakdown)) {
  console.log(`Chromium ${x.size}: where the time went (ms; calls answered, in order)`);
  for (const [action, b] of Object.entries(x.r!.breakdown as Record<string, Record<string, number | string>>))
    console.log(
      `  ${action.padEnd(16)} ${Object.entries(b)
        .map(([k, v]) => `${k} ${v}`)
        .join('  ')}`,
    );
}

/** Where a Chromium load spent its time: each load step's seconds, the longest first. */
for (const x of results.filter((x) => x.engine.startsWith('chromium') && x.r?.loadSteps)) {
  const steps = Object.entries(x.r!.loadSteps as Record<string, number>).sort((a, b) => b[1] - a[1]);
  console.log(`Chromium ${x.size}: load steps (s, longest first)`);
  console.log(`  ${steps.map(([step, sec]) => `${step} ${sec}`).join('  ·  ')}`);
}
