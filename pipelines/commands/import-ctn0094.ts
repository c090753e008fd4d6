import { importCtn0094 } from '../import/ctn0094/import';
import { rowCounts, runImport } from '../lib/import-command';

export const usage =
  'import-ctn0094 <folder of CTN-0094 CSVs> --out <dir>   CTN-0094 public data → contract v1 export';

export const run = (args: string[]): Promise<number> =>
  runImport(args, usage, 'CTN-0094', importCtn0094, (r) => [
    `Source rows: ${rowCounts(r.sourceRows)}`,
    `Exported rows: ${rowCounts(r.exportedRows)}`,
  ]);
