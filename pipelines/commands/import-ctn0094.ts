import { importCtn0094 } from '../import/ctn0094/import';

export const usage =
  'import-ctn0094 <folder of CTN-0094 CSVs> --out <dir>   CTN-0094 public data → contract v1 export';

export async function run(args: string[]): Promise<number> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const folder = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1);
  if (!folder || !out) {
    console.error(`Usage: npm run pipelines -- ${usage}`);
    return 2;
  }
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
