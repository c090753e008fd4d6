import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import {
  createEncounterTotals,
  encounterTotalsBuilder,
  encounterTotalsSql,
} from '../../core/validate/encounter-totals';
import { ENGINES, GOLDEN_DIR } from '../support/engines';

/** Rows of a table as sorted JSON lines, doubles rounded to 1e-9 (sums in another order). */
async function rowsOf(conn: LoadingConnector, table: string): Promise<string[]> {
  const rows = await conn.query(`SELECT * FROM ${table}`);
  return rows
    .map((r) =>
      JSON.stringify(r, (_, v: unknown) =>
        typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e9) / 1e9 : v,
      ),
    )
    .sort();
}

/** encounter_totals over the golden encounters: in batches, at once, as the appendix's SQL, and by hand. */
describe.each(ENGINES)('encounter totals ($name)', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
    const path = join(GOLDEN_DIR, 'encounters.parquet');
    const size = (await stat(path)).size;
    await conn.loadParquet(
      { name: 'encounters.parquet', size, bytes: async () => new Uint8Array(await readFile(path)) },
      'encounters',
    );
    await createEncounterTotals(conn, 'SELECT * FROM encounters', { hasPaid: true });
    await conn.exec('CREATE TABLE once AS SELECT * FROM encounter_totals');
  });
  afterAll(async () => conn?.close());

  it('batch by batch equals all at once (group sessions split across batches, two passes)', async () => {
    const totals = encounterTotalsBuilder(conn, { hasPaid: true });
    for (const k of [0, 1, 2])
      await totals.append('SELECT * FROM encounters WHERE encounter_id % 3 = ?', [k]);
    // the second pass in other batches than the first
    for (const k of [0, 1]) await totals.appendGroups('SELECT * FROM encounters WHERE encounter_id % 2 = ?', [k]);
    await totals.finish();
    expect(await rowsOf(conn, 'encounter_totals')).toEqual(await rowsOf(conn, 'once'));
    const [{ n }] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '\\_enc\\_%' ESCAPE '\\'`,
    );
    expect(n).toBe(0);
  });

  it("the study appendix's SQL builds the same table", async () => {
    await conn.exec('DROP TABLE encounter_totals');
    await conn.exec(encounterTotalsSql().replace(/^--.*\n/, ''));
    expect(await rowsOf(conn, 'encounter_totals')).toEqual(await rowsOf(conn, 'once'));
  });

  it('agrees with the encounter rows: counts, minutes, first attended date, group shares, paid', async () => {
    const [byRows] = await conn.query(`
      WITH x AS (
        SELECT *, count(*) FILTER (WHERE attendance = 'attended') OVER (PARTITION BY group_session_id) AS attendees
        FROM encounters)
      SELECT count(*)::INTEGER AS encounters,
        count(*) FILTER (WHERE attendance = 'attended')::INTEGER AS attended,
        sum(minutes) FILTER (WHERE attendance = 'attended')::INTEGER AS minutes,
        sum(minutes) FILTER (WHERE format <> 'group' AND attendance IN ('no_show', 'late_cancel'))::INTEGER AS missed_minutes,
        round(sum(minutes / attendees) FILTER (WHERE attendance = 'attended' AND format = 'group'), 6) AS group_share,
        (SELECT sum(epoch(d))::DOUBLE FROM (SELECT min(service_date) FILTER (WHERE attendance = 'attended') AS d
          FROM encounters GROUP BY episode_id)) AS first_days,
        sum(paid_amount)::DOUBLE AS paid
      FROM x`);
    const [byTotals] = await conn.query(`
      SELECT sum(encounters)::INTEGER AS encounters, sum(attended)::INTEGER AS attended,
        sum(minutes_group + minutes_individual + minutes_family)::INTEGER AS minutes,
        sum(missed_minutes)::INTEGER AS missed_minutes,
        round(sum(group_minutes_per_attendee), 6) AS group_share,
        (SELECT sum(epoch(d))::DOUBLE FROM (SELECT min(first_attended) AS d FROM once GROUP BY episode_id)) AS first_days,
        sum(paid)::DOUBLE AS paid
      FROM once`);
    expect(byTotals).toEqual(byRows);
    expect((byRows as { encounters: number }).encounters).toBeGreaterThan(1000);
  });

  it('paid: NULL without the column, 0 when every amount is null', async () => {
    await createEncounterTotals(conn, 'SELECT * EXCLUDE (paid_amount) FROM encounters', { hasPaid: false });
    const [absent] = await conn.query(`SELECT count(paid)::INTEGER AS n FROM encounter_totals`);
    expect(absent).toEqual({ n: 0 });
    await createEncounterTotals(
      conn,
      'SELECT * REPLACE (NULL::DECIMAL(10,2) AS paid_amount) FROM encounters',
      { hasPaid: true },
    );
    const [nulls] = await conn.query(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE paid = 0)::INTEGER AS zero FROM encounter_totals`,
    );
    expect(nulls.n).toBeGreaterThan(0);
    expect(nulls.zero).toBe(nulls.n);
  });
});
