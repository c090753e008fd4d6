import { TABLES, type TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { col, examplesAgg, keyExpr, splitExamples, srcTable, toCount } from './sql-parts';
import { sourceColumns } from './table-errors';
import type { Finding } from './types';

const DAY_US = 86_400_000_000;
const isTimestamp = (t: string) => t.startsWith('TIMESTAMP');

const note = (table: TableName, rule: string, message: string, extra: Partial<Finding>): Finding => ({
  rule,
  severity: 'warning',
  table,
  message,
  count: 1,
  examples: [],
  ...extra,
});

/**
 * What an export gets slightly wrong in a way whose intent is plain, put right in `src_<table>`
 * before validation, each said in a warning:
 * - a column named as the contract's but for letter case (EPISODE_ID) is read under the contract's
 *   name, when exactly one column matches and none has the exact name (contract names are lower case);
 * - a TIMESTAMP in a DATE column is taken as its UTC calendar date, counting the rows that had a
 *   time of day (EHR exports often write midnight timestamps).
 */
export async function acceptUnambiguous(conn: Connector, present: Iterable<TableName>): Promise<Finding[]> {
  const findings: Finding[] = [];
  const loaded = new Set(present);
  for (const spec of TABLES.filter((t) => loaded.has(t.name))) {
    const table = spec.name;
    let columns = await sourceColumns(conn, table);
    const renamed: string[] = [];
    for (const c of spec.columns) {
      if (columns.has(c.name)) continue;
      const names = [...columns.keys()].map((n) => [n, n.toLowerCase()] as const);
      const matches = names.filter(([, low]) => low === c.name);
      // DuckDB reads a second `Sex` beside `SEX` as `Sex_1`: two candidates, so neither is taken.
      const twins = names.filter(([, low]) => new RegExp(`^${c.name}_\\d+$`).test(low));
      if (matches.length !== 1 || twins.length) continue;
      await conn.exec(
        `ALTER TABLE ${srcTable(table)} RENAME COLUMN ${quoteIdent(matches[0][0])} TO ${quoteIdent(c.name)}`,
      );
      renamed.push(`${matches[0][0]} as ${c.name}`);
    }
    if (renamed.length) {
      columns = await sourceColumns(conn, table);
      findings.push(
        note(
          table,
          `${table}.column_case`,
          `${table}.parquet names ${renamed.length === 1 ? 'a column' : 'columns'} in other letter case; read as the contract's: ${renamed.join(', ')}.`,
          {
            count: renamed.length,
            examples: renamed.slice(0, 5),
          },
        ),
      );
    }
    for (const c of spec.columns.filter((x) => x.type === 'DATE' && isTimestamp(columns.get(x.name) ?? ''))) {
      const v = col('t', c.name);
      const timed = `epoch_us(${v}) % ${DAY_US} <> 0`;
      const [row] = await conn.query(
        `SELECT count(*) FILTER (WHERE ${timed})::BIGINT AS n, ${examplesAgg(keyExpr(spec), timed)} AS e FROM ${srcTable(table)} AS t`,
      );
      const n = toCount(row.n);
      await conn.exec(
        `ALTER TABLE ${srcTable(table)} ALTER COLUMN ${quoteIdent(c.name)} SET DATA TYPE DATE USING
         DATE '1970-01-01' + CAST(floor(epoch_us(${quoteIdent(c.name)}) / ${DAY_US}) AS INTEGER)`,
      );
      findings.push(
        note(
          table,
          `${table}.${c.name}.timestamp`,
          `${table}.${c.name} is a ${columns.get(c.name)}; each value is taken as its UTC calendar date (${n} ${n === 1 ? 'row had' : 'rows had'} a time of day).`,
          {
            column: c.name,
            count: n,
            examples: splitExamples(row.e),
          },
        ),
      );
    }
  }
  return findings;
}
