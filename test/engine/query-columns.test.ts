import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOfRows, queryColumns } from '../../core/engine/columns';
import type { LoadingConnector } from '../../core/engine/connector';
import { ENGINES } from '../support/engines';

const SQL = `SELECT i::INTEGER AS int, i::BIGINT * 3 AS big, i / 4 AS dbl, i % 2 = 0 AS even,
  CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.5 END::DOUBLE AS holes, 'p' || (i % 5) AS name,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i END::INTEGER AS int_holes
FROM range(5000) r(i) ORDER BY i`;

describe.each(ENGINES)('a result by column: $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => {
    await conn.close();
  });

  it("equals the rows' values, numbers as a Float64Array with NULL as NaN, and other types as they are", async () => {
    expect(conn.queryColumns).toBeDefined();
    const columns = await queryColumns(conn, SQL);
    const rows = await conn.query(SQL);
    expect(Object.keys(columns)).toEqual(['int', 'big', 'dbl', 'even', 'holes', 'name', 'int_holes']);
    for (const name of ['int', 'big', 'dbl', 'even', 'holes', 'int_holes']) {
      expect(columns[name]).toBeInstanceOf(Float64Array);
      expect(Array.from(columns[name] as Float64Array)).toEqual(
        rows.map((r) => (r[name] == null ? NaN : Number(r[name]))),
      );
    }
    expect(columns.name).toEqual(rows.map((r) => r.name));
    expect(Number.isNaN((columns.holes as Float64Array)[3])).toBe(true);
    expect((columns.holes as Float64Array)[4]).toBe(6);
    // the same from rows, for a connector without columns of its own
    expect(columnsOfRows(rows)).toEqual(columns);
  });
});
