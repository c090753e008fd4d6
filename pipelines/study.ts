/**
 * `npm run study -- <folder> (--program ID | --all-programs) --out DIR [options]`: the outcome
 * study of outcome-study.md for one program or every program of an export, each written as
 * HTML, JSON and CSV under the small-cell rule.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { NativeConnector } from '../core/platform/node';
import {
  OutcomeSession,
  studyExactExports,
  studyExports,
  studyFileStem,
  StudyRequestError,
  StudyService,
  type Comparator,
  type ExternalFigure,
  type StudyRequest,
} from '../core';
import { exportFolderArg, parseCommandLine, runCommand } from './lib/cli';
import { COHORT_OPTIONS, cohortOf, UsageError } from './lib/report-args';
import { tedsComparatorOf } from './import/teds-reference';

const USAGE = `Usage: npm run study -- <folder> (--program ID... | --all-programs) --out DIR
                         [--comparator all|op|programs:A,B|external:FILE|teds:DIR]
                         [--level LEVEL] [--from DATE --to DATE] [--where COLUMN=VALUE]... [--exact]

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
  --exact           write exact figures, small counts included (checking against R, internal
                    use): such files are not for release

With --comparator op the study leads with the adjusted comparison of comparative-effectiveness.md
(entry episodes, overlap weights, cost-effectiveness); its JSON carries the "comparative" block.
Without --exact every export applies the small-cell rule: counts from 1 to 10 are shown as "<11".`;

interface StudyArgs {
  folder: string;
  out: string;
  all: boolean;
  exact: boolean;
  comparator: string;
  base: Omit<StudyRequest, 'comparator' | 'programs'>;
  programs: string[];
}

const STUDY_OPTIONS = {
  ...COHORT_OPTIONS,
  out: { type: 'string' },
  'all-programs': { type: 'boolean' },
  exact: { type: 'boolean' },
  comparator: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function parseStudyArgs(argv: string[]): StudyArgs {
  const { values, positionals } = parseCommandLine(argv, STUDY_OPTIONS);
  if (values.json) throw new UsageError('unknown option --json (the study always writes JSON into --out)');
  const { folder, cohort } = cohortOf(values, positionals);
  const out = values.out;
  const all = values['all-programs'] ?? false;
  const exact = values.exact ?? false;
  if (!out) throw new UsageError('missing --out DIR');
  const programs = cohort.programs ?? [];
  if (all && programs.length) throw new UsageError('use either --program or --all-programs, not both');
  if (!all && !programs.length) throw new UsageError('choose --program ID or --all-programs');
  const { level, from, to, filters } = cohort;
  return {
    folder,
    out,
    all,
    exact,
    comparator: values.comparator ?? 'all',
    programs,
    base: { level, from, to, filters },
  };
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
  const args = parseStudyArgs(argv);
  const comparator = await resolveComparator(args.comparator);
  const files = await exportFolderArg(args.folder);
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
        const ex = args.exact ? await studyExactExports(study) : await studyExports(study);
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
    if (args.exact)
      console.error(
        'Warning: --exact: these files hold exact figures, small counts included: not for release.',
      );
    return 0;
  } catch (err) {
    if (err instanceof StudyRequestError) {
      console.error(`Error: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await conn.close();
  }
}

runCommand(USAGE, main);
