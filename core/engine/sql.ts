import { isCalendarDate } from '../dates/calendar-date';

/**
 * The one module that puts names and literals into SQL text. User values go through
 * parameters wherever the engine allows; where SQL needs text (identifiers, file paths in
 * DDL, literals inside generated views) they are quoted here and nowhere else.
 */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

export function quoteDate(value: string): string {
  if (!isCalendarDate(value)) throw new Error(`not a calendar date: ${value}`);
  return `DATE ${quoteLiteral(value)}`;
}
