/**
 * One benchmark run in its own process (so peak memory is this engine's alone):
 *   tsx test/bench/measure-one.ts <native|wasm|wasm-compressed|wasm-plain> <export folder>
 * Prints one JSON line of timings in seconds and peak RSS in MB; each phase it enters is named on
 * stderr ('phase load'), so a run that dies says where.
 */
import { NativeConnector } from '../../core/connectors/native';
import { storesCompressed } from '../../core/connectors/wasm-load';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import { loadExport } from '../../core/engine/load-export';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';

const [engine, dir] = process.argv.slice(2);
const seconds = (t: number) => Number(((performance.now() - t) / 1000).toFixed(3));
/** CPU seconds of this process (every thread) since `c`: comparable on a loaded machine, unlike wall time. */
const cpuSeconds = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return Number(((u.user + u.system) / 1e6).toFixed(2));
};

const phase = (name: string) => console.error(`phase ${name}`);
const files = await exportFolderFiles(dir);
// wasm: as the browser does (compressed from a size on); wasm-compressed / wasm-plain: always / never
const compressed = engine === 'wasm-compressed' || (engine === 'wasm' && storesCompressed(files));
const conn =
  engine === 'native' ? await NativeConnector.open() : await WasmNodeConnector.open({ compressed });

phase('load');
let t = performance.now();
let c = process.cpuUsage();
const loaded = await loadExport(conn, files);
const load = seconds(t);
const loadCpu = cpuSeconds(c);

phase('materialise');
t = performance.now();
c = process.cpuUsage();
const session = await OutcomeSession.prepare(conn, loaded);
const materialise = seconds(t);
const materialiseCpu = cpuSeconds(c);
// what the database holds once prepared (DuckDB's buffer manager): grows with encounter rows or episodes
const [{ heldMb }] = await conn.query<{ heldMb: number }>(
  'SELECT (sum(memory_usage_bytes) / 1048576)::INTEGER AS heldMb FROM duckdb_memory()',
);

phase('report');
t = performance.now();
c = process.cpuUsage();
const report = await session.report({ level: 'iop' });
const suite = seconds(t);
const suiteCpu = cpuSeconds(c);

const program = Object.keys(report.programs)[0];
phase('filter change');
t = performance.now();
c = process.cpuUsage();
await session.report({ level: 'iop', programs: [program] });
const filterChange = seconds(t);
const filterChangeCpu = cpuSeconds(c);

phase('dashboard filter');
t = performance.now();
c = process.cpuUsage();
await session.grouped({ level: 'iop', programs: [program] }, { kind: 'overall' });
await session.series({ level: 'iop', programs: [program] }, { kind: 'overall' });
const dashboardFilter = seconds(t);
const dashboardFilterCpu = cpuSeconds(c);

const episodes = report.cohort.episodes;
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  JSON.stringify({
    engine,
    dir,
    episodes,
    load,
    loadCpu,
    materialise,
    materialiseCpu,
    heldMb,
    suite,
    suiteCpu,
    filterChange,
    filterChangeCpu,
    dashboardFilter,
    dashboardFilterCpu,
    peakMb,
  }),
);
await conn.close();
