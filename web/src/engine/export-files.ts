import type { ExportFile } from '../../../core/engine/connector';

/** Parquet files and manifest.json are an export's files; everything else the user picked is ignored. */
export const isExportFileName = (name: string) =>
  name.toLowerCase().endsWith('.parquet') || name === 'manifest.json';

export function fileToExportFile(file: File): ExportFile {
  return { name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** The bundled sample export, listed by the build in files.json and fetched (all files at once) from the page's own origin. */
export async function sampleExportFiles(baseUrl: string): Promise<ExportFile[]> {
  const res = await fetch(new URL('files.json', baseUrl));
  if (!res.ok) throw new Error(`The sample data could not be read (${res.status} ${res.statusText}).`);
  const listing = (await res.json()) as { name: string; size: number }[];
  if (!listing.length) throw new Error('The sample data folder is empty: open an export with "Open export".');
  const fetchBytes = async (name: string) => {
    const r = await fetch(new URL(name, baseUrl));
    if (!r.ok) throw new Error(`${name} could not be read (${r.status}).`);
    return new Uint8Array(await r.arrayBuffer());
  };
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
