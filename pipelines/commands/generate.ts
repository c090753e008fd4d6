import { SingleBar } from 'cli-progress';
import { isCalendarDate } from '../../core';
import { parseCommandLine, UsageError } from '../lib/cli';
import { DEFAULT_EXTRACT_DATE, generateExport } from '../generate/generate-export';

export const usage =
  'generate --episodes N --seed S --out <folder> [--extract-date YYYY-MM-DD]   synthetic IOP export (Parquet + manifest)';

function positiveInt(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  return n;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, {
    episodes: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'extract-date': { type: 'string' },
  });
  if (!values.out) throw new UsageError('missing --out <folder>');
  const episodes = positiveInt('episodes', values.episodes, 1);
  if (episodes > 50_000_000) throw new UsageError('--episodes must be at most 50,000,000');
  const seed = positiveInt('seed', values.seed, 0);
  const extractDate = values['extract-date'] ?? DEFAULT_EXTRACT_DATE;
  if (!isCalendarDate(extractDate))
    throw new UsageError(`--extract-date must be a date YYYY-MM-DD: ${extractDate}`);

  const bar = new SingleBar({
    format: 'generate |{bar}| {value}/{total} {step}',
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    hideCursor: true,
  });
  bar.start(1, 0, { step: '' });
  const started = Date.now();
  try {
    const { rows } = await generateExport({
      episodes,
      seed,
      outDir: values.out,
      extractDate,
      memoryLimit: process.env.IOP_GENERATE_MEMORY_LIMIT,
      onProgress: (step, done, total) => {
        bar.setTotal(total);
        bar.update(done, { step });
      },
    });
    bar.stop();
    console.log(`Wrote ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [table, n] of Object.entries(rows))
      console.log(`  ${table.padEnd(13)} ${n.toLocaleString('en-US')} rows`);
    return 0;
  } catch (err) {
    bar.stop();
    throw err;
  }
}
