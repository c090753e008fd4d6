import { quoteLiteral, type Connector } from '../../core';

/**
 * Whether two Parquet files hold the same table: same column names and types, and the same
 * multiset of rows (row order and file bytes may differ).
 */
export async function sameTableContents(db: Connector, a: string, b: string): Promise<boolean> {
  const [pa, pb] = [a, b].map((p) => `read_parquet(${quoteLiteral(p)})`);
  const schema = async (p: string) =>
    JSON.stringify(await db.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${p})`));
  if ((await schema(pa)) !== (await schema(pb))) return false;
  const [r] = await db.query<{ same: boolean }>(`
    SELECT (SELECT count(*) FROM ${pa}) = (SELECT count(*) FROM ${pb})
      AND NOT EXISTS (SELECT * FROM ${pa} EXCEPT ALL SELECT * FROM ${pb})
      AND NOT EXISTS (SELECT * FROM ${pb} EXCEPT ALL SELECT * FROM ${pa}) AS same`);
  return r.same;
}
