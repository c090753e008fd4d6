import type { Cohort, Grouping } from '../cohort/types';
import { cohortRuns, rowsOf, type ProgramRows } from '../cohort/row-range';
import type { Row, SqlValue } from '../engine/connector';
import type { MeasureContext } from './group';

/**
 * A query over cohort_eps, grouped by grp and then `keys`, whose every other column is a count or
 * a sum over the cohort's episodes. Its rows for a cohort of some programs are then the sums of
 * its rows for each of those programs.
 */
export interface SumQuery {
  sql: string;
  keys: readonly string[];
  params?: readonly SqlValue[];
  /**
   * Its columns are not all counts and sums, but each grp's rows read that grp's episodes alone
   * (a grouped pass of any aggregates): a cohort grouped by program then takes its programs' rows
   * as they are, and any other grouping reads its own rows.
   */
  perGroup?: boolean;
}

/** What a sum query's rows are kept under: its SQL and parameters. */
export const sumQueryKey = (q: SumQuery): string =>
  q.params?.length ? `${q.sql}\u0000${JSON.stringify(q.params)}` : q.sql;

/**
 * How a cohort's sums are read from its base's rows by program. The base is the same cohort with
 * every program of its level; `programs` are the rows kept (null: all) and `grp` the group a
 * program's rows are summed into.
 */
export interface ProgramSums {
  /** The cohort and grouping, as one string. */
  of: string;
  base: Cohort;
  programs: ReadonlySet<string> | null;
  grp: (program: string) => string;
  /** Each program is its own group (grouped by program): rows are chosen, never added. */
  byProgram: boolean;
}

/** A cohort's program sums, for the groupings whose groups are unions of programs; null otherwise. */
export function programSums(cohort: Cohort, grouping: Grouping): ProgramSums | null {
  if (cohort.notPrecededBy || grouping.kind === 'sets') return null;
  if (grouping.kind === 'by' && grouping.column !== 'program_id') return null;
  const { programs, ...base } = cohort;
  return {
    of: JSON.stringify([cohort, grouping]),
    base,
    programs: programs?.length ? new Set(programs) : null,
    grp: grouping.kind === 'overall' ? () => 'overall' : (program) => program,
    byProgram: grouping.kind === 'by',
  };
}

/**
 * Whether a sum query whose base rows were never read reads them (then kept for every program
 * ticked after) rather than the cohort's own rows: always, unless the export is read by row
 * range (`runs`, from a row group's size on) and the chosen programs hold less than half the
 * level's rows. Reading the level whole costs about its rows there; below, a statement's fixed cost.
 */
export function readsBase(runs: readonly ProgramRows[], sums: ProgramSums): boolean {
  if (!sums.programs || !runs.length) return true;
  const chosen = rowsOf(cohortRuns(runs, { level: sums.base.level, programs: [...sums.programs] }));
  return 2 * chosen >= rowsOf(cohortRuns(runs, sums.base));
}

/** A query's rows as the sums of their programs' rows (`rows` grouped by program). */
export function sumRows(rows: readonly Row[], keys: readonly string[], sums: ProgramSums): Row[] {
  const order = byColumns(['grp', ...keys]);
  const sorted = inOrder(rows, order);
  if (sums.byProgram) return sorted.filter((r) => !sums.programs || sums.programs.has(String(r.grp)));
  const out = new Map<string, Row>();
  for (const row of sorted) {
    const program = String(row.grp);
    if (sums.programs && !sums.programs.has(program)) continue;
    const grp = sums.grp(program);
    let key = grp;
    for (const k of keys) key += row[k] === null ? '\u0000' : `\u001f${String(row[k])}`;
    const into = out.get(key);
    if (!into) {
      out.set(key, { ...row, grp });
      continue;
    }
    for (const column in row)
      if (column !== 'grp' && row[column] != null && !keys.includes(column))
        into[column] = into[column] == null ? row[column] : Number(into[column]) + Number(row[column]);
  }
  return [...out.values()].sort(order).map((r) => Object.freeze(r));
}

/** Kept rows in a query's order, sorted once (a base's rows serve every tick). */
const ordered = new WeakMap<readonly Row[], readonly Row[]>();
function inOrder(rows: readonly Row[], order: (a: Row, b: Row) => number): readonly Row[] {
  let sorted = ordered.get(rows);
  if (!sorted) {
    sorted = rows.every((r, i) => i === 0 || order(rows[i - 1], r) <= 0) ? rows : [...rows].sort(order);
    ordered.set(rows, sorted);
  }
  return sorted;
}

/** Rows ordered as SQL's ORDER BY of these columns (ascending, nulls last). */
function byColumns(columns: readonly string[]) {
  return (a: Row, b: Row): number => {
    for (const c of columns) {
      const x = a[c];
      const y = b[c];
      if (x === y) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      return (x as number | string) < (y as number | string) ? -1 : 1;
    }
    return 0;
  };
}

/** Runs a sum query: from the session's per-program rows when it has them, else as it is. */
export const querySums = <T extends Row = Row>(ctx: MeasureContext, q: SumQuery): Promise<T[]> =>
  (ctx.sums ? ctx.sums(q) : ctx.conn.query(q.sql, q.params)) as Promise<T[]>;

/**
 * Whether a select item (`expr AS name`, or several comma-separated) is only counts and sums:
 * each expression exactly one `count(…)` or `sum(…)` (not DISTINCT), with an optional
 * `FILTER (…)` and cast. A ratio, mean, quantile or anything else is not.
 */
export const isSumItem = (sql: string): boolean => splitTopLevel(sql).every(isOneSum);

function isOneSum(expr: string): boolean {
  const call = /^\s*(count|sum)\s*\(/i.exec(expr);
  if (!call) return false;
  const close = closingParen(expr, call[0].length - 1);
  if (close < 0 || /^\s*DISTINCT\b/i.test(expr.slice(call[0].length, close))) return false;
  let rest = expr.slice(close + 1);
  const filter = /^\s*FILTER\s*\(/i.exec(rest);
  if (filter) {
    const end = closingParen(rest, filter[0].length - 1);
    if (end < 0) return false;
    rest = rest.slice(end + 1);
  }
  return /^\s*(::\s*[A-Za-z]+)?\s+AS\s+[A-Za-z_]\w*\s*$/i.test(rest);
}

/** The index of the parenthesis closing the one at `open` (quoted text skipped), or -1. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The comma-separated expressions of a select list, commas inside parentheses or quotes kept. */
function splitTopLevel(sql: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      if (end < 0) return [sql];
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, sql.slice(start)];
}
