import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import { quoteLiteral } from '../../core/engine/sql';
import { GOLDEN_DIR } from '../support/engines';

const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, bytes: async () => bytes });

describe('DuckDB-WASM Parquet loading (parquet-wasm)', () => {
  let conn: WasmNodeConnector;
  let programs: Uint8Array;
  beforeAll(async () => {
    conn = await WasmNodeConnector.open();
    programs = new Uint8Array(await readFile(join(GOLDEN_DIR, 'programs.parquet')));
  });
  afterAll(() => conn.close());

  it('rejects a file with damaged pages instead of hanging, and keeps loading afterwards', async () => {
    const bad = programs.slice();
    bad.fill(0x55, 8, 400);
    await expect(conn.loadParquet(file('programs.parquet', bad), 'bad')).rejects.toThrow(/Parquet/);
    expect(await conn.loadParquet(file('programs.parquet', programs), 'programs')).toBe(5);
  });

  it('loads a whole file, row group by row group', async () => {
    const encounters = new Uint8Array(await readFile(join(GOLDEN_DIR, 'encounters.parquet')));
    expect(await conn.loadParquet(file('encounters.parquet', encounters), 'encounters')).toBe(5021);
  });

  it('streams batches of several decoded pieces: every row once, no batch over its size', async () => {
    // the golden encounters in row groups of 500 rows (written natively: DuckDB-WASM writes no Parquet)
    const dir = await mkdtemp(join(tmpdir(), 'iop-pieces-'));
    const native = await NativeConnector.open();
    await native.exec(
      `COPY (SELECT * FROM read_parquet(${quoteLiteral(join(GOLDEN_DIR, 'encounters.parquet'))}))
       TO ${quoteLiteral(join(dir, 'e.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 500)`,
    );
    await native.close();
    const encounters = new Uint8Array(await readFile(join(dir, 'e.parquet')));
    await rm(dir, { recursive: true });
    const whole = await conn.query<{ n: number; ids: number }>(
      'SELECT count(*)::INTEGER AS n, sum(encounter_id)::DOUBLE AS ids FROM encounters',
    );
    const pass = await conn.streamParquet(file('encounters.parquet', encounters), 'b', {
      batchRows: 2500,
      decodeRows: 600,
    });
    const sizes: number[] = [];
    let n = 0;
    let ids = 0;
    for (let read = await pass.next(); read !== null; read = await pass.next()) {
      const [b] = await conn.query<{ n: number; ids: number }>(
        'SELECT count(*)::INTEGER AS n, sum(encounter_id)::DOUBLE AS ids FROM b',
      );
      sizes.push(b.n);
      n += b.n;
      ids += b.ids;
      expect(read).toBe(n);
    }
    await pass.close();
    expect({ n, ids }).toEqual(whole[0]);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.length).toBeLessThan(5021 / 600);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2500);

    // a pass of two columns decodes those alone, the same rows
    const narrow = await conn.streamParquet(file('encounters.parquet', encounters), 'b', {
      batchRows: 2500,
      decodeRows: 600,
      columns: ['minutes', 'encounter_id'],
    });
    let narrowIds = 0;
    while ((await narrow.next()) !== null) {
      const names = await conn.query<{ name: string }>(
        "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'b' ORDER BY ordinal_position",
      );
      expect(names.map((c) => c.name)).toEqual(['encounter_id', 'minutes']);
      const [b] = await conn.query<{ ids: number }>('SELECT sum(encounter_id)::DOUBLE AS ids FROM b');
      narrowIds += b.ids;
    }
    await narrow.close();
    expect(narrowIds).toBe(ids);
  });
});
