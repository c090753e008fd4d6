import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../core/contract/schema';
import type { LoadingConnector } from '../../core/engine/connector';
import { keyErrors } from '../../core/validate/table-errors';
import { ENGINES } from '../support/engines';

const encounters = TABLES.find((t) => t.name === 'encounters')!;
const costRates = TABLES.find((t) => t.name === 'cost_rates')!;

/**
 * The primary-key check sorts at most `sortRows` keys at once; a larger table is checked in hash
 * partitions. Partitioned or not, it finds the same null and repeated keys.
 */
describe.each(ENGINES)('key check in partitions: $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => conn?.close());

  const ids = async (extra: string) =>
    conn.exec(
      `CREATE OR REPLACE TABLE src_encounters AS SELECT range * 7 AS encounter_id FROM range(1000)${extra}`,
    );

  it.each([1_000_000, 100])('finds a repeated id among 1,001 rows (sorting %i at once)', async (sortRows) => {
    await ids(' UNION ALL SELECT 4837');
    const [dup] = await keyErrors(conn, encounters, sortRows);
    expect(dup).toMatchObject({ rule: 'encounters.key.duplicate', count: 1, examples: ['4837'] });
  });

  it.each([1_000_000, 100])(
    'finds a null id (sorting %i at once), and nothing in clean keys',
    async (sortRows) => {
      await ids(' UNION ALL SELECT NULL');
      expect((await keyErrors(conn, encounters, sortRows)).map((f) => [f.rule, f.count])).toEqual([
        ['encounters.key.null', 1],
      ]);
      await ids('');
      expect(await keyErrors(conn, encounters, sortRows)).toEqual([]);
    },
  );

  it('checks a composite key in partitions', async () => {
    await conn.exec(
      `CREATE OR REPLACE TABLE src_cost_rates AS
       SELECT 'P' || (range % 50) AS program_id, 'r' || (range // 50) AS staff_role FROM range(500)
       UNION ALL SELECT 'P3', 'r4'`,
    );
    const [dup] = await keyErrors(conn, costRates, 60);
    expect(dup).toMatchObject({ rule: 'cost_rates.key.duplicate', count: 1, examples: ['P3/r4'] });
  });
});
