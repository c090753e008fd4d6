/// <reference lib="webworker" />
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ExportFile } from '../../../core';
import { parquetToIpc, type IpcPiece, type ParquetWasm } from '../../../core/platform/browser';
import type { DecodeReply, DecodeRequest } from './decode-protocol';

/**
 * The Parquet decode worker: parquet-wasm, started by the engine worker, decodes the pieces it
 * asks for (core's parquetToIpc, as in Node), so decoding the next piece overlaps DuckDB's work on
 * the current one in the engine worker. Each pass's requests run in order; its pieces'
 * buffers are transferred, not copied.
 */
declare const self: DedicatedWorkerGlobalScope;

let ready: Promise<unknown> | null = null;
const started = () =>
  (ready ??= initParquet({ module_or_path: new URL(parquetWasmUrl, self.location.href) }));

const passes = new Map<number, { pieces: AsyncGenerator<IpcPiece>; turn: Promise<void> }>();

const post = (m: DecodeReply, transfer: Transferable[] = []) => self.postMessage(m, transfer);

/** The piece's IPC bytes alone in their buffer, so transferring it hands over nothing else. */
function owned(piece: IpcPiece): IpcPiece {
  const { ipc } = piece;
  return ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength
    ? piece
    : { ...piece, ipc: ipc.slice() };
}

function open(req: Extract<DecodeRequest, { kind: 'open' }>) {
  const { id, source } = req;
  const file: ExportFile = {
    name: req.name,
    size: req.size,
    bytes: async () => (source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer())),
    ...(source instanceof Blob ? { blob: source } : {}),
  };
  async function* pieces(): AsyncGenerator<IpcPiece> {
    await started();
    yield* parquetToIpc(parquetWasm as unknown as ParquetWasm, file, {
      onRows: (rows) => post({ kind: 'rows', id, rows }),
      ...(req.batchRows ? { batchRows: req.batchRows } : {}),
      ...(req.columns ? { columns: req.columns } : {}),
    });
  }
  passes.set(id, { pieces: pieces(), turn: Promise.resolve() });
}

// Every promise of ours is handled: one that is not is parquet-wasm's (its async reader panics in a
// detached future on a corrupted page), which would otherwise leave its pass waiting for ever.
self.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault();
  const reason: unknown = ev.reason;
  post({ kind: 'crashed', message: reason instanceof Error ? reason.message : String(reason) });
});

self.onmessage = (ev: MessageEvent<DecodeRequest>) => {
  const req = ev.data;
  if (req.kind === 'warm') return void started().catch(() => undefined);
  if (req.kind === 'open') return open(req);
  const pass = passes.get(req.id);
  if (!pass) return;
  const { id } = req;
  if (req.kind === 'close') {
    passes.delete(id);
    pass.turn = pass.turn
      .then(() => pass.pieces.return(undefined))
      .then(
        () => undefined,
        () => undefined,
      );
    return;
  }
  pass.turn = pass.turn.then(async () => {
    try {
      const r = await pass.pieces.next();
      if (r.done) return post({ kind: 'done', id });
      const piece = owned(r.value);
      post({ kind: 'piece', id, piece }, [piece.ipc.buffer]);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      post({ kind: 'error', id, name: e.name, message: e.message });
    }
  });
};
