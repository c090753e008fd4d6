import type { CallTiming } from './protocol';

/**
 * The page's timing channel, for the bench: nothing is recorded unless the page was opened with
 * `globalThis.__iopTiming` set to an array (test/bench/browser-one.ts does it before the app starts).
 */
export type TimingEntry =
  | (CallTiming & { kind: 'call'; arrivedAt: number })
  | { kind: 'vega'; what: 'embed' | 'update'; startedAt: number; ms: number }
  /** A shipped first-screen answer re-run live once the engine is ready (first-screen.ts proveFirstScreen). */
  | { kind: 'first-screen'; method: string; startedAt: number; ms: number; same: boolean };

declare global {
  var __iopTiming: TimingEntry[] | undefined;
}

export const timingOn = (): boolean => Array.isArray(globalThis.__iopTiming);

/** Epoch milliseconds at sub-millisecond resolution, comparable between the page and its worker. */
export const stamp = (): number => performance.timeOrigin + performance.now();

export function recordTiming(entry: TimingEntry): void {
  globalThis.__iopTiming?.push(entry);
}
