import fc from 'fast-check';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { tableSpec, type TableName } from '../../core/contract/schema';
import { ExportError, loadExport } from '../../core/engine/load-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import {
  BASE,
  writeExport,
  type ExportFixture,
  type Row,
  type TableFixture,
} from '../fixtures/broken/export-builder';

const TABLES = [
  'episodes',
  'encounters',
  'drug_screens',
  'followups',
] as const satisfies readonly TableName[];
const TYPES = ['VARCHAR', 'DOUBLE', 'INTEGER', 'TIMESTAMP', 'BOOLEAN', 'DATE'];
const DATES = ['1900-01-01', '1989-12-31', '2200-06-30', '2026-06-30', '2026-07-01', '2000-02-29'];

/** One mutation of the valid export: a column's type, a null, a duplicated key or a date. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    table: fc.constantFrom(...TABLES),
    col: fc.nat(),
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({
    kind: fc.constant('null' as const),
    table: fc.constantFrom(...TABLES),
    col: fc.nat(),
    row: fc.nat(),
  }),
  fc.record({ kind: fc.constant('key' as const), table: fc.constantFrom(...TABLES), row: fc.nat() }),
  fc.record({
    kind: fc.constant('date' as const),
    table: fc.constantFrom(...TABLES),
    col: fc.nat(),
    row: fc.nat(),
    date: fc.constantFrom(...DATES),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(mutations: Mutation[]): ExportFixture {
  const fx: Partial<Record<TableName, TableFixture>> = {};
  for (const m of mutations) {
    const spec = tableSpec(m.table);
    const t = (fx[m.table] ??= { rows: BASE[m.table].map((r) => ({ ...r })), types: {} });
    const rows: Row[] = t.rows;
    if (!rows.length) continue;
    const row = 'row' in m ? rows[m.row % rows.length] : rows[0];
    if (m.kind === 'type') {
      const c = spec.columns[m.col % spec.columns.length];
      // a cast the fixture's own values survive (text always does)
      t.types![c.name] =
        c.type === 'DATE' && ['DATE', 'TIMESTAMP', 'VARCHAR'].includes(m.type) ? m.type : 'VARCHAR';
    } else if (m.kind === 'null') row[spec.columns[m.col % spec.columns.length].name] = null;
    else if (m.kind === 'key') rows.push({ ...row });
    else {
      const dates = spec.columns.filter((c) => c.type === 'DATE');
      row[dates[m.col % dates.length].name] = m.date;
    }
  }
  return fx as ExportFixture;
}

/** #15: a bounded fuzz of the loader and validator; every broken export gets a verdict, never a crash. */
describe('loader and validator fuzz', () => {
  let conn: NativeConnector;
  let before: unknown;
  beforeAll(async () => {
    conn = await NativeConnector.open();
    const dir = await writeExport();
    await loadExport(conn, await exportFolderFiles(dir));
    before = await conn.query('SELECT count(*)::INTEGER AS n, min(admit_date) AS d FROM episodes');
  });
  afterAll(async () => conn?.close());

  it('random type, null, key and date mutations: always a verdict, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const dir = await writeExport(
          apply(mutations),
          fc.sample(fc.constantFrom(null, '{"extract_date":"2026-06-30"}'), 1)[0],
        );
        const fresh = await NativeConnector.open();
        try {
          const verdict = await loadExport(fresh, await exportFolderFiles(dir)).then(
            (loaded) => ({ usable: true, report: loaded.validation }),
            (err: unknown) => {
              if (!(err instanceof ExportError)) throw err;
              return { usable: false, report: err.report };
            },
          );
          expect(verdict.report.usable).toBe(verdict.usable);
          for (const f of [...verdict.report.errors, ...verdict.report.warnings]) {
            expect(f.message.length).toBeGreaterThan(0);
            expect(f.message).not.toMatch(/Conversion Error|Binder Error|LINE \d/);
          }
          if (!verdict.usable) expect(verdict.report.errors.length).toBeGreaterThan(0);
        } finally {
          await fresh.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
    // the export loaded before is untouched
    expect(await conn.query('SELECT count(*)::INTEGER AS n, min(admit_date) AS d FROM episodes')).toEqual(
      before,
    );
  });
});
