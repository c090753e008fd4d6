/**
 * Where a filter change's engine time goes, statement by statement (DuckDB-WASM in Node):
 *   tsx test/bench/filter-profile.ts <export folder>
 * Loads the export as the browser does (a compressed database from a size on, storesCompressed),
 * then runs the queries the Overview and Retention views declare for the whole cohort and for one
 * program, and prints each call's total and its slowest statements.
 */
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import { storesCompressed } from '../../core/connectors/wasm-load';
import type { LoadingConnector, Row, SqlValue } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import type { Cohort, Grouping } from '../../core';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { overviewQueries } from '../../web/src/views/overview-queries';
import { RETENTION_SHOWN } from '../../web/src/views/retention-charts';

const files = await exportFolderFiles(process.argv[2]);
const inner = await WasmNodeConnector.open({ compressed: storesCompressed(files) });
let timings: { sql: string; ms: number }[] = [];
async function timed<T>(sql: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings.push({ sql: sql.replace(/\s+/g, ' ').trim().slice(0, 100), ms: performance.now() - t });
  }
}
const conn: LoadingConnector = {
  engine: inner.engine,
  query: <T extends Row = Row>(sql: string, params?: readonly SqlValue[]) =>
    timed(sql, () => inner.query<T>(sql, params)),
  exec: (sql: string) => timed(sql, () => inner.exec(sql)),
  loadParquet: (file, table, onProgress) => inner.loadParquet(file, table, onProgress),
  streamParquet: (file, relation, opts) => inner.streamParquet(file, relation, opts),
  close: () => inner.close(),
};
const loadStart = performance.now();
const session = await OutcomeSession.open(conn, files);
console.log(`load: ${(performance.now() - loadStart).toFixed(0)} ms; per-episode tables:`);
for (const s of timings.filter((s) => /^CREATE (OR REPLACE )?(TABLE|VIEW) ep_/.test(s.sql)))
  console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql.slice(0, 60)}`);
const overall: Grouping = { kind: 'overall' };
const program = (await session.options()).programs[0].program_id;
for (const cohort of [
  { level: 'iop' },
  { level: 'iop', programs: [program] },
  { level: 'iop' },
] as Cohort[]) {
  const overview = overviewQueries(cohort, overall);
  const calls: [string, () => Promise<unknown>][] = [
    ['overview grouped', () => session.grouped(cohort, overall, overview.grouped[3])],
    ['overview series', () => session.series(cohort, overall, 180, overview.series[4])],
    ['retention grouped', () => session.grouped(cohort, overall, RETENTION_SHOWN)],
    ['retention series', () => session.series(cohort, overall, 180, ['retention_curve'])],
    ['kmCurves in_treatment', () => session.kmCurves(cohort, overall, 180, 'in_treatment')],
  ];
  for (const [name, call] of calls) {
    timings = [];
    const t = performance.now();
    await call();
    const total = performance.now() - t;
    console.log(`${JSON.stringify(cohort)} ${name}: ${total.toFixed(0)} ms, ${timings.length} statements`);
    for (const s of [...timings].sort((a, b) => b.ms - a.ms).slice(0, 8))
      console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql}`);
  }
}
await inner.close();
