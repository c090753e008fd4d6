/**
 * `npm run study -- <folder> (--program ID | --all-programs) --out DIR [options]`: the outcome
 * study of outcome-study.md for one program or every program of an export, each written as
 * HTML, JSON and CSV under the small-cell rule.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { NativeConnector } from '../core/connectors/native';
import { ExportError } from '../core/engine/load-export';
import { OutcomeSession } from '../core/measures/session';
import { StudyRequestError } from '../core/study/comparator';
import { studyExports, studyFileStem } from '../core/study/exports';
import { StudyService } from '../core/study/service';
import type { Comparator, ExternalFigure, StudyRequest } from '../core/study/types';
import { exportFolderFiles } from './lib/export-folder';
import { parseReportArgs, UsageError } from './lib/report-args';
import { tedsComparatorOf } from './import/teds-reference';

const USAGE = `Usage: npm run study -- <folder> (--program ID... | --all-programs) --out DIR
                         [--comparator all|op|programs:A,B|external:FILE|teds:DIR]
                         [--level LEVEL] [--from DATE --to DATE] [--where COLUMN=VALUE]...

  <folder>          an export folder (<table>.parquet files and an optional manifest.json)
  --program ID      the program to study (repeat to study several together)
  --all-programs    one study per program of the export that has episodes at the level
  --out DIR         where to write <study>.html, .json and .csv (created if missing)
  --comparator      all: every other program (default); op: standard outpatient care in the
                    same data; programs:A,B: the named programs; external:FILE: a JSON file
                    {"label", "source", "figures": [{"measure", "value", "numerator"?, "denominator"?,
                    "lower"?, "upper"?}]}; teds:DIR: the national figures of a TEDS-D export
                    written by import-teds
  --level, --from, --to, --where   the cohort, as in npm run report (default level iop)

Every export applies the small-cell rule: counts from 1 to 10 are shown as "<11".`;

interface StudyArgs {
  folder: string;
  out: string;
  all: boolean;
  comparator: string;
  base: Omit<StudyRequest, 'comparator' | 'programs'>;
  programs: string[];
}

function parseArgs(argv: string[]): StudyArgs {
  const rest: string[] = [];
  let out: string | undefined;
  let all = false;
  let comparator = 'all';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--out') out = value();
    else if (a === '--all-programs') all = true;
    else if (a === '--comparator') comparator = value();
    else if (a === '--json')
      throw new UsageError('unknown option --json (the study always writes JSON into --out)');
    else rest.push(a);
  }
  const { folder, cohort } = parseReportArgs(rest);
  if (!out) throw new UsageError('missing --out DIR');
  const programs = cohort.programs ?? [];
  if (all && programs.length) throw new UsageError('use either --program or --all-programs, not both');
  if (!all && !programs.length) throw new UsageError('choose --program ID or --all-programs');
  const { level, from, to, filters } = cohort;
  return { folder, out, all, comparator, programs, base: { level, from, to, filters } };
}

async function resolveComparator(spec: string): Promise<Comparator> {
  if (spec === 'all' || spec === 'others') return { kind: 'others' };
  if (spec === 'op' || spec === 'outpatient') return { kind: 'outpatient' };
  if (spec.startsWith('programs:')) {
    const programs = spec
      .slice('programs:'.length)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!programs.length) throw new UsageError('--comparator programs:A,B needs at least one program');
    return { kind: 'programs', programs };
  }
  if (spec.startsWith('external:')) {
    const file = spec.slice('external:'.length);
    if (!existsSync(file)) throw new UsageError(`--comparator external: no such file ${file}`);
    let parsed: { label?: string; source?: string; figures?: ExternalFigure[] };
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new UsageError(`--comparator external: ${file} is not valid JSON`);
    }
    if (
      !parsed.source ||
      !Array.isArray(parsed.figures) ||
      !parsed.figures.every((f) => typeof f?.measure === 'string' && typeof f?.value === 'number')
    )
      throw new UsageError(
        `--comparator external: ${file} needs "source" and "figures": [{"measure", "value", ...}]`,
      );
    return {
      kind: 'external',
      label: parsed.label ?? 'external reference',
      source: parsed.source,
      figures: parsed.figures,
    };
  }
  if (spec.startsWith('teds:')) {
    const dir = spec.slice('teds:'.length);
    if (!existsSync(join(dir, 'episodes.parquet')))
      throw new UsageError(`--comparator teds: ${dir} is not an export written by import-teds`);
    return tedsComparatorOf(dir);
  }
  throw new UsageError(`--comparator: all, op, programs:A,B, external:FILE or teds:DIR, not ${spec}`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let args: StudyArgs;
  let comparator: Comparator;
  try {
    args = parseArgs(argv);
    comparator = await resolveComparator(args.comparator);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`Error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (!existsSync(args.folder) || !statSync(args.folder).isDirectory()) {
    console.error(`Error: not a folder: ${args.folder}`);
    return 2;
  }
  const files = await exportFolderFiles(args.folder);
  if (!files.some((f) => f.name.endsWith('.parquet'))) {
    console.error(`Error: no .parquet files in ${args.folder}`);
    return 2;
  }
  const conn = await NativeConnector.open();
  try {
    console.error(`Loading ${args.folder} ...`);
    const session = await OutcomeSession.open(conn, files);
    const studies = new StudyService(session, files);
    const options = await session.options();
    let programs = args.programs;
    if (args.all) {
      const rows = await conn.query<{ id: string }>(
        'SELECT DISTINCT program_id AS id FROM ep_summary WHERE level_of_care = ? ORDER BY 1',
        [args.base.level],
      );
      programs = rows.map((r) => r.id);
      const skipped = options.programs.filter((p) => !programs.includes(p.program_id));
      if (skipped.length)
        console.error(
          `Skipped (no ${args.base.level} episodes): ${skipped.map((p) => p.program_id).join(', ')}`,
        );
      if (!programs.length) {
        console.error(`Error: no program has ${args.base.level} episodes`);
        return 2;
      }
    }
    const requests: StudyRequest[] = args.all
      ? programs.map((p) => ({ ...args.base, programs: [p], comparator }))
      : [{ ...args.base, programs, comparator }];
    await mkdir(args.out, { recursive: true });
    const bar = new SingleBar({
      format: 'Studies |{bar}| {value}/{total} {program}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    });
    bar.start(requests.length, 0, { program: '' });
    const written: string[] = [];
    const failed: string[] = [];
    for (const request of requests) {
      bar.update({ program: request.programs.join('+') });
      try {
        const study = await studies.build(request);
        const ex = await studyExports(study);
        const stem = join(args.out, studyFileStem(study));
        if (written.some((w) => w.startsWith(`${stem}.html`)))
          throw new Error(`two studies would share the file name ${stem}.html`);
        const replaced = ['html', 'json', 'csv'].some((ext) => existsSync(`${stem}.${ext}`));
        await writeFile(`${stem}.html`, ex.html);
        await writeFile(`${stem}.json`, ex.json);
        await writeFile(`${stem}.csv`, ex.csv);
        written.push(`${stem}.html${replaced ? '  (replaced an earlier file of the same study)' : ''}`);
      } catch (err) {
        if (!args.all) {
          bar.stop();
          throw err;
        }
        failed.push(`${request.programs.join('+')}: ${err instanceof Error ? err.message : String(err)}`);
      }
      bar.increment();
    }
    bar.stop();
    for (const f of written) console.log(f);
    if (failed.length) {
      console.error(
        `\n${failed.length} stud${failed.length > 1 ? 'ies' : 'y'} not written:\n${failed.map((f) => `- ${f}`).join('\n')}`,
      );
      return 1;
    }
    console.error(
      `\n${written.length} stud${written.length > 1 ? 'ies' : 'y'} written to ${args.out} (HTML, JSON and CSV each).`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ExportError || err instanceof StudyRequestError) {
      console.error(`Error: ${err.message}`);
      return err instanceof ExportError ? 1 : 2;
    }
    throw err;
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG) console.error(err);
    process.exit(1);
  },
);
