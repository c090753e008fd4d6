/**
 * Where the time goes, statement by statement:
 *   tsx test/bench/profile.ts <native|wasm> <export folder> [--top 25]
 * Runs load, prepare, the full report and a one-program report through a connector that times
 * every query and exec, then prints each phase's time in and between statements and the slowest
 * statements, those of one text summed (wall and CPU seconds, runs, phase, SQL).
 */
import { NativeConnector } from '../../core/connectors/native';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import type { LoadingConnector, Row, SqlValue } from '../../core/engine/connector';
import { loadExport } from '../../core/engine/load-export';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';

const [engine, dir] = process.argv.slice(2);
const topIdx = process.argv.indexOf('--top');
const top = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 25;

const inner = engine === 'wasm' ? await WasmNodeConnector.open() : await NativeConnector.open();
const timings: { phase: string; sql: string; s: number; cpu: number }[] = [];
let phase = 'load';
const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 110);
async function timed<T>(sql: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const c = process.cpuUsage();
  try {
    return await fn();
  } finally {
    const used = process.cpuUsage(c);
    timings.push({
      phase,
      sql: label(sql),
      s: (performance.now() - t) / 1000,
      cpu: (used.user + used.system) / 1e6,
    });
  }
}
const conn: LoadingConnector = {
  engine: inner.engine,
  query: <T extends Row = Row>(sql: string, params?: readonly SqlValue[]) =>
    timed(sql, () => inner.query<T>(sql, params)),
  exec: (sql: string) => timed(sql, () => inner.exec(sql)),
  loadParquet: (file, table, onProgress) =>
    timed(`loadParquet ${file.name}`, () => inner.loadParquet(file, table, onProgress)),
  streamParquet: (file, relation, opts) => inner.streamParquet(file, relation, opts),
  close: () => inner.close(),
};

const files = await exportFolderFiles(dir);
const phaseTotals: Record<string, number> = {};
async function run(name: string, fn: () => Promise<unknown>) {
  phase = name;
  const t = performance.now();
  const out = await fn();
  phaseTotals[name] = (performance.now() - t) / 1000;
  return out;
}
const loaded = (await run('load', () => loadExport(conn, files))) as Awaited<ReturnType<typeof loadExport>>;
const session = (await run('prepare', () => OutcomeSession.prepare(conn, loaded))) as OutcomeSession;
const report = (await run('report', () => session.report({ level: 'iop' }))) as Awaited<
  ReturnType<OutcomeSession['report']>
>;
const program = Object.keys(report.programs)[0];
await run('filter', () => session.report({ level: 'iop', programs: [program] }));

console.log(
  Object.entries(phaseTotals)
    .map(([k, v]) => `${k} ${v.toFixed(2)}s`)
    .join('  '),
  ` peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
// A phase's time outside its statements is the engine's own work between them (in a load:
// decoding Parquet and inserting it); statements of one text run once per batch, so summed.
for (const [name, total] of Object.entries(phaseTotals)) {
  const inSql = timings.filter((t) => t.phase === name).reduce((sum, t) => sum + t.s, 0);
  console.log(`${name}: statements ${inSql.toFixed(2)}s, between them ${(total - inSql).toFixed(2)}s`);
}
const summed = new Map<string, { phase: string; sql: string; s: number; cpu: number; runs: number }>();
for (const t of timings) {
  const key = `${t.phase} ${t.sql.slice(0, 70)}`;
  const seen = summed.get(key) ?? { ...t, s: 0, cpu: 0, runs: 0 };
  summed.set(key, { ...seen, s: seen.s + t.s, cpu: seen.cpu + t.cpu, runs: seen.runs + 1 });
}
for (const t of [...summed.values()].sort((a, b) => b.s - a.s).slice(0, top))
  console.log(
    `${t.s.toFixed(2).padStart(7)}s ${t.cpu.toFixed(1).padStart(6)}s cpu ${String(t.runs).padStart(3)}×  ${t.phase.padEnd(8)} ${t.sql}`,
  );
await inner.close();
