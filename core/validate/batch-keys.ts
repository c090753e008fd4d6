import type { TableSpec } from '../contract/schema';
import type { Connector, ParquetBatches } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { col, srcTable, toCount } from './sql-parts';
import { keyErrors } from './table-errors';
import type { Finding } from './types';

const RANGES = quoteIdent('_val_key_ranges');
const IDS = quoteIdent('_val_ids');

/**
 * The primary key of a table read in batches, without holding its keys: each batch's key range
 * and its nulls and repeats within the batch; batches whose ranges do not overlap and have none
 * prove the key unique. Otherwise (or for a key of several columns) a second pass gathers the
 * keys alone and the partitioned check of keyErrors reads them. A table read in one batch is
 * checked as a table (keyErrors).
 */
export class BatchKeys {
  private result: Finding[] | null = null;
  private batches = 0;

  constructor(
    private readonly conn: Connector,
    private readonly spec: TableSpec,
  ) {}

  /** Checks the current batch; `whole`: it is the whole table. True when the key is known broken already. */
  async batch(whole: boolean): Promise<boolean> {
    if (whole && this.batches === 0) {
      this.result = await keyErrors(this.conn, this.spec);
      return this.result.length > 0;
    }
    const k = col('t', this.spec.key[0]);
    const b = this.batches++;
    const head = b ? `INSERT INTO ${RANGES} ` : `CREATE OR REPLACE TEMP TABLE ${RANGES} AS `;
    await this.conn.exec(
      `${head}SELECT ${b} AS b, min(${k}) AS lo, max(${k}) AS hi,
         count(*) FILTER (WHERE ${this.spec.key.map((c) => `${col('t', c)} IS NULL`).join(' OR ')})::BIGINT AS nulls,
         ${this.spec.key.length === 1 ? `(count(${k}) - count(DISTINCT ${k}))::BIGINT` : '1::BIGINT'} AS repeats
       FROM ${srcTable(this.spec.name)} AS t`,
    );
    const [row] = await this.conn.query(`SELECT nulls, repeats FROM ${RANGES} WHERE b = ${b}`);
    return toCount(row.nulls) > 0 || toCount(row.repeats) > 0;
  }

  /** The key's errors; `pass` opens a second pass over the batches when the ranges cannot prove it. */
  async finish(pass: () => Promise<ParquetBatches>): Promise<Finding[]> {
    if (this.result) return this.result;
    if (!this.batches) return [];
    const [row] = await this.conn.query(
      `SELECT sum(nulls)::BIGINT AS nulls, sum(repeats)::BIGINT AS repeats,
              count(*) FILTER (WHERE lo <= prev_hi)::BIGINT AS overlaps
       FROM (SELECT *, max(hi) OVER (ORDER BY lo ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_hi
             FROM ${RANGES})`,
    );
    await this.conn.exec(`DROP TABLE IF EXISTS ${RANGES}`);
    if (!toCount(row.nulls) && !toCount(row.repeats) && !toCount(row.overlaps)) return [];
    const keys = this.spec.key.map((c) => quoteIdent(c)).join(', ');
    const again = await pass();
    try {
      let first = true;
      while ((await again.next()) !== null) {
        const head = first ? `CREATE OR REPLACE TEMP TABLE ${IDS} AS ` : `INSERT INTO ${IDS} `;
        await this.conn.exec(`${head}SELECT ${keys} FROM ${srcTable(this.spec.name)}`);
        first = false;
      }
    } finally {
      await again.close();
    }
    try {
      return await keyErrors(this.conn, this.spec, undefined, IDS);
    } finally {
      await this.conn.exec(`DROP TABLE IF EXISTS ${IDS}`);
    }
  }
}
