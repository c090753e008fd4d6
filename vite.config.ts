import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY, cspPlugin } from './web/vite/csp.ts';
import { sampleDataPlugin } from './web/vite/sample-data-plugin.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const duckdbDist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
/** The export the app opens with; IOP_SAMPLE_DIR overrides it (development, tests). */
const sampleDir = resolve(here, process.env.IOP_SAMPLE_DIR ?? 'sample-data');
/** IOP_SAMPLE_SNAPSHOT=0: the sample ships without its pre-validated snapshot (the bench times a user's export). */
const sampleSnapshot = process.env.IOP_SAMPLE_SNAPSHOT !== '0';

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  plugins: [react(), sampleDataPlugin(sampleDir, { snapshot: sampleSnapshot }), cspPlugin()],
  resolve: {
    // The worker runs DuckDB-WASM's synchronous browser build; the package only exports the Node one.
    alias: { '@duckdb/duckdb-wasm/blocking': join(duckdbDist, 'duckdb-browser-blocking.mjs') },
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // DuckDB-WASM's Emscripten glue uses eval; nothing to fix on our side.
        if (warning.code === 'EVAL' && warning.id?.includes('duckdb-wasm')) return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  // 5173 (4173 for preview) when free, else the next free port; Vite prints the address it took.
  server: { port: 5173, strictPort: false, fs: { allow: ['..'] } },
  // The policy as a header too, so the engine worker (which a <meta> does not reach) runs under it.
  preview: {
    port: 4173,
    strictPort: false,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});
