import type { LoadProgress as ExportLoadProgress } from '../../../core';
import type { OpenFailure } from './engine-api';

/** The messages between the page and the engine worker (engine.worker.ts). */

/** `engine`: the DuckDB-WASM engine is being downloaded and started; then the export's steps (core). */
export type LoadStep = 'engine' | ExportLoadProgress['step'];

export interface LoadProgress {
  step: LoadStep;
  /** The file or table being worked on, when there is one. */
  detail?: string;
  done?: number;
  total?: number;
  rows?: number;
  /** The rows of the table being validated, when `rows` counts up to them. */
  rowsTotal?: number;
}

/** An export load's progress as the page shows it: its table is the detail. */
export const pageProgress = ({
  step,
  table,
  done,
  total,
  rows,
  rowsTotal,
}: ExportLoadProgress): LoadProgress => ({
  step,
  detail: table,
  done,
  total,
  rows,
  rowsTotal,
});

/** Where an export comes from: the bundled sample (fetched from the page's own origin) or the user's files. */
export type ExportSource =
  { kind: 'sample'; baseUrl: string } | { kind: 'files'; files: File[]; label: string };

/**
 * Where an engine call's time went in the worker. Stamps are epoch milliseconds (timeOrigin + now),
 * so the page can line them up with its own clock.
 */
export interface CallTiming {
  method: string;
  receivedAt: number;
  startedAt: number;
  postedAt: number;
  statements: number;
  /** In DuckDB, and turning its Arrow results into rows. */
  sqlMs: number;
  rowsMs: number;
  /** The result's size as JSON, once the page asked for sizes (a 'measure' request). */
  bytes?: number;
}

export type EngineRequest =
  | { id: number; kind: 'open'; source: ExportSource }
  | { id: number; kind: 'call'; method: string; args: unknown[] }
  /** Nobody waits for request `id` any more: dropped if it has not started (answered 'cancelled'). */
  | { id: number; kind: 'cancel' }
  /** The page records timings (the bench): add result sizes to them from now on. */
  | { id: number; kind: 'measure' };

export type EngineMessage =
  | { id: number; kind: 'result'; value: unknown; timing?: CallTiming }
  | { id: number; kind: 'error'; message: string; failure?: OpenFailure }
  | { id: number; kind: 'cancelled' }
  | { id: number; kind: 'progress'; progress: LoadProgress };
