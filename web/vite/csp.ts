import type { Plugin } from 'vite';

/**
 * The built app's Content-Security-Policy: everything from the page's own origin, no eval.
 * - 'wasm-unsafe-eval': DuckDB-WASM and parquet-wasm compile WebAssembly (not JavaScript eval);
 * - worker-src blob:: none of ours, but vega-embed's tooltip and some browsers' module workers
 *   start from blob: URLs; 'self' covers the engine worker;
 * - style-src 'unsafe-inline': vega writes style attributes and the study preview (an srcdoc frame,
 *   which inherits this policy) carries its own <style>; no script is inline.
 * Vega evaluates expressions with vega-interpreter (no new Function), see Chart.tsx and charts.ts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' data: blob:",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Writes the policy into the built index.html as its first <meta> (the dev server, with its inline HMR preamble, is left without). */
export function cspPlugin(): Plugin {
  return {
    name: 'iop-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
