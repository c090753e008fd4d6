import { existsSync, readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** URL folder of the bundled sample export, relative to the app's base. */
export const SAMPLE_URL_DIR = 'sample-data';
/** The listing the app reads to know which sample files exist (avoids probing with 404s). */
export const SAMPLE_LISTING = 'files.json';

const isExportFile = (name: string) => name.endsWith('.parquet') || name === 'manifest.json';

function listing(dir: string): { name: string; size: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isExportFile)
    .sort()
    .map((name) => ({ name, size: statSync(join(dir, name)).size }));
}

/**
 * Serves an export folder (default `sample-data/`) under `/sample-data/` in dev and copies it
 * into the build, with a `files.json` listing, so the app opens on it without a network hop.
 */
export function sampleDataPlugin(dir: string): Plugin {
  return {
    name: 'iop-sample-data',
    configureServer(server) {
      server.middlewares.use(`/${SAMPLE_URL_DIR}/`, (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\//, ''));
        if (name === SAMPLE_LISTING) {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(listing(dir)));
          return;
        }
        const file = listing(dir).find((f) => f.name === name);
        if (!file) return next();
        res.setHeader(
          'Content-Type',
          name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        res.setHeader('Content-Length', String(file.size));
        createReadStream(join(dir, name)).pipe(res);
      });
    },
    generateBundle() {
      const files = listing(dir);
      for (const f of files)
        this.emitFile({
          type: 'asset',
          fileName: `${SAMPLE_URL_DIR}/${f.name}`,
          source: readFileSync(join(dir, f.name)),
        });
      this.emitFile({
        type: 'asset',
        fileName: `${SAMPLE_URL_DIR}/${SAMPLE_LISTING}`,
        source: JSON.stringify(files),
      });
    },
  };
}
