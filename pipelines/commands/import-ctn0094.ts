import { parseCommandLine, UsageError } from '../lib/cli';
import { importCtn0094 } from '../import/ctn0094/import';

export const usage =
  'import-ctn0094 <folder of CTN-0094 CSVs> --out <dir>   CTN-0094 public data → contract v1 export';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } });
  const { out } = values;
  const [folder] = positionals;
  if (!folder || !out || positionals.length > 1) throw new UsageError(`expected ${usage.split('   ')[0]}`);
  const t0 = Date.now();
  const r = await importCtn0094(folder, out);
  console.log(
    `CTN-0094 ${folder} → ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s), extract date ${r.extractDate}`,
  );
  console.log(
    `Source rows: ${Object.entries(r.sourceRows)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `Exported rows: ${Object.entries(r.exportedRows)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(r.tally.format());
  return 0;
}
