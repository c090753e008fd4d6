import { quoteIdent } from './sql';

/**
 * Drops the table or view of that name, whichever it is: DuckDB refuses DROP TABLE of a view and
 * DROP VIEW of a table, and a streamed `src_encounters` is a view where the others are tables.
 */
export async function dropRelation(exec: (sql: string) => unknown, name: string): Promise<void> {
  for (const kind of ['VIEW', 'TABLE']) {
    try {
      await exec(`DROP ${kind} IF EXISTS ${quoteIdent(name)}`);
    } catch (err) {
      if (!/is of type/i.test(String(err))) throw err;
    }
  }
}
