/// <reference lib="webworker" />
import type { ExportFile } from '../../../core/engine/connector';
import { fileToExportFile, isExportFileName, sampleExportFiles } from './export-files';
import type { EngineMessage, EngineRequest, ExportSource, LoadProgress } from './protocol';
import { HostedSession, OpenError } from './session-host';
import { BrowserWasmConnector } from './wasm-browser';

/**
 * The engine worker: DuckDB-WASM, parquet-wasm and the core's OutcomeSession, off the main thread.
 * Requests run one at a time, in order. A new export loads into a fresh database and replaces the
 * current one only when it loaded, so a failed load leaves the previous data in use.
 */
declare const self: DedicatedWorkerGlobalScope;

let current: HostedSession | null = null;
let queue: Promise<unknown> = Promise.resolve();

const post = (m: EngineMessage) => self.postMessage(m);

async function exportFiles(source: ExportSource): Promise<ExportFile[]> {
  if (source.kind === 'sample') return sampleExportFiles(source.baseUrl);
  return source.files.filter((f) => isExportFileName(f.name)).map(fileToExportFile);
}

async function open(id: number, source: ExportSource) {
  const progress = (p: LoadProgress) => post({ id, kind: 'progress', progress: p });
  const label = source.kind === 'sample' ? 'Sample data' : source.label;
  progress({ step: 'engine', detail: label });
  const files = await exportFiles(source);
  if (!files.length)
    throw new OpenError({
      message:
        'No export files were chosen: an export is a set of <table>.parquet files and an optional manifest.json.',
    });
  const conn = await BrowserWasmConnector.open();
  let hosted: HostedSession;
  try {
    hosted = await HostedSession.open(conn, files, label, progress);
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  const previous = current;
  current = hosted;
  await previous?.close().catch(() => undefined);
  return hosted.summary;
}

async function handle(req: EngineRequest): Promise<unknown> {
  if (req.kind === 'open') return open(req.id, req.source);
  if (!current) throw new Error('No export is loaded.');
  return current.call(req.method, req.args);
}

self.onmessage = (ev: MessageEvent<EngineRequest>) => {
  const req = ev.data;
  queue = queue.then(() =>
    handle(req).then(
      (value) => post({ id: req.id, kind: 'result', value }),
      (err: unknown) =>
        post({
          id: req.id,
          kind: 'error',
          message: err instanceof Error ? err.message : String(err),
          ...(err instanceof OpenError ? { failure: err.failure } : {}),
        }),
    ),
  );
};
