/**
 * The worker of threads-probe.ts (built by it, run in Chromium). Its query string says what to try:
 * - `mode=blocking`: the engine worker's build (the synchronous one) offered the threaded `coi`
 *   bundle: which bundle it instantiates, and whether `SET threads = 2` takes;
 * - `mode=async&bundle=coi|eh`: DuckDB-WASM's asynchronous API in a worker of its own, timing
 *   `statements` (`seq`: the thread counts, alternated) over `rows` generated encounter-like rows.
 * Posts one object of what it saw.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import * as blocking from '@duckdb/duckdb-wasm/blocking';

const params = new URLSearchParams(self.location.search);
const dist = (file: string) => new URL(`/dist/${file}`, self.location.href).href;
const bundles = {
  mvp: { mainModule: dist('duckdb-mvp.wasm'), mainWorker: dist('duckdb-browser-mvp.worker.js') },
  eh: { mainModule: dist('duckdb-eh.wasm'), mainWorker: dist('duckdb-browser-eh.worker.js') },
  coi: {
    mainModule: dist('duckdb-coi.wasm'),
    mainWorker: dist('duckdb-browser-coi.worker.js'),
    pthreadWorker: dist('duckdb-browser-coi.pthread.worker.js'),
  },
};
const plain = (rows: unknown) =>
  JSON.parse(JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))) as unknown;
const out: Record<string, unknown> = { crossOriginIsolated: self.crossOriginIsolated };

async function probeBlocking(): Promise<void> {
  const runtime = (blocking as unknown as { BROWSER_RUNTIME: blocking.DuckDBRuntime }).BROWSER_RUNTIME;
  out.selected = (await blocking.selectBundle(bundles)).mainModule;
  const db = await blocking.createDuckDB(bundles, new blocking.VoidLogger(), runtime);
  out.instantiated = (db as unknown as { mainModuleURL: string }).mainModuleURL;
  await db.instantiate(() => undefined);
  db.open({});
  const conn = db.connect();
  try {
    conn.query('SET threads = 2');
  } catch (err) {
    out.setThreads = String((err as Error).message);
  }
  out.threads = plain(conn.query("SELECT current_setting('threads') AS t").toArray()[0].toJSON());
}

async function probeAsync(): Promise<void> {
  const b =
    params.get('bundle') === 'eh'
      ? { ...bundles.eh, pthreadWorker: null }
      : await duckdb.selectBundle(bundles);
  out.selected = b.mainModule;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(b.mainWorker!));
  await db.instantiate(b.mainModule, b.pthreadWorker);
  await db.open({});
  const conn = await db.connect();
  const q = async (sql: string) => {
    try {
      return plain((await conn.query(sql)).toArray().map((r) => r.toJSON()));
    } catch (err) {
      return `error: ${(err as Error).message}`;
    }
  };
  out.threadsAtStart = await q("SELECT current_setting('threads') AS t");
  out.setThreads1 = await q('SET threads = 1');
  if (params.get('pregrow') !== '0') {
    // Grows the heap from the DuckDB worker's own thread before any other thread can: the
    // bindings copy through a view of the memory taken before a pthread grew it (duckdb-wasm #2256).
    out.pregrow = await q(
      "CREATE TABLE ballast AS SELECT i, i::VARCHAR || 'xxxxxxxxxxxxxxxx' s FROM range(30000000) r(i)",
    );
    await q('DROP TABLE ballast');
  }
  const rows = Number(params.get('rows') ?? 5_000_000);
  out.create = await q(
    `CREATE TABLE enc AS SELECT i AS id, i % 250000 AS ep, (i % 7)::VARCHAR || 'role' AS role,
       (i * 31) % 90 AS minutes, DATE '2020-01-01' + (i % 1500)::INT AS d FROM range(${rows}) r(i)`,
  );
  const statements = {
    group:
      'CREATE OR REPLACE TABLE tot AS SELECT ep, role, count(*) n, sum(minutes) m, min(d) fd FROM enc GROUP BY ep, role',
    small: "SELECT count(DISTINCT ep) c, sum(m) m FROM tot WHERE role <> '3role'",
    sort: 'SELECT count(*) n FROM (SELECT id FROM enc ORDER BY id DESC)',
  };
  const runs = [];
  for (const threads of (params.get('seq') ?? '1,2,1,2').split(',')) {
    const run: Record<string, unknown> = { threads, set: await q(`SET threads = ${Number(threads)}`) };
    run.now = await q("SELECT current_setting('threads') AS t");
    for (const [name, sql] of Object.entries(statements)) {
      const t0 = performance.now();
      const result = await q(sql);
      run[`${name}Ms`] = Math.round(performance.now() - t0);
      if (typeof result === 'string') run[`${name}Error`] = result;
    }
    runs.push(run);
  }
  out.runs = runs;
}

try {
  await (params.get('mode') === 'blocking' ? probeBlocking() : probeAsync());
} catch (err) {
  out.error = String((err as Error).stack ?? err);
}
postMessage(out);
