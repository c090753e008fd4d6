import { LEVELS_OF_CARE } from '../contract/codes';
import { isCalendarDate } from '../dates/calendar-date';
import type { SqlValue } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { FILTER_COLUMNS, isFilterColumn } from './columns';
import type { Cohort } from './types';

export interface CompiledPredicate {
  sql: string;
  params: SqlValue[];
}

function checkDate(name: string, value: string): void {
  if (!isCalendarDate(value)) throw new Error(`${name}: not a calendar date (YYYY-MM-DD): ${value}`);
}

/** `(e.col IN (?, ?) OR e.col IS NULL)` for a list whose null means IS NULL. */
function inList(column: string, cast: string, values: readonly SqlValue[], params: SqlValue[]): string {
  const col = `e.${quoteIdent(column)}`;
  const known = values.filter((v) => v !== null);
  const parts: string[] = [];
  if (known.length) {
    parts.push(`${col} IN (${known.map(() => `?::${cast}`).join(', ')})`);
    params.push(...known);
  }
  if (known.length < values.length) parts.push(`${col} IS NULL`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/**
 * A cohort as a predicate over ep_summary aliased `e`. Every value is a parameter; column names
 * come from the fixed list of filter columns.
 */
export function compileCohort(cohort: Cohort): CompiledPredicate {
  if (!(LEVELS_OF_CARE as readonly string[]).includes(cohort.level))
    throw new Error(`unknown level of care: ${cohort.level}`);
  const params: SqlValue[] = [cohort.level];
  const clauses = ['e.level_of_care = ?::VARCHAR'];
  if (cohort.from !== undefined) {
    checkDate('from', cohort.from);
    clauses.push('e.admit_date >= ?::DATE');
    params.push(cohort.from);
  }
  if (cohort.to !== undefined) {
    checkDate('to', cohort.to);
    clauses.push('e.admit_date <= ?::DATE');
    params.push(cohort.to);
  }
  if (cohort.programs?.length) clauses.push(inList('program_id', 'VARCHAR', cohort.programs, params));
  for (const [column, values] of Object.entries(cohort.filters ?? {})) {
    if (!isFilterColumn(column)) throw new Error(`unknown filter column: ${column}`);
    if (!values?.length) continue;
    const spec = FILTER_COLUMNS[column];
    for (const v of values) {
      const ok = v === null || (spec.type === 'BOOLEAN' ? typeof v === 'boolean' : typeof v === 'string');
      if (!ok)
        throw new Error(
          `${column}: expected ${spec.type === 'BOOLEAN' ? 'true, false or null' : 'text or null'}, got ${String(v)}`,
        );
    }
    clauses.push(inList(column, spec.type, values as SqlValue[], params));
  }
  if (cohort.notPrecededBy) {
    const { level, days } = cohort.notPrecededBy;
    if (!(LEVELS_OF_CARE as readonly string[]).includes(level))
      throw new Error(`unknown level of care: ${level}`);
    if (!Number.isInteger(days) || days < 0)
      throw new Error(`notPrecededBy.days: not a whole number of days: ${days}`);
    clauses.push(`NOT EXISTS (SELECT 1 FROM ep_summary prev WHERE prev.client_id = e.client_id
      AND prev.episode_id <> e.episode_id AND prev.level_of_care = ?::VARCHAR
      AND prev.discharge_date BETWEEN e.admit_date - ?::INTEGER AND e.admit_date)`);
    params.push(level, days);
  }
  return { sql: clauses.join(' AND '), params };
}
