/// <reference lib="webworker" />
import type { ExportFile } from '../../../core';
import { fileToExportFile, isExportFileName, sampleExportFiles } from './export-files';
import type { EngineMessage, EngineRequest, ExportSource, LoadProgress } from './protocol';
import { HostedSession, OpenError } from './session-host';
import { storesCompressed } from '../../../core/platform/browser';
import { BrowserWasmConnector, sharedEngine } from './wasm-browser';

/**
 * The engine worker: DuckDB-WASM, parquet-wasm and the core's OutcomeSession, off the main thread.
 * Requests run one at a time, in order; a request cancelled before it started is dropped. A new
 * export loads into a fresh database and replaces the current one only when it loaded, so a failed
 * load leaves the previous data in use.
 */
declare const self: DedicatedWorkerGlobalScope;

void sharedEngine().catch(() => undefined); // started now; an open reports its failure
let current: HostedSession | null = null;
type Work = Exclude<EngineRequest, { kind: 'cancel' }>;
const waiting: Work[] = [];
let running: Work | null = null;
/** A load cancelled while it runs stops at its next progress step; the previous export stays in use. */
let stopRunning = false;
class Stopped extends Error {}

const post = (m: EngineMessage) => self.postMessage(m);

async function exportFiles(source: ExportSource): Promise<ExportFile[]> {
  if (source.kind === 'sample') return sampleExportFiles(source.baseUrl);
  return source.files.filter((f) => isExportFileName(f.name)).map(fileToExportFile);
}

async function open(id: number, source: ExportSource) {
  const progress = (p: LoadProgress) => {
    if (stopRunning) throw new Stopped();
    post({ id, kind: 'progress', progress: p });
  };
  const label = source.kind === 'sample' ? 'Sample data' : source.label;
  progress({ step: 'engine', detail: label });
  const files = await exportFiles(source);
  const conn = await BrowserWasmConnector.open({ compressed: storesCompressed(files) });
  if (!files.length) {
    await conn.close().catch(() => undefined);
    throw new OpenError({
      message:
        'No export files were chosen: an export is a set of <table>.parquet files and an optional manifest.json.',
    });
  }
  let hosted: HostedSession;
  try {
    hosted = await HostedSession.open(conn, files, label, progress);
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  if (stopRunning) {
    await hosted.close().catch(() => undefined);
    throw new Stopped();
  }
  const previous = current;
  current = hosted;
  await previous?.close().catch(() => undefined);
  return hosted.summary;
}

async function handle(req: Work): Promise<unknown> {
  if (req.kind === 'open') return open(req.id, req.source);
  if (!current) throw new Error('No export is loaded.');
  return current.call(req.method, req.args);
}

async function drain() {
  if (running) return;
  for (let req = waiting.shift(); req; req = waiting.shift()) {
    running = req;
    stopRunning = false;
    try {
      post({ id: req.id, kind: 'result', value: await handle(req) });
    } catch (err) {
      if (err instanceof Stopped || stopRunning) post({ id: req.id, kind: 'cancelled' });
      else
        post({
          id: req.id,
          kind: 'error',
          message: err instanceof Error ? err.message : String(err),
          ...(err instanceof OpenError ? { failure: err.failure } : {}),
        });
    }
  }
  running = null;
}

self.onmessage = (ev: MessageEvent<EngineRequest>) => {
  const req = ev.data;
  if (req.kind === 'cancel') {
    const i = waiting.findIndex((w) => w.id === req.id);
    if (i >= 0) {
      waiting.splice(i, 1);
      post({ id: req.id, kind: 'cancelled' });
    } else if (running?.id === req.id && running.kind === 'open') stopRunning = true;
    return;
  }
  waiting.push(req);
  void drain();
};
