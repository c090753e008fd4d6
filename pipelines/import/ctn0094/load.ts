import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent, quoteLiteral } from '../../../core';
import type { ImportDb } from '../db';

/** The package tables the importer reads, with the columns it needs. */
export const CTN_TABLES: Record<string, readonly string[]> = {
  everybody: ['who', 'project'],
  demographics: ['who', 'age', 'is_hispanic', 'race', 'job', 'is_living_stable', 'is_male'],
  site_masked: ['who', 'site_masked'],
  randomization: ['who', 'treatment', 'which', 'when'],
  meta_study_length: ['project', 'treatment', 'phase', 'stage', 'weeks', 'description'],
  treatment: ['who', 'amount', 'when'],
  visit: ['who', 'visit', 'what', 'when'],
  uds: ['who', 'what', 'when'],
  tlfb: ['who', 'what', 'when'],
  detox: ['who', 'what', 'when'],
};

/**
 * Reads each `<name>.csv` of the package folder into `raw_<name>`, every column as text exactly
 * as written (R's write.csv; an empty field is missing), with the source line order as `rid`.
 * Returns the row count of each table.
 */
export async function loadCtnCsvs(db: ImportDb, folder: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, needed] of Object.entries(CTN_TABLES)) {
    const path = join(folder, `${name}.csv`);
    if (!existsSync(path)) throw new Error(`${name}.csv is missing from ${folder}`);
    const raw = quoteIdent(`raw_${name}`);
    await db.exec(
      `CREATE OR REPLACE TABLE ${raw} AS
       SELECT row_number() OVER () AS rid, *
       FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
    );
    const cols = new Set(
      (await db.query<{ column_name: string }>(`DESCRIBE ${raw}`)).map((c) => c.column_name),
    );
    const missing = needed.filter((c) => !cols.has(c));
    if (missing.length) throw new Error(`${name}.csv lacks column(s) ${missing.join(', ')}`);
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${raw}`);
    counts[`${name}.csv`] = Number(r.n);
  }
  return counts;
}

/** SQL for a text column read as an integer: empty or unreadable → NULL. */
export const int = (col: string): string => `TRY_CAST(NULLIF(trim(${quoteIdent(col)}), '') AS INTEGER)`;
/** SQL for a text column with blanks as NULL. */
export const text = (col: string): string => `NULLIF(trim(${quoteIdent(col)}), '')`;
