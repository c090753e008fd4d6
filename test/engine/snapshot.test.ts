import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachSnapshotSql,
  OutcomeSession,
  quoteIdent,
  saveSnapshot,
  sessionFromSnapshot,
  SnapshotError,
  type ExportFile,
  type LoadingConnector,
} from '../../core';
import { NativeConnector, WasmNodeConnector, writeSnapshot } from '../../core/platform/node';
import { describeInputs } from '../../core/study/inputs';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { ENGINES, GOLDEN_DIR } from '../support/engines';

/**
 * The bundled sample ships pre-validated (core/snapshot): a snapshot written by the build's
 * writer and restored on either engine must be the same database as a fresh load of the files.
 */
const SAMPLE_DIR = new URL('../../sample-data', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'iop-snapshot-'));
const snapshotPath = join(dir, 'golden.duckdb');
let files: ExportFile[];

beforeAll(async () => {
  files = await exportFolderFiles(GOLDEN_DIR);
  await writeSnapshot(files, snapshotPath);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The snapshot file as the engine reads it: DuckDB-WASM a registered buffer (as in the browser), native the path. */
function snapshotLocation(conn: LoadingConnector, path: string, name: string): string {
  if (!(conn instanceof WasmNodeConnector)) return path;
  conn.registerFile(name, new Uint8Array(readFileSync(path)));
  return name;
}

const tablesOf = async (conn: LoadingConnector, database: string) =>
  (
    await conn.query<{ name: string }>(
      'SELECT table_name AS name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1',
      [database],
    )
  ).map((r) => r.name);

const columnsOf = (conn: LoadingConnector, database: string, table: string) =>
  conn.query(
    'SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND table_name = ? ORDER BY column_index',
    [database, table],
  );

describe.each(ENGINES)('$name', ({ open }) => {
  let fresh: OutcomeSession;
  /** The fresh session's own connector (the session wraps it), where a snapshot file can be registered. */
  let freshConn: LoadingConnector;
  let restored: OutcomeSession;
  let restoredMeta: Omit<Awaited<ReturnType<typeof sessionFromSnapshot>>, 'session'>;

  beforeAll(async () => {
    freshConn = await open();
    fresh = await OutcomeSession.open(freshConn, files);
    const conn = await open();
    await conn.exec(attachSnapshotSql(snapshotLocation(conn, snapshotPath, 'restored.duckdb'), 'sample'));
    ({ session: restored, ...restoredMeta } = await sessionFromSnapshot(conn));
  }, 180_000);
  afterAll(async () => {
    await fresh?.conn.close();
    await restored?.conn.close();
  });

  it('restores the LoadedExport, the input files and the options of a fresh load', async () => {
    expect(restored.loaded).toEqual(fresh.loaded);
    expect(restoredMeta.inputs).toEqual(await describeInputs(files, fresh.loaded.rowCounts));
    expect(restoredMeta.inputs.map((f) => f.name)).toContain('episodes.parquet');
    expect(restoredMeta.options).toEqual(await fresh.options());
    expect(restoredMeta.options.programs.length).toBeGreaterThan(1);
  });

  it('reads the per-episode tables a filter change scans from memory, not in place in the file', async () => {
    const temp = await tablesOf(restored.conn, 'temp');
    expect(temp).toEqual(expect.arrayContaining(['ep_summary', 'ep_transition', 'ep_cost']));
    expect(temp.every((t) => t.startsWith('ep_') || t.startsWith('cohort_'))).toBe(true);
    // ep_wide puts the three in memory side by side (checked row by row at restore)
    const views = await restored.conn.query<{ name: string }>(
      "SELECT view_name AS name FROM duckdb_views() WHERE database_name = 'temp' ORDER BY 1",
    );
    expect(views.map((v) => v.name)).toContain('ep_wide');
    // each episode with its own transition and cost, as in a fresh load (the order may differ)
    const fingerprint = `SELECT count(*)::INTEGER AS n,
      sum(hash(episode_id, transition, cost::DOUBLE))::VARCHAR AS h FROM ep_wide`;
    const [restoredRows] = await restored.conn.query(fingerprint);
    expect(restoredRows).toEqual((await fresh.conn.query(fingerprint))[0]);
    expect(restoredRows.n).toBe(fresh.loaded.rowCounts.episodes);
    const count = 'SELECT count(*)::INTEGER AS n FROM ep_summary';
    const [{ n }] = await restored.conn.query<{ n: number }>(count);
    expect(n).toBe(fresh.loaded.rowCounts.episodes);
    expect(await restored.grouped({ level: 'iop' }, { kind: 'overall' })).toEqual(
      await fresh.grouped({ level: 'iop' }, { kind: 'overall' }),
    );
  });

  it('holds every table of a fresh load, row for row (EXCEPT ALL both ways) and type for type', async () => {
    const conn = freshConn;
    const [{ db }] = await conn.query<{ db: string }>('SELECT current_database() AS db');
    const location = snapshotLocation(conn, snapshotPath, 'compared.duckdb');
    await conn.exec(`ATTACH '${location.replaceAll("'", "''")}' AS snap (READ_ONLY)`);
    try {
      const tables = await tablesOf(conn, db);
      expect(tables).toEqual(
        expect.arrayContaining([
          'encounter_totals',
          'ep_summary',
          'ep_transition',
          'ep_cost',
          'episodes',
          'exported_episodes_by_program',
        ]),
      );
      expect(tables).not.toContain('encounters');
      expect(await tablesOf(conn, 'snap')).toEqual([...tables, 'snapshot_meta'].sort());
      for (const t of tables) {
        expect(await columnsOf(conn, 'snap', t), t).toEqual(await columnsOf(conn, db, t));
        const a = `${quoteIdent(db)}.${quoteIdent(t)}`;
        const b = `snap.${quoteIdent(t)}`;
        const [{ only_fresh, only_snap, n }] = await conn.query<{
          only_fresh: number;
          only_snap: number;
          n: number;
        }>(
          `SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b}))::INTEGER AS only_fresh,
                  (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a}))::INTEGER AS only_snap,
                  (SELECT count(*) FROM ${b})::INTEGER AS n`,
        );
        expect({ t, only_fresh, only_snap }).toEqual({ t, only_fresh: 0, only_snap: 0 });
        if (t === 'ep_summary') expect(n).toBe(fresh.loaded.rowCounts.episodes);
      }
    } finally {
      await conn.exec('DETACH snap');
    }
  });

  it('computes the same report, options and curves as a fresh load', async () => {
    expect(await restored.report({ level: 'iop' })).toEqual(await fresh.report({ level: 'iop' }));
    expect(await restored.options()).toEqual(await fresh.options());
    const byProgram = { kind: 'by', column: 'program_id' } as const;
    expect(await restored.kmCurves({ level: 'iop' }, byProgram)).toEqual(
      await fresh.kmCurves({ level: 'iop' }, byProgram),
    );
  });
});

describe('a snapshot that cannot be used', () => {
  it('is refused when it is not a snapshot, or of another format', async () => {
    const conn = await NativeConnector.open();
    try {
      const other = join(dir, 'other.duckdb');
      await conn.exec(`ATTACH '${other}' AS o; CREATE TABLE o.t AS SELECT 1 AS x; DETACH o`);
      await conn.exec(attachSnapshotSql(other, 'o'));
      await expect(sessionFromSnapshot(conn)).rejects.toThrow(SnapshotError);

      const session = await OutcomeSession.open(await NativeConnector.open(), files);
      const old = join(dir, 'old.duckdb');
      await saveSnapshot(session, files, old);
      await session.conn.exec(
        `ATTACH '${old}' AS w; UPDATE w.snapshot_meta SET meta = json_merge_patch(meta, '{"format": 0}'); DETACH w`,
      );
      await session.conn.close();
      await conn.exec(attachSnapshotSql(old, 'old'));
      await expect(sessionFromSnapshot(conn)).rejects.toThrow(/format/);
    } finally {
      await conn.close();
    }
  });
});

// the bundled sample itself, on the browser's engine: what the build ships
describe('the bundled sample', () => {
  it('restores on DuckDB-WASM with the report of a fresh load', async () => {
    const sample = await exportFolderFiles(SAMPLE_DIR);
    const path = join(dir, 'sample.duckdb');
    await writeSnapshot(sample, path);
    const wasm = ENGINES.find((e) => e.name === 'duckdb-wasm')!;
    const conn = await wasm.open();
    const fresh = await OutcomeSession.open(await wasm.open(), sample);
    try {
      await conn.exec(attachSnapshotSql(snapshotLocation(conn, path, 'sample.duckdb'), 'sample'));
      const { session } = await sessionFromSnapshot(conn);
      expect(session.loaded).toEqual(fresh.loaded);
      expect(session.loaded.rowCounts.episodes).toBeGreaterThan(1000);
      expect(await session.report({ level: 'iop' })).toEqual(await fresh.report({ level: 'iop' }));
    } finally {
      await conn.close();
      await fresh.conn.close();
    }
  }, 240_000);
});
