import {
  calendarDateProblem,
  FILTER_COLUMN_NAMES,
  FILTER_COLUMNS,
  isFilterColumn,
  LEVELS_OF_CARE,
  type Cohort,
  type CohortFilters,
  type LevelOfCare,
} from '../../core';
import { parseCommandLine, UsageError } from './cli';

export const REPORT_USAGE = `Usage: npm run report -- <folder> [--level LEVEL] [--program ID]... [--from DATE --to DATE]
                          [--where COLUMN=VALUE]... [--json FILE [--exact]]

  <folder>        an export folder (<table>.parquet files and an optional manifest.json)
  --level LEVEL   level of care of the cohort: ${LEVELS_OF_CARE.join(', ')} (default iop)
  --program ID    keep only this program (repeat for several)
  --from, --to    admission window, inclusive, YYYY-MM-DD
  --where C=V     keep episodes whose column C has value V; repeating a column means OR.
                  Columns: ${FILTER_COLUMN_NAMES.join(', ')}. V = none or unknown means missing.
  --json FILE     also write the report as JSON (measures named as in measures.md), with the
                  export privacy rule: counts 1-10 shown as "<11", figures resting on them
                  hidden, neighbouring counts "suppressed" so none can be worked back
  --exact         write exact figures to the JSON instead (checking against R, internal use);
                  such a file is not for release. The printed tables are always exact.`;

export { UsageError };

export interface ReportArgs {
  folder: string;
  cohort: Cohort;
  json?: string;
  /** Exact figures in the JSON (present only when asked for). */
  exact?: true;
}

function parseValue(column: keyof CohortFilters, raw: string): string | boolean | null {
  const spec = FILTER_COLUMNS[column];
  const v = raw.trim().toLowerCase();
  if (v === 'none' || v === 'unknown' || v === 'null') {
    if (spec.nullable) return null;
    if (spec.codes.includes(v)) return v;
    throw new UsageError(`--where ${column}: this column is never missing`);
  }
  if (spec.type === 'BOOLEAN') {
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0'].includes(v)) return false;
    throw new UsageError(`--where ${column}=${raw}: expected true, false or unknown`);
  }
  if (!spec.codes.includes(v))
    throw new UsageError(
      `--where ${column}=${raw}: unknown value; one of ${spec.codes.join(', ')}${spec.nullable ? `, ${spec.nullLabel}` : ''}`,
    );
  return v;
}

/** The flags of the cohort, shared by `report` and `study`. */
export const COHORT_OPTIONS = {
  level: { type: 'string' },
  program: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  where: { type: 'string', multiple: true },
} as const;

const REPORT_OPTIONS = {
  ...COHORT_OPTIONS,
  json: { type: 'string' },
  exact: { type: 'boolean' },
} as const;

/** The export folder and the cohort of a parsed command line. */
export function cohortOf(
  values: { level?: string; program?: string[]; from?: string; to?: string; where?: string[] },
  positionals: string[],
): { folder: string; cohort: Cohort } {
  if (positionals.length > 1)
    throw new UsageError(`only one folder, got ${positionals[0]} and ${positionals[1]}`);
  const folder = positionals[0];
  if (folder === undefined) throw new UsageError('missing the export folder');
  const level = (values.level ?? 'iop').toLowerCase();
  if (!(LEVELS_OF_CARE as readonly string[]).includes(level))
    throw new UsageError(`--level: one of ${LEVELS_OF_CARE.join(', ')}, not ${level}`);
  for (const [flag, v] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const) {
    const problem = v === undefined ? null : calendarDateProblem(v);
    if (problem) throw new UsageError(`${flag}: ${problem}`);
  }
  const { from, to } = values;
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const filters: Record<string, (string | boolean | null)[]> = {};
  for (const v of values.where ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--where takes COLUMN=VALUE, not ${v}`);
    const column = v.slice(0, eq).trim();
    if (!isFilterColumn(column))
      throw new UsageError(`--where: unknown column ${column}; one of ${FILTER_COLUMN_NAMES.join(', ')}`);
    (filters[column] ??= []).push(parseValue(column, v.slice(eq + 1)));
  }
  const cohort: Cohort = { level: level as LevelOfCare };
  if (from) cohort.from = from;
  if (to) cohort.to = to;
  if (values.program?.length) cohort.programs = values.program;
  if (Object.keys(filters).length) cohort.filters = filters as CohortFilters;
  return { folder, cohort };
}

/** The command line of `npm run report`; throws UsageError with a message for a person. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const { values, positionals } = parseCommandLine(argv, REPORT_OPTIONS);
  const { folder, cohort } = cohortOf(values, positionals);
  const { json, exact } = values;
  if (exact && json === undefined) throw new UsageError('--exact applies to --json FILE');
  return exact ? { folder, cohort, json, exact } : { folder, cohort, json };
}
