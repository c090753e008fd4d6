import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT_VERSION, quoteIdent, quoteLiteral, tableSpec, type TableName } from '../../core';
import type { ImportDb } from './db';
import type { Tally, TallyKind } from './tally';

/**
 * Writes `<outDir>/<table>.parquet` from a query (or table) whose columns carry the contract names:
 * every required column of the contract is cast to its exact contract type, in contract order,
 * rows ordered by the table's key. Optional columns are left out. Returns the row count.
 */
export async function writeContractTable(
  db: ImportDb,
  outDir: string,
  table: TableName,
  from: string,
): Promise<number> {
  const spec = tableSpec(table);
  const cols = spec.columns
    .filter((c) => !c.optional)
    .map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`)
    .join(', ');
  const order = spec.key.map(quoteIdent).join(', ');
  const path = join(outDir, `${table}.parquet`);
  await mkdir(outDir, { recursive: true });
  await db.exec(
    `COPY (SELECT ${cols} FROM (${from}) ORDER BY ${order}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM read_parquet(${quoteLiteral(path)})`,
  );
  return Number(r.n);
}

export interface ImportManifest {
  extract_date: string;
  source: string;
  deidentification: string;
  importer: string;
  [extra: string]: unknown;
}

/** manifest.json as written: the importer's fields, the rows it exported, and its tally by kind and reason. */
export type WrittenManifest = ImportManifest & {
  contract_version: string;
  exported_rows: Partial<Record<TableName, number>>;
} & Record<TallyKind, ReturnType<Tally['toJSON']>>;

/** manifest.json: the contract's fields, what the importer did, and every drop and guess by reason. */
export async function writeManifest(
  outDir: string,
  manifest: ImportManifest,
  tally: Tally,
  rows: Partial<Record<TableName, number>>,
): Promise<void> {
  const body: WrittenManifest = {
    contract_version: CONTRACT_VERSION,
    ...manifest,
    exported_rows: rows,
    dropped: tally.toJSON('dropped'),
    guessed: tally.toJSON('guessed'),
    unknown: tally.toJSON('unknown'),
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(body, null, 2)}\n`);
}
