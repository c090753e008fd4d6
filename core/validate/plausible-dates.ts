import { ROW_RULES, type TableSpec } from '../contract/schema';
import { quoteLiteral } from '../engine/sql';
import type { InferredExtractDate } from './extract-date';
import type { RowFlag } from './row-flags';
import { col } from './sql-parts';
import type { Finding } from './types';

/** No treatment record of a program using this contract predates it. */
export const PLAUSIBLE_FROM = '1990-01-01';

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Date columns a contract rule already checks against the extract date (date_order, within_episode). */
const CHECKED_AGAINST_E: ReadonlySet<string> = new Set(
  ROW_RULES.flatMap((r) =>
    r.kind === 'date_order'
      ? r.columns.map((c) => `${r.table}.${c}`)
      : r.kind === 'within_episode'
        ? [`${r.table}.${r.column}`]
        : [],
  ),
);

/**
 * One warning rule per DATE column: a date before PLAUSIBLE_FROM, or after the extract date where
 * no other rule already says so. The row is left out like any other broken row.
 */
export function plausibleDateFlags(
  spec: TableSpec,
  columns: ReadonlySet<string>,
  extractDate: string,
): RowFlag[] {
  return spec.columns
    .filter((c) => c.type === 'DATE' && columns.has(c.name))
    .map((c) => {
      const where = `${spec.name}.${c.name}`;
      const v = col('t', c.name);
      const afterE = !CHECKED_AGAINST_E.has(where);
      return {
        rule: `${where}.implausible`,
        column: c.name,
        message: `${where} is before ${PLAUSIBLE_FROM}${afterE ? ` or after the extract date ${extractDate}` : ''}`,
        sql: `${v} < DATE ${quoteLiteral(PLAUSIBLE_FROM)}${afterE ? ` OR ${v} > ?::DATE` : ''}`,
        params: afterE ? [extractDate] : [],
      };
    });
}

/** The warning that says which extract date was read off the data, when implausible dates were passed over. */
export function inferredExtractDateFinding(inferred: InferredExtractDate, today: string): Finding | null {
  const { after, before, examples } = inferred.ignored;
  if (!inferred.date || after + before === 0) return null;
  const skipped = [
    after ? `${after} after today (${today})` : '',
    before ? `${before} before ${PLAUSIBLE_FROM}` : '',
  ].filter(Boolean);
  return {
    rule: 'export.extract_date',
    severity: 'warning',
    table: 'manifest',
    message:
      `No extract date in a manifest: ${inferred.date} is used, the latest plausible date in the data; ` +
      `${skipped.join(' and ')} ${after + before === 1 ? 'was' : 'were'} passed over.`,
    count: after + before,
    examples,
  };
}
