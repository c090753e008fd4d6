import { TABLES, type TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { col, srcTable } from './sql-parts';

/** The latest date in any DATE column of the contract in the loaded tables, or null when there is none. */
export async function latestDate(
  conn: Connector,
  columnsByTable: ReadonlyMap<TableName, ReadonlyMap<string, string>>,
): Promise<string | null> {
  let latest: string | null = null;
  for (const spec of TABLES) {
    const columns = columnsByTable.get(spec.name);
    if (!columns) continue;
    const dates = spec.columns.filter((c) => c.type === 'DATE' && columns.get(c.name) === 'DATE');
    if (!dates.length) continue;
    const [row] = await conn.query<Record<string, string | null>>(
      `SELECT ${dates.map((c, i) => `max(${col('t', c.name)}) AS d${i}`).join(', ')} FROM ${srcTable(spec.name)} AS t`,
    );
    for (const v of Object.values(row)) if (v !== null && (latest === null || v > latest)) latest = v;
  }
  return latest;
}
