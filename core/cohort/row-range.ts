import type { RowRange } from '../measures/episode-order';
import type { Cohort } from './types';

/** One level of care and program's run of rows in the per-episode tables. */
export type ProgramRows = {
  level: string;
  program: string | null;
  lo: number;
  hi: number;
};

/**
 * Each level and program's first and last row of ep_summary, which is sorted by them
 * (episode-summary.ts), so a program's episodes are one run of rows. A session reads it once.
 */
export const PROGRAM_ROWS_SQL = `SELECT level_of_care AS level, program_id AS program,
  min(rowid)::DOUBLE AS lo, max(rowid)::DOUBLE AS hi
FROM ep_summary GROUP BY level_of_care, program_id ORDER BY lo`;

/**
 * Fewer per-episode rows than one DuckDB row group are read whole: there a ranged view's longer
 * bind in every statement costs more than the rows it skips (the sample, 12,565 rows, DuckDB-WASM in
 * Node: a one-program Overview 58 ms read whole, 64 ms ranged; from 100k IOP episodes, 210k rows,
 * the range gains several times, DESIGN.md).
 */
export const RANGED_FROM_ROWS = 122_880;

/** The rows the runs hold. */
export const rowsOf = (runs: readonly ProgramRows[]): number => runs.reduce((n, r) => n + r.hi - r.lo + 1, 0);

/** The runs a session ranges its cohorts by: none (every row read) below RANGED_FROM_ROWS rows. */
export const runsWorthRanging = (runs: readonly ProgramRows[]): ProgramRows[] =>
  rowsOf(runs) >= RANGED_FROM_ROWS ? [...runs] : [];

/** The runs of the cohort's level and chosen programs (every program of it when none is chosen). */
export function cohortRuns(
  runs: readonly ProgramRows[],
  cohort: Pick<Cohort, 'level' | 'programs'>,
): ProgramRows[] {
  const chosen = cohort.programs?.length ? new Set<string | null>(cohort.programs) : null;
  return runs.filter((r) => r.level === cohort.level && (!chosen || chosen.has(r.program)));
}

/**
 * The rows the cohort's level and chosen programs span, from its first program's run to its last
 * (the cohort's own predicate still applies within); null, to read every row, without runs.
 */
export function cohortRowRange(
  runs: readonly ProgramRows[],
  cohort: Pick<Cohort, 'level' | 'programs'>,
): RowRange | null {
  if (!runs.length) return null;
  const mine = cohortRuns(runs, cohort);
  if (!mine.length) return { lo: 0, hi: -1 };
  return { lo: Math.min(...mine.map((r) => r.lo)), hi: Math.max(...mine.map((r) => r.hi)) };
}
