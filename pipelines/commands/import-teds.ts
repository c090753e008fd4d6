import cliProgress from 'cli-progress';
import { importTeds } from '../import/teds/import';
import { rowCounts, runImport } from '../lib/import-command';

export const usage =
  'import-teds <tedsd_puf_YYYY.csv> --out <dir>   SAMHSA TEDS-D public-use file → contract v1 export';

/** The TEDS import with a progress bar on stderr while it reads the CSV, then its steps. */
async function importWithProgress(csv: string, out: string) {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'reading {file} [{bar}] {percentage}% | {duration_formatted}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let barRunning = false;
  try {
    return await importTeds(csv, out, {
      onStep: (m) => {
        if (m === 'reading the CSV') {
          bar.start(100, 0, { file: csv.split('/').pop() });
          barRunning = true;
        } else {
          if (barRunning) bar.stop();
          barRunning = false;
          process.stderr.write(`${m}…\n`);
        }
      },
      onProgress: (p) => bar.update(Math.min(100, Math.round(p))),
    });
  } finally {
    if (barRunning) bar.stop();
  }
}

export const run = (args: string[]): Promise<number> =>
  runImport(args, usage, 'TEDS-D', importWithProgress, (r) => [
    `Source rows: ${r.sourceRows}; exported: ${rowCounts(r.exportedRows)}`,
  ]);
