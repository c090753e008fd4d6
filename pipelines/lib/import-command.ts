import { parseCommandLine, UsageError } from './cli';

/** What an importer returns that its command prints. */
interface Imported {
  extractDate: string;
  exportedRows: Record<string, number>;
  tally: { format(): string };
}

/** `table 12, other 3`: row counts by table. */
export const rowCounts = (rows: Record<string, number>): string =>
  Object.entries(rows)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/**
 * An import command, `<command> <input> --out <dir>`: runs the importer and prints where it went,
 * how long it took, the extract date, the importer's own row lines and its tally.
 */
export async function runImport<R extends Imported>(
  args: string[],
  usage: string,
  source: string,
  importer: (input: string, out: string) => Promise<R>,
  rowLines: (r: R) => string[],
): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } });
  const { out } = values;
  const [input] = positionals;
  if (!input || !out || positionals.length > 1) throw new UsageError(`expected ${usage.split('   ')[0]}`);
  const t0 = Date.now();
  const r = await importer(input, out);
  console.log(
    `${source} ${input} → ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s), extract date ${r.extractDate}`,
  );
  for (const line of rowLines(r)) console.log(line);
  console.log(r.tally.format());
  return 0;
}
