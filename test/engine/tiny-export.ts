/**
 * Tiny contract-v1 exports written as real Parquet files (native DuckDB COPY), for the engine
 * edge-case tests. Rows are objects; absent columns are null.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeConnector } from '../../core/connectors/native';
import { tableSpec, type TableName } from '../../core/contract/schema';
import { quoteIdent, quoteLiteral } from '../../core/engine/sql';

export type Rows = Record<string, string | number | boolean | null>[];

export async function writeTinyExport(
  tables: Partial<Record<TableName, Rows>>,
  extractDate = '2026-06-30',
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-tiny-'));
  const conn = await NativeConnector.open();
  try {
    for (const [name, rows] of Object.entries(tables) as [TableName, Rows][]) {
      const spec = tableSpec(name);
      const cols = spec.columns.filter((c) => !c.optional);
      await conn.exec(
        `CREATE OR REPLACE TABLE t (${cols.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`,
      );
      for (const r of rows)
        await conn.exec(
          `INSERT INTO t VALUES (${cols.map((c) => quoteLiteral(r[c.name] ?? null)).join(', ')})`,
        );
      await conn.exec(`COPY t TO ${quoteLiteral(join(dir, `${name}.parquet`))} (FORMAT parquet)`);
    }
  } finally {
    await conn.close();
  }
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({ contract_version: '1', extract_date: extractDate }),
  );
  return dir;
}

let nextId = 1;
/** An IOP episode with plausible defaults; override any column. */
export function episode(over: Record<string, string | number | boolean | null>): Rows[number] {
  const id = nextId++;
  return {
    episode_id: id,
    client_id: 1000 + id,
    program_id: 'p1',
    level_of_care: 'iop',
    admit_date: '2026-01-01',
    age_at_admit: 30,
    sex: 'female',
    primary_substance: 'alcohol',
    ...over,
  };
}
