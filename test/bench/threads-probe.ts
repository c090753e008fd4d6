/**
 * Whether DuckDB-WASM runs on more than one thread in Chromium, and what that gains:
 *   tsx test/bench/threads-probe.ts [query string of threads-probe.worker.ts]...
 * e.g. `mode=blocking`, `mode=async&bundle=eh&seq=1,1`, `mode=async&bundle=coi&seq=1,2,1,2`.
 * Builds the worker, serves it and DuckDB-WASM's dist/ cross-origin isolated (COOP/COEP, the app's
 * CSP; ISOLATE=0 without the two headers), and prints one JSON line per query string, in order
 * (alternate them for A/B on a shared machine). See core/DESIGN.md, "More than one thread".
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../web/vite/csp.ts';
import { launch } from '../browser/support/browser';

const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, '.cache/threads-probe');
const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
const isolate = process.env.ISOLATE !== '0';

await build({
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: { '@duckdb/duckdb-wasm/blocking': join(dist, 'duckdb-browser-blocking.mjs') } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code === 'EVAL' && warning.id?.includes('duckdb-wasm')) return;
        warn(warning);
      },
    },
    lib: {
      entry: join(root, 'test/bench/threads-probe.worker.ts'),
      formats: ['es'],
      fileName: () => 'worker.js',
    },
  },
});

// The page script is a file of its own: the CSP allows no inline script.
const page = '<!doctype html><script type="module" src="/main.js"></script>';
const main = `window.result = new Promise((resolve) => {
  const w = new Worker('/worker.js' + location.search, { type: 'module' });
  w.onmessage = (e) => resolve(e.data);
  w.onerror = (e) => resolve({ error: 'worker: ' + e.message });
});`;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (isolate) {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  }
  if (path === '/' || path === '/main.js') {
    res.setHeader('Content-Type', path === '/' ? 'text/html' : 'text/javascript');
    return res.end(path === '/' ? page : main);
  }
  const file = path.startsWith('/dist/') ? join(dist, path.slice(6)) : join(outDir, path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  createReadStream(file).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await launch();
try {
  for (const query of process.argv.slice(2).length ? process.argv.slice(2) : ['mode=blocking']) {
    const p = await browser.newPage();
    await p.goto(`${url}?${query}`);
    const result = await Promise.race([
      p.evaluate(() => (window as unknown as { result: Promise<unknown> }).result),
      new Promise((r) => setTimeout(() => r({ error: 'no answer in 5 min (hung)' }), 300_000)),
    ]);
    console.log(JSON.stringify({ query, ...(result as object) }));
    await p.close();
  }
} finally {
  await browser.close();
  server.close();
}
