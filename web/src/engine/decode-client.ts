import type { IpcPiece, PieceSource } from '../../../core/platform/browser';
import type { DecodeReply, DecodeRequest } from './decode-protocol';

interface Pass {
  onRows?: (rows: number) => void;
  /** The pass's asked pieces, answered in order (null: the file has no more). */
  replies: { resolve: (piece: IpcPiece | null) => void; reject: (err: Error) => void }[];
  /** Set when its worker failed: what it asks after that fails at once. */
  failed?: Error;
}

let worker: Worker | null = null;
let passes = new Map<number, Pass>();
let lastId = 0;

function replyError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

/**
 * The engine worker's decode worker, started on first use. One that fails outside a request (an
 * uncaught error or unhandled rejection: parquet-wasm's async reader panicking in a detached
 * future on a corrupted page) fails every open pass with that error and is replaced by a fresh one
 * at the next pass.
 */
function decoder(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' });
  const fail = (message: string) => {
    if (worker !== w) return;
    const failed = passes;
    passes = new Map();
    worker = null;
    w.terminate();
    const err = new Error(message || 'The Parquet decoder stopped.');
    for (const pass of failed.values()) {
      pass.failed = err;
      for (const reply of pass.replies.splice(0)) reply.reject(err);
    }
  };
  w.onmessage = (ev: MessageEvent<DecodeReply>) => {
    const m = ev.data;
    if (m.kind === 'crashed') return fail(m.message);
    const pass = passes.get(m.id);
    if (!pass) return;
    if (m.kind === 'rows') return pass.onRows?.(m.rows);
    const reply = pass.replies.shift();
    if (m.kind === 'error') reply?.reject(replyError(m.name, m.message));
    else reply?.resolve(m.kind === 'piece' ? m.piece : null);
  };
  w.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    fail(ev.message);
  };
  worker = w;
  return w;
}

/** Starts the decode worker and its parquet-wasm now (a load's first file then need not wait). */
export function warmDecoder(): void {
  decoder().postMessage({ kind: 'warm' } satisfies DecodeRequest);
}

/**
 * A file's pieces from the decode worker, one asked ahead: while the caller inserts and validates
 * a piece, the next is decoded, so at most two decoded pieces wait beside the one in use. The
 * file goes over as its Blob when it has one, else as its bytes, transferred (ExportFile.bytes
 * gives a fresh buffer each call).
 */
export const decodeWorkerPieces: PieceSource = async function* (file, opts = {}) {
  const w = decoder();
  const id = ++lastId;
  const pass: Pass = { ...(opts.onRows ? { onRows: opts.onRows } : {}), replies: [] };
  passes.set(id, pass);
  const send = (m: DecodeRequest, transfer: Transferable[] = []) => w.postMessage(m, transfer);
  const ask = () => {
    const reply = pass.failed
      ? Promise.reject(pass.failed)
      : new Promise<IpcPiece | null>((resolve, reject) => pass.replies.push({ resolve, reject }));
    reply.catch(() => undefined); // awaited later, when the caller wants this piece
    if (!pass.failed) send({ kind: 'next', id });
    return reply;
  };
  try {
    const source = file.blob ?? (await file.bytes());
    const whole =
      source instanceof Uint8Array &&
      source.byteOffset === 0 &&
      source.byteLength === source.buffer.byteLength;
    send(
      {
        kind: 'open',
        id,
        name: file.name,
        size: file.size,
        source,
        ...(opts.batchRows ? { batchRows: opts.batchRows } : {}),
        ...(opts.columns ? { columns: [...opts.columns] } : {}),
      },
      whole ? [source.buffer as ArrayBuffer] : [],
    );
    let next = ask();
    for (;;) {
      const piece = await next;
      if (!piece) return;
      next = ask();
      yield piece;
    }
  } finally {
    if (passes.get(id) === pass) {
      passes.delete(id);
      send({ kind: 'close', id });
    }
  }
};
