import type { ExportFile } from '../engine/connector';
import { sha256Hex } from './hash';
import type { InputFile } from './types';

/** The export's files with their SHA-256 and, for tables, the rows as exported. */
export async function describeInputs(
  files: readonly ExportFile[],
  rowCounts: Record<string, number>,
): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const bytes = await f.bytes();
    const table = f.name.replace(/\.parquet$/, '');
    out.push({
      name: f.name,
      sha256: await sha256Hex(bytes),
      bytes: bytes.byteLength,
      rows: f.name.endsWith('.parquet') ? (rowCounts[table] ?? null) : null,
    });
  }
  return out;
}
