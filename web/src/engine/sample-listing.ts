/** The bundled sample's `files.json`, written by web/vite/sample-data-plugin.ts. */
export interface SampleListing {
  /** The export's files (Parquet and manifest.json), loaded and validated as any export's. */
  files: { name: string; size: number }[];
  /** Its pre-validated snapshot (core/snapshot), when the build made one. */
  snapshot: { name: string; size: number } | null;
}

export const SAMPLE_LISTING = 'files.json';
