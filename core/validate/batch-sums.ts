import type { Connector, Row, SqlValue } from '../engine/connector';
import { quoteIdent } from '../engine/sql';

/**
 * Counts and example keys of a table read in batches, merged as one scan of the whole table
 * gives them: each batch adds one row (its counts, and for each rule its up-to-5 smallest keys as
 * a list, `examplesList`); `result()` sums the counts and keeps the 5 smallest keys of all
 * batches, as the text `examplesAgg` gives. Holds 5 keys per rule per batch, never the rows.
 */
export class BatchSums {
  private started = false;
  private readonly table: string;

  constructor(
    private readonly conn: Connector,
    name: string,
    private readonly sums: readonly string[],
    private readonly examples: readonly string[] = [],
  ) {
    this.table = quoteIdent(`_val_sums_${name}`);
  }

  /** `select` returns one row with the columns named in the constructor. */
  async add(select: string, params: readonly SqlValue[] = []): Promise<void> {
    const head = this.started
      ? `INSERT INTO ${this.table} `
      : `CREATE OR REPLACE TEMP TABLE ${this.table} AS `;
    await this.conn.query(
      `${head}SELECT ${[...this.sums, ...this.examples].map(quoteIdent).join(', ')} FROM (${select})`,
      params,
    );
    this.started = true;
  }

  /** The sum of `column` over the batches added so far. */
  async total(column: string): Promise<number> {
    if (!this.started) return 0;
    const [row] = await this.conn.query(`SELECT sum(${quoteIdent(column)})::BIGINT AS n FROM ${this.table}`);
    return Number(row.n ?? 0);
  }

  async result(): Promise<Row> {
    if (!this.started) return {};
    const items = [
      ...this.sums.map((c) => `sum(${quoteIdent(c)})::BIGINT AS ${quoteIdent(c)}`),
      ...this.examples.map(
        (c) =>
          `array_to_string(list_sort(flatten(list(${quoteIdent(c)})))[1:5], chr(31)) AS ${quoteIdent(c)}`,
      ),
    ];
    const [row] = await this.conn.query(`SELECT ${items.join(', ')} FROM ${this.table}`);
    await this.conn.exec(`DROP TABLE IF EXISTS ${this.table}`);
    return row;
  }

  async discard(): Promise<void> {
    await this.conn.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
