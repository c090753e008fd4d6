import { isCalendarDate } from '../dates/calendar-date';
import type { SqlValue } from './connector';

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

/**
 * The statement with each `?` parameter replaced by its value as a literal (quoteLiteral; a
 * negative number in parentheses, so `x -?` cannot become a comment), for a statement that cannot
 * hold parameters: a view's definition. A `?` inside a quoted literal, a quoted identifier or a
 * comment is text, not a parameter. Numbered parameters (`?1`, `$1`) are refused, and so is a
 * count of `?` other than the count of values.
 */
export function bindLiterals(sql: string, params: readonly SqlValue[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    let end = i + 1;
    if (ch === "'" || ch === '"') end = closingQuote(sql, i);
    else if (sql.startsWith('--', i)) end = sql.includes('\n', i) ? sql.indexOf('\n', i) : sql.length;
    else if (sql.startsWith('/*', i)) {
      if (!sql.includes('*/', i + 2)) throw new Error('unterminated comment');
      end = sql.indexOf('*/', i + 2) + 2;
    } else if (ch === '$' && /\d/.test(sql[i + 1] ?? ''))
      throw new Error('numbered parameters are not bound');
    else if (ch === '?') {
      if (/\d/.test(sql[i + 1] ?? '')) throw new Error('numbered parameters are not bound');
      if (next >= params.length) throw new Error(`more parameters than the ${params.length} values`);
      const value = params[next++];
      out += typeof value === 'number' && value < 0 ? `(${quoteLiteral(value)})` : quoteLiteral(value);
      i = end;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (next !== params.length) throw new Error(`${next} parameters for ${params.length} values`);
  return out;
}

/** The index after the quote that closes the one at `start` (a doubled quote is the character itself). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  for (;;) {
    const j = sql.indexOf(quote, i);
    if (j < 0) throw new Error('unterminated quoted text');
    if (sql[j + 1] !== quote) return j + 1;
    i = j + 2;
  }
}
