import type { IpcPiece } from '../../../core/platform/browser';

/** The messages between the engine worker and its Parquet decode worker (decode.worker.ts). */

export type DecodeRequest =
  /** Start parquet-wasm now, so the first file does not wait for it to compile. */
  | { kind: 'warm' }
  /** A pass over one file: `source` is the chosen File itself, or bytes handed over (transferred). */
  | {
      kind: 'open';
      id: number;
      name: string;
      size: number;
      source: Blob | Uint8Array;
      batchRows?: number;
      columns?: string[];
    }
  /** Decode the pass's next piece (answered by one `piece`, `done` or `error`, in order). */
  | { kind: 'next'; id: number }
  | { kind: 'close'; id: number };

export type DecodeReply =
  | { kind: 'rows'; id: number; rows: number }
  | { kind: 'piece'; id: number; piece: IpcPiece }
  | { kind: 'done'; id: number }
  | { kind: 'error'; id: number; name: string; message: string }
  /** parquet-wasm failed outside any request (a promise rejected unhandled): the worker is unusable. */
  | { kind: 'crashed'; message: string };
