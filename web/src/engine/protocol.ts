import type { OpenFailure } from './engine-api';

/** The messages between the page and the engine worker (engine.worker.ts). */

/** `engine`: the DuckDB-WASM engine is being downloaded and started. */
export type LoadStep = 'engine' | 'reading' | 'decoding' | 'loading' | 'validating' | 'preparing';

export interface LoadProgress {
  step: LoadStep | string;
  /** The file or table being worked on, when there is one. */
  detail?: string;
  done?: number;
  total?: number;
  rows?: number;
}

/** Where an export comes from: the bundled sample (fetched from the page's own origin) or the user's files. */
export type ExportSource =
  { kind: 'sample'; baseUrl: string } | { kind: 'files'; files: File[]; label: string };

export type EngineRequest =
  | { id: number; kind: 'open'; source: ExportSource }
  | { id: number; kind: 'call'; method: string; args: unknown[] }
  /** Nobody waits for request `id` any more: dropped if it has not started (answered 'cancelled'). */
  | { id: number; kind: 'cancel' };

export type EngineMessage =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; message: string; failure?: OpenFailure }
  | { id: number; kind: 'cancelled' }
  | { id: number; kind: 'progress'; progress: LoadProgress };
