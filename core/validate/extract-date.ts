import { TABLES, type TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { quoteLiteral } from '../engine/sql';
import { PLAUSIBLE_FROM } from './plausible-dates';
import { col, srcTable } from './sql-parts';
import type { StreamedTable } from './streamed-table';

/** The extract date read off the data when no manifest gives one, and why. */
export interface InferredExtractDate {
  date: string | null;
  /** Dates left out of the choice: after `latestPlausible` (today) or before PLAUSIBLE_FROM. */
  ignored: { after: number; before: number; examples: string[] };
}

/**
 * The latest date in any DATE column of the contract that is neither before PLAUSIBLE_FROM nor
 * after `latestPlausible` (today): one mistyped 2200-06-30 must not become the extract date.
 */
export async function latestDate(
  conn: Connector,
  columnsByTable: ReadonlyMap<TableName, ReadonlyMap<string, string>>,
  latestPlausible: string,
  streamed: ReadonlyMap<TableName, StreamedTable> = new Map(),
): Promise<InferredExtractDate> {
  let date: string | null = null;
  const ignored: InferredExtractDate['ignored'] = { after: 0, before: 0, examples: [] };
  const lo = `DATE ${quoteLiteral(PLAUSIBLE_FROM)}`;
  const hi = `DATE ${quoteLiteral(latestPlausible)}`;
  for (const spec of TABLES) {
    const columns = columnsByTable.get(spec.name);
    if (!columns) continue;
    const dates = spec.columns.filter((c) => c.type === 'DATE' && columns.get(c.name) === 'DATE');
    if (!dates.length) continue;
    const parts = dates.flatMap((c, i) => {
      const v = col('t', c.name);
      return [
        `max(${v}) FILTER (WHERE ${v} BETWEEN ${lo} AND ${hi}) AS d${i}`,
        `count(*) FILTER (WHERE ${v} > ${hi})::BIGINT AS a${i}`,
        `count(*) FILTER (WHERE ${v} < ${lo})::BIGINT AS b${i}`,
        `CAST(max(${v}) FILTER (WHERE ${v} > ${hi}) AS VARCHAR) AS x${i}`,
      ];
    });
    const stream = streamed.get(spec.name);
    const pass = stream ? await stream.pass(dates.map((c) => c.name)) : null;
    const latestImplausible: (string | null)[] = dates.map(() => null);
    // a streamed table is read once more, its date columns alone, a batch at a time (only when no
    // manifest gives E)
    for (let read = pass ? await pass.next() : 0; read !== null; read = pass ? await pass.next() : null) {
      const [row] = await conn.query<Record<string, string | number | null>>(
        `SELECT ${parts.join(', ')} FROM ${srcTable(spec.name)} AS t`,
      );
      dates.forEach((_, i) => {
        const d = row[`d${i}`] as string | null;
        if (d !== null && (date === null || d > date)) date = d;
        ignored.after += Number(row[`a${i}`] ?? 0);
        ignored.before += Number(row[`b${i}`] ?? 0);
        const x = row[`x${i}`] as string | null;
        if (x !== null && (latestImplausible[i] === null || x > latestImplausible[i]!))
          latestImplausible[i] = x;
      });
    }
    await pass?.close();
    dates.forEach((c, i) => {
      const x = latestImplausible[i];
      if (x !== null && ignored.examples.length < 5) ignored.examples.push(`${spec.name}.${c.name} ${x}`);
    });
  }
  return { date, ignored };
}
