import type { ExportFile } from './connector';

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** First line of an engine's error, with file paths replaced by the export file's name. */
export function shortReason(err: unknown, fileName: string): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n').find((l) => l.trim()) ?? 'unknown error';
  return line.replace(/(["'])[^"']*[/\\][^"']*\1/g, fileName).trim();
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let printable = 0;
  for (const b of sample)
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128) printable++;
  return printable === sample.length;
}

/** Why an export file could not be loaded, for a person: empty, not Parquet at all, truncated, or corrupted. */
export async function readFailureMessage(file: ExportFile, err: unknown): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await file.bytes();
  } catch (e) {
    return `${file.name} could not be read (${shortReason(e, file.name)}).`;
  }
  if (bytes.length === 0) return `${file.name} is empty (0 bytes), not a Parquet file.`;
  if (bytes.length < 4 || ascii(bytes.subarray(0, 4)) !== 'PAR1') {
    return looksLikeText(bytes)
      ? `${file.name} is not a Parquet file: it holds text (a CSV file renamed to .parquet?). Export the table as Parquet.`
      : `${file.name} is not a Parquet file (it does not start with the Parquet signature).`;
  }
  if (bytes.length < 12 || ascii(bytes.subarray(bytes.length - 4)) !== 'PAR1') {
    return `${file.name} is truncated or corrupted: its Parquet footer is missing.`;
  }
  return `${file.name} is a corrupted Parquet file and cannot be read (${shortReason(err, file.name)}).`;
}
