import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector, SqlValue } from '../../core/engine/connector';
import { bindLiterals } from '../../core/engine/sql';
import { ENGINES } from '../support/engines';

/** A view's literals (cohort_eps) must mean what the same values as parameters mean, on both engines. */
const SQL = `SELECT ?::VARCHAR AS s, ?::VARCHAR AS q, ?::VARCHAR AS n, ?::BOOLEAN AS b, ?::BOOLEAN AS f,
  ?::INTEGER AS i, ?::DOUBLE AS d, ?::DATE AS day, 'kept ?' AS text, ?::INTEGER - ?::INTEGER AS diff`;
const VALUES: SqlValue[] = [
  "o'brien; DROP TABLE x; --",
  'why?',
  null,
  true,
  false,
  -7,
  2.5,
  '2025-02-28',
  5,
  -3,
];

describe.each(ENGINES)('bindLiterals on $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => conn?.close());

  it('gives the rows the parameters give, in a plain statement and in a view', async () => {
    const [bound] = await conn.query(SQL, VALUES);
    expect(bound).toEqual({
      s: "o'brien; DROP TABLE x; --",
      q: 'why?',
      n: null,
      b: true,
      f: false,
      i: -7,
      d: 2.5,
      day: '2025-02-28',
      text: 'kept ?',
      diff: 8,
    });
    expect(await conn.query(bindLiterals(SQL, VALUES))).toEqual([bound]);
    await conn.exec(`CREATE OR REPLACE TEMP VIEW literals AS ${bindLiterals(SQL, VALUES)}`);
    expect(await conn.query('SELECT * FROM literals')).toEqual([bound]);
  });
});
