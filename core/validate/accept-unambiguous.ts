import { TABLES, type TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import type { Row } from '../engine/connector';
import { BatchSums } from './batch-sums';
import { col, examplesList, keyExpr, splitExamples, srcTable, toCount } from './sql-parts';
import { rawRelation, type StreamedTable } from './streamed-table';
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

const timestampNote = (table: TableName, column: string, physical: string, n: number, examples: string[]) =>
  note(
    table,
    `${table}.${column}.timestamp`,
    `${table}.${column} is a ${physical}; each value is taken as its UTC calendar date (${n} ${n === 1 ? 'row had' : 'rows had'} a time of day).`,
    { column, count: n, examples },
  );

const utcDate = (v: string) => `DATE '1970-01-01' + CAST(floor(epoch_us(${v}) / ${DAY_US}) AS INTEGER)`;

export interface Accepted {
  /** The warnings, in table order (a streamed table's timestamp counts are filled by `finish`). */
  findings: Finding[];
  /** A streamed table: counts the current batch's rows with a time of day (once per batch of a pass). */
  countBatch(table: TableName): Promise<void>;
  /** Fills the streamed tables' timestamp warnings from the batches counted. */
  finish(): Promise<void>;
}

/**
 * What an export gets slightly wrong in a way whose intent is plain, put right in `src_<table>`
 * before validation, each said in a warning:
 * - a column named as the contract's but for letter case (EPISODE_ID) is read under the contract's
 *   name, when exactly one column matches and none has the exact name (contract names are lower case);
 * - a TIMESTAMP in a DATE column is taken as its UTC calendar date, counting the rows that had a
 *   time of day (EHR exports often write midnight timestamps).
 * A table is altered in place; a streamed table's `src_` view is redefined, and its rows with a
 * time of day are counted batch by batch (`countBatch`), as validation reads them.
 */
export async function acceptUnambiguous(
  conn: Connector,
  present: Iterable<TableName>,
  streamed: ReadonlyMap<TableName, StreamedTable> = new Map(),
): Promise<Accepted> {
  const findings: Finding[] = [];
  const pending = new Map<TableName, { sums: BatchSums; sql: string; fill: (row: Row) => void }>();
  const loaded = new Set(present);
  for (const spec of TABLES.filter((t) => loaded.has(t.name))) {
    const table = spec.name;
    const stream = streamed.get(table);
    let columns = await sourceColumns(conn, table);
    const renamed: string[] = [];
    const rawName = new Map<string, string>();
    for (const c of spec.columns) {
      if (columns.has(c.name)) continue;
      const names = [...columns.keys()].map((n) => [n, n.toLowerCase()] as const);
      const matches = names.filter(([, low]) => low === c.name);
      // DuckDB reads a second `Sex` beside `SEX` as `Sex_1`: two candidates, so neither is taken.
      const twins = names.filter(([, low]) => new RegExp(`^${c.name}_\\d+$`).test(low));
      if (matches.length !== 1 || twins.length) continue;
      rawName.set(matches[0][0], c.name);
      if (!stream)
        await conn.exec(
          `ALTER TABLE ${srcTable(table)} RENAME COLUMN ${quoteIdent(matches[0][0])} TO ${quoteIdent(c.name)}`,
        );
      renamed.push(`${matches[0][0]} as ${c.name}`);
    }
    if (renamed.length) {
      if (stream) columns = new Map([...columns].map(([n, t]) => [rawName.get(n) ?? n, t]));
      else columns = await sourceColumns(conn, table);
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
    const stamped = spec.columns.filter((x) => x.type === 'DATE' && isTimestamp(columns.get(x.name) ?? ''));
    const timed = (name: string) => `epoch_us(${col('t', name)}) % ${DAY_US} <> 0`;
    const counts = stamped.flatMap((c, i) => [
      `count(*) FILTER (WHERE ${timed(c.name)})::BIGINT AS n${i}`,
      `${examplesList(keyExpr(spec), timed(c.name))} AS e${i}`,
    ]);
    const sums = new BatchSums(
      conn,
      `accept_${table}`,
      stamped.map((_, i) => `n${i}`),
      stamped.map((_, i) => `e${i}`),
    );
    const at = findings.length;
    const fill = (row: Row) =>
      findings.splice(
        at,
        0,
        ...stamped.map((c, i) =>
          timestampNote(
            table,
            c.name,
            columns.get(c.name)!,
            toCount(row[`n${i}`]),
            splitExamples(row[`e${i}`]),
          ),
        ),
      );
    if (stream) {
      const rawOf = new Map([...rawName].map(([from, to]) => [to, from]));
      const source = [...columns.keys()].map((name) => {
        const raw = rawOf.get(name) ?? name;
        const stamp = stamped.some((c) => c.name === name);
        return { name, raw, select: stamp ? utcDate(col('t', raw)) : col('t', raw) };
      });
      if (rawName.size || stamped.length) await stream.defineSource(source);
      if (stamped.length) {
        const plain = `(SELECT ${source.map((c) => `${col('t', c.raw)} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteIdent(rawRelation(table))} AS t)`;
        pending.set(table, { sums, sql: `SELECT ${counts.join(', ')} FROM ${plain} AS t`, fill });
      }
      continue;
    }
    if (!stamped.length) continue;
    await sums.add(`SELECT ${counts.join(', ')} FROM ${srcTable(table)} AS t`);
    for (const c of stamped)
      await conn.exec(
        `ALTER TABLE ${srcTable(table)} ALTER COLUMN ${quoteIdent(c.name)} SET DATA TYPE DATE USING ${utcDate(quoteIdent(c.name))}`,
      );
    fill(await sums.result());
  }
  return {
    findings,
    async countBatch(table) {
      const p = pending.get(table);
      if (p) await p.sums.add(p.sql);
    },
    async finish() {
      // filled last first, so the earlier tables' places stay where they were
      for (const p of [...pending.values()].reverse()) p.fill(await p.sums.result());
      pending.clear();
    },
  };
}
