import { parseCommandLine, UsageError } from '../lib/cli';
import cliProgress from 'cli-progress';
import { importTeds } from '../import/teds/import';

export const usage =
  'import-teds <tedsd_puf_YYYY.csv> --out <dir>   SAMHSA TEDS-D public-use file → contract v1 export';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } });
  const { out } = values;
  const [csv] = positionals;
  if (!csv || !out || positionals.length > 1) throw new UsageError(`expected ${usage.split('   ')[0]}`);
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
  const t0 = Date.now();
  let barRunning = false;
  try {
    const r = await importTeds(csv, out, {
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
    console.log(
      `TEDS-D ${csv} → ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s), extract date ${r.extractDate}`,
    );
    console.log(
      `Source rows: ${r.sourceRows}; exported: ${Object.entries(r.exportedRows)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(r.tally.format());
    return 0;
  } finally {
    if (barRunning) bar.stop();
  }
}
