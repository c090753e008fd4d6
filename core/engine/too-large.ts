/** A table of the export is larger than the engine can hold (the browser's 32-bit DuckDB-WASM). */
export class TooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly rows: number,
  ) {
    const noun = file
      .replace(/\.parquet$/, '')
      .replaceAll('_', ' ')
      .replace(/s$/, '');
    super(
      `This export (${rows.toLocaleString('en-US')} ${noun} rows) is larger than the browser engine can hold; use the command line (npm run report -- <export folder>).`,
    );
    this.name = 'TooLargeError';
  }
}

/** DuckDB's 'Out of Memory Error' (its limit reached) or a wasm heap that could not grow. */
export const isOutOfMemory = (err: unknown) =>
  /out of memory|memory access out of bounds|Aborted\(OOM\)/i.test(String(err));
