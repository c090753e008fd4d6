import { FILTER_COLUMNS, FILTER_COLUMN_NAMES, isFilterColumn } from '../../core/cohort/columns';
import type { Cohort, CohortFilters } from '../../core/cohort/types';
import { calendarDateProblem } from '../../core/dates/calendar-date';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../core/contract/codes';

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

export class UsageError extends Error {}

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

/** The command line of `npm run report`; throws UsageError with a message for a person. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let folder: string | undefined;
  let level: LevelOfCare = 'iop';
  const programs: string[] = [];
  const filters: Record<string, (string | boolean | null)[]> = {};
  let from: string | undefined;
  let to: string | undefined;
  let json: string | undefined;
  let exact = false;
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length) {
    const a = args.shift()!;
    if (a === '--level') {
      const v = value(a).toLowerCase();
      if (!(LEVELS_OF_CARE as readonly string[]).includes(v))
        throw new UsageError(`--level: one of ${LEVELS_OF_CARE.join(', ')}, not ${v}`);
      level = v as LevelOfCare;
    } else if (a === '--program') programs.push(value(a));
    else if (a === '--from' || a === '--to') {
      const v = value(a);
      const problem = calendarDateProblem(v);
      if (problem) throw new UsageError(`${a}: ${problem}`);
      if (a === '--from') from = v;
      else to = v;
    } else if (a === '--where') {
      const v = value(a);
      const eq = v.indexOf('=');
      if (eq <= 0) throw new UsageError(`--where takes COLUMN=VALUE, not ${v}`);
      const column = v.slice(0, eq).trim();
      if (!isFilterColumn(column))
        throw new UsageError(`--where: unknown column ${column}; one of ${FILTER_COLUMN_NAMES.join(', ')}`);
      (filters[column] ??= []).push(parseValue(column, v.slice(eq + 1)));
    } else if (a === '--json') json = value(a);
    else if (a === '--exact') exact = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (folder === undefined) folder = a;
    else throw new UsageError(`only one folder, got ${folder} and ${a}`);
  }
  if (folder === undefined) throw new UsageError('missing the export folder');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (exact && json === undefined) throw new UsageError('--exact applies to --json FILE');
  const cohort: Cohort = { level };
  if (from) cohort.from = from;
  if (to) cohort.to = to;
  if (programs.length) cohort.programs = programs;
  if (Object.keys(filters).length) cohort.filters = filters as CohortFilters;
  return exact ? { folder, cohort, json, exact } : { folder, cohort, json };
}
