import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
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
});
