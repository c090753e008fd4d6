import { existsSync, readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { SAMPLE_LISTING, type SampleListing } from '../src/engine/sample-listing';
import { sampleSnapshot } from './sample-snapshot';

/** URL folder of the bundled sample export, relative to the app's base. */
export const SAMPLE_URL_DIR = 'sample-data';
export { SAMPLE_LISTING };
/** The sample's pre-validated snapshot, as the app fetches it. */
const SNAPSHOT_NAME = 'snapshot.duckdb';

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
 * With `snapshot` it also ships the export pre-validated (web/vite/sample-snapshot.ts), which the
 * app opens instead of loading the Parquet files; the bench turns it off to time a user's export.
 */
export function sampleDataPlugin(dir: string, opts: { snapshot: boolean }): Plugin {
  let snapshot: Promise<string | null> | null = null;
  const snapshotPath = () =>
    (snapshot ??= opts.snapshot
      ? sampleSnapshot(
          dir,
          listing(dir).map((f) => f.name),
        )
      : Promise.resolve(null));
  const sampleListing = async (): Promise<SampleListing> => {
    const path = await snapshotPath();
    return {
      files: listing(dir),
      snapshot: path ? { name: SNAPSHOT_NAME, size: statSync(path).size } : null,
    };
  };
  return {
    name: 'iop-sample-data',
    configureServer(server) {
      void snapshotPath();
      server.middlewares.use(`/${SAMPLE_URL_DIR}/`, (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\//, ''));
        if (name === SAMPLE_LISTING) {
          void sampleListing().then((l) => {
            res.setHeader('Content-Type', 'application/json');
            res.end(JSON.stringify(l));
          }, next);
          return;
        }
        if (name === SNAPSHOT_NAME) {
          void snapshotPath().then((path) => {
            if (!path) return next();
            res.setHeader('Content-Type', 'application/octet-stream');
            res.setHeader('Content-Length', String(statSync(path).size));
            createReadStream(path).pipe(res);
          }, next);
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
    buildStart() {
      void snapshotPath(); // made while the app is bundled
    },
    async generateBundle() {
      const l = await sampleListing();
      for (const f of l.files)
        this.emitFile({
          type: 'asset',
          fileName: `${SAMPLE_URL_DIR}/${f.name}`,
          source: readFileSync(join(dir, f.name)),
        });
      const path = await snapshotPath();
      if (path)
        this.emitFile({
          type: 'asset',
          fileName: `${SAMPLE_URL_DIR}/${SNAPSHOT_NAME}`,
          source: readFileSync(path),
        });
      this.emitFile({
        type: 'asset',
        fileName: `${SAMPLE_URL_DIR}/${SAMPLE_LISTING}`,
        source: JSON.stringify(l),
      });
    },
  };
}
