import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { COMPRESS_FROM_BYTES, parseDuckDbSize, storesCompressed } from '../../core/connectors/wasm-load';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import { ExportError, loadExport } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { GOLDEN_DIR } from '../support/engines';

/** An encounters file of 600,000 rows in row groups of 100,000 (the rows need not be valid). */
async function bigEncounters(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-big-'));
  const native = await NativeConnector.open();
  try {
    await native.exec(
      `COPY (SELECT range AS encounter_id, range // 30 AS episode_id, DATE '2026-01-01' + (range % 90)::INTEGER AS service_date,
              'group_therapy' AS service_type, 'group' AS format, range // 8 AS group_session_id, 'counselor' AS staff_role,
              60::SMALLINT AS minutes, 'attended' AS attendance
            FROM range(600000))
       TO ${quoteLiteral(join(dir, 'encounters.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 100000)`,
    );
  } finally {
    await native.close();
  }
  return join(dir, 'encounters.parquet');
}

describe('DuckDB-WASM: an export larger than the engine can hold', () => {
  let conn: WasmNodeConnector;
  let encounters: string;
  beforeAll(async () => {
    conn = await WasmNodeConnector.open();
    encounters = await bigEncounters();
  });
  afterAll(async () => {
    await conn?.close();
    if (encounters) await rm(dirname(encounters), { recursive: true, force: true });
  });

  it('is refused with a clear error, its table dropped, and the database still loads the next export', async () => {
    await conn.exec("SET memory_limit = '40MB'");
    const files = (await exportFolderFiles(GOLDEN_DIR)).filter((f) => f.name !== 'encounters.parquet');
    const [big] = await exportFolderFiles(join(encounters, '..'));
    const err = await loadExport(conn, [...files, big]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExportError);
    expect((err as ExportError).kind).toBe('too_large');
    expect((err as ExportError).message).toBe(
      'This export (600,000 encounter rows) is larger than the browser engine can hold; use the command line (npm run report -- <export folder>).',
    );
    expect((err as ExportError).report.errors.map((e) => e.rule)).toEqual(['encounters.too_large']);
    const left = await conn.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'src%'`,
    );
    expect(left).toEqual([]);

    await conn.exec('RESET memory_limit');
    const loaded = await loadExport(conn, await exportFolderFiles(GOLDEN_DIR));
    expect(loaded.rowCounts.encounters).toBe(5021);
  });

  it('stores an export compressed from COMPRESS_FROM_BYTES of held Parquet on (streamed encounters and the manifest do not count)', () => {
    const half = COMPRESS_FROM_BYTES / 2;
    const files = (followupsSize: number) => [
      { name: 'episodes.parquet', size: half },
      { name: 'followups.parquet', size: followupsSize },
      { name: 'encounters.parquet', size: 10 * COMPRESS_FROM_BYTES },
      { name: 'manifest.json', size: 10 * COMPRESS_FROM_BYTES },
    ];
    expect(storesCompressed(files(half - 1))).toBe(false);
    expect(storesCompressed(files(half))).toBe(true);
  });

  it("reads DuckDB's sizes", () => {
    expect(parseDuckDbSize('3.1 GiB')).toBeCloseTo(3.1 * 2 ** 30);
    expect(parseDuckDbSize('40.0 MB')).toBe(40e6);
    expect(parseDuckDbSize('unlimited')).toBeNull();
  });
});
