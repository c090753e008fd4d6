/// <reference lib="webworker" />
import type { ExportFile } from '../../../core';
import {
  fetchSampleFile,
  fileToExportFile,
  isExportFileName,
  sampleExportFiles,
  sampleListing,
} from './export-files';
import type { CallTiming, EngineMessage, EngineRequest, ExportSource, LoadProgress } from './protocol';
import { HostedSession, OpenError } from './session-host';
import { storesCompressed } from '../../../core/platform/browser';
import { SAMPLE_LABEL, type SampleListing } from './sample-listing';
import { stamp } from './timing';
import { warmDecoder } from './decode-client';
import { BrowserWasmConnector, sharedEngine } from './wasm-browser';

/**
 * The engine worker: DuckDB-WASM and the core's OutcomeSession, off the main thread (parquet-wasm
 * decodes in a worker of its own, decode.worker.ts).
 * Requests run one at a time, in order; a request cancelled before it started is dropped. A new
 * export loads into a fresh database and replaces the current one only when it loaded, so a failed
 * load leaves the previous data in use.
 */
declare const self: DedicatedWorkerGlobalScope;

void sharedEngine().catch(() => undefined); // started now; an open reports its failure
let current: HostedSession | null = null;
type Work = Extract<EngineRequest, { kind: 'open' | 'call' }>;
const waiting: (Work & { receivedAt: number })[] = [];
/** Result sizes are measured once the page asked for them (the bench); JSON.stringify costs time. */
let measureSizes = false;
let running: Work | null = null;
/** A load cancelled while it runs stops at its next progress step; the previous export stays in use. */
let stopRunning = false;
class Stopped extends Error {}

const post = (m: EngineMessage) => self.postMessage(m);

/**
 * The sample from its pre-validated snapshot, fetched while the engine compiles; null when the
 * build made none or it cannot be used (the sample's Parquet files are then loaded instead).
 */
async function sampleFromSnapshot(
  baseUrl: string,
  snapshot: SampleListing['snapshot'],
  label: string,
  progress: (p: LoadProgress) => void,
): Promise<HostedSession | null> {
  if (!snapshot) return null;
  let conn: BrowserWasmConnector | null = null;
  try {
    const bytes = fetchSampleFile(baseUrl, snapshot.name);
    bytes.catch(() => undefined);
    progress({ step: 'reading', detail: 'pre-validated sample' });
    const snapshotBytes = await bytes;
    performance.mark('snapshot-fetched'); // these marks are read by test/bench/browser-one.ts
    progress({ step: 'reading', detail: 'pre-validated sample read; waiting for the data engine' });
    conn = await BrowserWasmConnector.openSnapshot(snapshotBytes);
    performance.mark('snapshot-attached');
    progress({ step: 'preparing', detail: 'pre-validated sample' });
    const hosted = await HostedSession.fromSnapshot(conn, label);
    performance.mark('snapshot-session');
    return hosted;
  } catch (err) {
    await conn?.close().catch(() => undefined);
    if (err instanceof Stopped) throw err;
    return null;
  }
}

async function loadFiles(
  files: ExportFile[],
  label: string,
  progress: (p: LoadProgress) => void,
): Promise<HostedSession> {
  warmDecoder(); // parquet-wasm compiles in the decode worker while the engine connects
  const conn = await BrowserWasmConnector.open({ compressed: storesCompressed(files) });
  if (!files.length) {
    await conn.close().catch(() => undefined);
    throw new OpenError({
      message:
        'No export files were chosen: an export is a set of <table>.parquet files and an optional manifest.json.',
    });
  }
  try {
    return await HostedSession.open(conn, files, label, progress);
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
}

async function open(id: number, source: ExportSource) {
  let steps = 0;
  let lastStep = '';
  const progress = (p: LoadProgress) => {
    if (stopRunning) throw new Stopped();
    const step = `${p.step}${p.detail ? ` ${p.detail}` : ''}`;
    // each step's start, read by test/bench/browser-one.ts (where a load's time goes)
    if (step !== lastStep) performance.mark(`load ${++steps} ${(lastStep = step)}`);
    post({ id, kind: 'progress', progress: p });
  };
  const label = source.kind === 'sample' ? SAMPLE_LABEL : source.label;
  progress({ step: 'engine', detail: label });
  let hosted: HostedSession;
  if (source.kind === 'sample') {
    const listing = await sampleListing(source.baseUrl);
    hosted =
      (await sampleFromSnapshot(source.baseUrl, listing.snapshot, label, progress)) ??
      (await loadFiles(sampleExportFiles(source.baseUrl, listing.files), label, progress));
  } else {
    const files = source.files.filter((f) => isExportFileName(f.name)).map(fileToExportFile);
    hosted = await loadFiles(files, label, progress);
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

const jsonSize = (value: unknown): number =>
  JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v))?.length ?? 0;

/** A call's result with where its time went (a load's result has no timing). */
async function handle(req: Work & { receivedAt: number }): Promise<{ value: unknown; timing?: CallTiming }> {
  if (req.kind === 'open') return { value: await open(req.id, req.source) };
  if (!current) throw new Error('No export is loaded.');
  const before = { ...current.clock };
  const startedAt = stamp();
  const value = await current.call(req.method, req.args);
  const after = current.clock;
  return {
    value,
    timing: {
      method: req.method,
      receivedAt: req.receivedAt,
      startedAt,
      statements: after.statements - before.statements,
      sqlMs: after.sqlMs - before.sqlMs,
      rowsMs: after.rowsMs - before.rowsMs,
      ...(measureSizes ? { bytes: jsonSize(value) } : {}),
      postedAt: stamp(),
    },
  };
}

/**
 * A macrotask's wait: the calls run synchronously in DuckDB and JS, so without it the next queued
 * call would start before a cancel or a newer call posted meanwhile is read (a prefetch the page
 * no longer wants would run before the call it now waits for).
 */
const messagesRead = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

async function drain() {
  if (running) return;
  for (let req = waiting.shift(); req; req = waiting.shift()) {
    running = req;
    stopRunning = false;
    try {
      post({ id: req.id, kind: 'result', ...(await handle(req)) });
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
    await messagesRead();
  }
  running = null;
}

self.onmessage = (ev: MessageEvent<EngineRequest>) => {
  const req = ev.data;
  if (req.kind === 'measure') {
    measureSizes = true;
    return;
  }
  if (req.kind === 'cancel') {
    const i = waiting.findIndex((w) => w.id === req.id);
    if (i >= 0) {
      waiting.splice(i, 1);
      post({ id: req.id, kind: 'cancelled' });
    } else if (running?.id === req.id && running.kind === 'open') stopRunning = true;
    return;
  }
  waiting.push({ ...req, receivedAt: stamp() });
  void drain();
};
