import type { ExportFile } from '../../../core';
import { SAMPLE_LISTING, type SampleListing } from './sample-listing';

/** Parquet files and manifest.json are an export's files; everything else the user picked is ignored. */
export const isExportFileName = (name: string) =>
  name.toLowerCase().endsWith('.parquet') || name === 'manifest.json';

/**
 * The export of a selection: the export files of exactly one folder. Files from more than one
 * folder are never mixed: `folders` lists each folder with its tables, and nothing is chosen.
 */
export function oneExport<T extends { name: string }>(
  items: readonly T[],
  pathOf: (item: T) => string,
): { files: T[] } | { folders: { folder: string; names: string[] }[] } {
  const byFolder = new Map<string, T[]>();
  for (const item of items) {
    if (!isExportFileName(item.name)) continue;
    const path = pathOf(item);
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), item]);
  }
  const withTables = [...byFolder].filter(([, files]) => files.some((f) => f.name !== 'manifest.json'));
  if (withTables.length > 1)
    return {
      folders: withTables
        .map(([folder, files]) => ({
          folder: folder || '(top level)',
          names: files.map((f) => f.name).sort(),
        }))
        .sort((a, b) => a.folder.localeCompare(b.folder)),
    };
  return { files: withTables.length ? withTables[0][1] : [...items] };
}

/** What a person reads when a selection holds more than one export. */
export function mixedExportMessage(folders: { folder: string; names: string[] }[]): string {
  const tables = (names: string[]) => names.filter((n) => n !== 'manifest.json').join(', ');
  return [
    `These files hold ${folders.length} exports, which are never mixed; open one of these folders on its own:`,
    ...folders.slice(0, 12).map((f) => `- ${f.folder}: ${tables(f.names)}`),
  ].join('\n');
}

export function fileToExportFile(file: File): ExportFile {
  return {
    name: file.name,
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    blob: file,
  };
}

/** The bundled sample's listing (files.json), from the page's own origin. */
export async function sampleListing(baseUrl: string): Promise<SampleListing> {
  const res = await fetch(new URL(SAMPLE_LISTING, baseUrl));
  if (!res.ok) throw new Error(`The sample data could not be read (${res.status} ${res.statusText}).`);
  return (await res.json()) as SampleListing;
}

export async function fetchSampleFile(baseUrl: string, name: string): Promise<Uint8Array> {
  const r = await fetch(new URL(name, baseUrl));
  if (!r.ok) throw new Error(`${name} could not be read (${r.status}).`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The bundled sample export's files, fetched (all at once) from the page's own origin. */
export function sampleExportFiles(baseUrl: string, listing: SampleListing['files']): ExportFile[] {
  if (!listing.length) throw new Error('The sample data folder is empty: open an export with "Open export".');
  const fetchBytes = (name: string) => fetchSampleFile(baseUrl, name);
  return listing.map(({ name, size }) => {
    // every file is fetched at once, while the engine starts; the first reader takes the bytes over
    let early: Promise<Uint8Array> | null = fetchBytes(name);
    early.catch(() => undefined);
    return {
      name,
      size,
      bytes: () => {
        const p = early ?? fetchBytes(name);
        early = null;
        return p;
      },
    };
  });
}
