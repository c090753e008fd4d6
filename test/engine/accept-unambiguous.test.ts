import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import type { LoadingConnector } from '../../core/engine/connector';
import { loadExport } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { BASE, writeExport } from '../fixtures/broken/export-builder';
import { ENGINES } from '../support/engines';

/** Rewrites one table of an export with `select` over its rows (`t`). */
async function rewrite(dir: string, table: string, select: string) {
  const file = join(dir, `${table}.parquet`);
  await rename(file, `${file}.old`);
  const conn = await NativeConnector.open();
  try {
    await conn.exec(
      `COPY (SELECT ${select} FROM read_parquet(${quoteLiteral(`${file}.old`)}) AS t) TO ${quoteLiteral(file)} (FORMAT parquet)`,
    );
  } finally {
    await conn.close();
  }
  await rename(`${file}.old`, join(dir, `${table}.old`));
}

/** Finding 9 of #15: EPISODE_ID was a missing column; TIMESTAMP date columns were refused outright. */
describe.each(ENGINES)('upper-case column names and TIMESTAMP date columns ($name)', ({ open }) => {
  let conn: LoadingConnector;
  const dirs: Record<string, string> = {};
  beforeAll(async () => {
    conn = await open();
    dirs.upper = await writeExport();
    await rewrite(dirs.upper, 'episodes', '* RENAME (episode_id AS EPISODE_ID, program_id AS Program_Id)');
    dirs.twins = await writeExport();
    await rewrite(dirs.twins, 'episodes', '* EXCLUDE (sex), sex AS SEX, sex AS Sex');
    dirs.stamps = await writeExport();
    await rewrite(
      dirs.stamps,
      'episodes',
      `* REPLACE (CAST(admit_date AS TIMESTAMP) AS admit_date,
         CAST(discharge_date AS TIMESTAMP) + CASE WHEN episode_id = 1 THEN INTERVAL 3 HOUR ELSE INTERVAL 0 HOUR END AS discharge_date)`,
    );
    await rewrite(dirs.stamps, 'encounters', '* REPLACE (CAST(service_date AS TIMESTAMPTZ) AS service_date)');
  });
  afterAll(async () => conn?.close());
  const load = async (name: string) => loadExport(conn, await exportFolderFiles(dirs[name]));

  it('matches column names case-insensitively, with a note', async () => {
    const loaded = await load('upper');
    expect(loaded.validation.errors).toEqual([]);
    expect(loaded.validation.warnings.map((w) => [w.rule, w.count, w.examples])).toEqual([
      ['episodes.column_case', 2, ['EPISODE_ID as episode_id', 'Program_Id as program_id']],
    ]);
    const [r] = await conn.query(`SELECT count(*)::INTEGER AS n FROM episodes`);
    expect(r.n).toBe(BASE.episodes.length);
  });

  it('leaves an ambiguous match missing', async () => {
    const err = await load('twins').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('episodes.parquet has no column sex');
  });

  it('takes TIMESTAMP dates as their UTC calendar date, counting rows with a time of day', async () => {
    const loaded = await load('stamps');
    expect(loaded.validation.errors).toEqual([]);
    expect(loaded.validation.warnings.map((w) => [w.rule, w.count, w.examples])).toEqual([
      ['episodes.admit_date.timestamp', 0, []],
      ['episodes.discharge_date.timestamp', 1, ['1']],
      ['encounters.service_date.timestamp', 0, []],
    ]);
    const rows = await conn.query(
      `SELECT episode_id::INTEGER AS id, admit_date, discharge_date FROM episodes ORDER BY 1`,
    );
    expect(rows.map((r) => [r.id, r.admit_date, r.discharge_date])).toEqual(
      BASE.episodes.map((e) => [e.episode_id, e.admit_date, e.discharge_date]),
    );
    const [t] = await conn.query(
      `SELECT any_value(typeof(first_attended)) AS t, min(first_attended) AS d FROM encounter_totals`,
    );
    expect(t).toEqual({ t: 'DATE', d: '2026-01-06' });
  });
});
