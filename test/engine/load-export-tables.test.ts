import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { EXPORTED_EPISODES, loadExport } from '../../core/engine/load-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { BASE, set, writeExport, type Row } from '../fixtures/broken/export-builder';
import { ENGINES } from '../support/engines';

/** Which tables exist after a load: only the clean ones (never a src_ copy) and the exported counts. */
describe.each(ENGINES)('tables left by a load: $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => conn?.close());

  const tables = async () =>
    (
      await conn.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'src\\_%' ESCAPE '\\' ORDER BY 1`,
      )
    ).map((r) => r.t);
  const ids = async (table: string, key: string) =>
    (await conn.query<{ id: number }>(`SELECT ${key}::INTEGER AS id FROM ${table} ORDER BY 1`)).map(
      (r) => r.id,
    );

  it('excluded rows leave the clean tables, stored types or not; exported counts keep them', async () => {
    const episodes = set({ episode_id: 4 }, { sex: 'x' })(BASE.episodes.map((r) => ({ ...r })));
    const late: Row = { ...BASE.encounters[0], encounter_id: 14, service_date: '2027-01-01' };
    const dir = await writeExport({
      episodes,
      // encounter_id stored as INTEGER: the clean table is a cast copy; episodes as stored: renamed
      encounters: { rows: [...BASE.encounters, late], types: { encounter_id: 'INTEGER' } },
    });
    const loaded = await loadExport(conn, await exportFolderFiles(dir));
    expect(await tables()).toEqual([]);
    expect(loaded.rowCounts.episodes).toBe(4);
    expect(await ids('episodes', 'episode_id')).toEqual([1, 2, 3]);
    // encounters are held only as totals: the late one (2027) is not among them
    const [enc] = await conn.query(
      `SELECT sum(encounters)::INTEGER AS n, sum(minutes_group)::INTEGER AS group_minutes FROM encounter_totals`,
    );
    expect(enc).toEqual({ n: 4, group_minutes: 150 });
    expect(await ids('followups', 'episode_id')).toEqual([1, 1, 3]);
    const counts = await conn.query<{ program_id: string; episodes: number }>(
      `SELECT program_id, episodes::INTEGER AS episodes FROM ${EXPORTED_EPISODES} ORDER BY 1`,
    );
    expect(counts).toEqual([
      { program_id: 'P1', episodes: 2 },
      { program_id: 'P2', episodes: 2 },
    ]);
    const [{ n }] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'encounters'`,
    );
    expect(n).toBe(0);
  });

  it('a second load replaces the first one: clean tables, counts and no src_ table', async () => {
    await loadExport(conn, await exportFolderFiles(await writeExport({ followups: null })));
    expect(await tables()).toEqual([]);
    expect(await ids('episodes', 'episode_id')).toEqual([1, 2, 3, 4]);
    const [{ n }] = await conn.query<{ n: number }>(
      `SELECT sum(episodes)::INTEGER AS n FROM ${EXPORTED_EPISODES}`,
    );
    expect(n).toBe(4);
    // an export without encounters leaves no totals of the one before
    await loadExport(conn, await exportFolderFiles(await writeExport({ encounters: null })));
    const left = await conn.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('encounters', 'encounter_totals')`,
    );
    expect(left).toEqual([]);
  });

  it('repeated and null keys of a two-column key are found (ordered check, then counts)', async () => {
    const followups = [
      ...BASE.followups,
      { ...BASE.followups[0] },
      { ...BASE.followups[2], target_day: null },
    ];
    const loaded = await loadExport(conn, await exportFolderFiles(await writeExport({ followups })));
    const errors = loaded.validation.errors.map((e) => ({
      rule: e.rule,
      count: e.count,
      examples: e.examples,
    }));
    expect(errors).toEqual([
      { rule: 'followups.key.null', count: 1, examples: [] },
      { rule: 'followups.key.duplicate', count: 1, examples: ['1/30'] },
    ]);
    expect(loaded.tables).not.toContain('followups');
    // same key values in another order are no duplicate
    const swapped = BASE.followups.map((r) => ({ ...r }));
    const ok = await loadExport(
      conn,
      await exportFolderFiles(await writeExport({ followups: swapped.reverse() })),
    );
    expect(ok.validation.errors).toEqual([]);
  });

  it('a load that fails leaves no src_ table behind', async () => {
    const dir = await writeExport();
    await writeFile(join(dir, 'followups.parquet'), 'not parquet');
    await expect(loadExport(conn, await exportFolderFiles(dir))).rejects.toThrow(/followups.parquet/);
    expect(await tables()).toEqual([]);
  });
});
