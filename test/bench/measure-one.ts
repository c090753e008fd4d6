/**
 * One benchmark run in its own process (so peak memory is this engine's alone):
 *   tsx test/bench/measure-one.ts <native|wasm> <export folder>
 * Prints one JSON line of timings in seconds and peak RSS in MB.
 */
import { NativeConnector } from '../../core/connectors/native';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import { loadExport } from '../../core/engine/load-export';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';

const [engine, dir] = process.argv.slice(2);
const seconds = (t: number) => Number(((performance.now() - t) / 1000).toFixed(3));

const conn = engine === 'wasm' ? await WasmNodeConnector.open() : await NativeConnector.open();
const files = await exportFolderFiles(dir);

let t = performance.now();
const loaded = await loadExport(conn, files);
const load = seconds(t);

t = performance.now();
const session = await OutcomeSession.prepare(conn, loaded);
const materialise = seconds(t);

t = performance.now();
const report = await session.report({ level: 'iop' });
const suite = seconds(t);

const program = Object.keys(report.programs)[0];
t = performance.now();
await session.report({ level: 'iop', programs: [program] });
const filterChange = seconds(t);

t = performance.now();
await session.grouped({ level: 'iop', programs: [program] }, { kind: 'overall' });
await session.series({ level: 'iop', programs: [program] }, { kind: 'overall' });
const dashboardFilter = seconds(t);

const episodes = report.cohort.episodes;
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ engine, dir, episodes, load, materialise, suite, filterChange, dashboardFilter, peakMb }));
await conn.close();
