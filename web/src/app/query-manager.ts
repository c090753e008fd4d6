import { CancelledError } from '../engine/client';
import type { EngineApi, EngineMethod } from '../engine/engine-api';

/** What the manager needs of the engine: a call that can be dropped before it starts. */
export interface CancellableEngine {
  callCancellable<M extends EngineMethod>(
    signal: AbortSignal,
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): ReturnType<EngineApi[M]>;
}

const keysSorted = (_key: string, value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

interface Entry {
  promise: Promise<unknown>;
  waiters: number;
  settled: boolean;
  abort: AbortController;
}

/** A view's claim on a query's result; release it when the view no longer shows it. */
export interface QueryTicket<T> {
  result: Promise<T>;
  release(): void;
}

/**
 * Between the views and the engine (after Mosaic's coordinator): views declare the queries they
 * show; identical queries (same export generation, method and arguments) share one engine call and
 * its cached result; a query nobody waits for any more (a newer filter, a view switched away) is
 * dropped before the engine starts it. Results of the last `maxCached` queries are kept.
 */
export class QueryManager {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly engine: CancellableEngine,
    private readonly maxCached = 80,
  ) {}

  /** One string per query: objects' keys sorted, so a cohort made in another key order is the same query. */
  static key(generation: number, method: EngineMethod, args: readonly unknown[]): string {
    return JSON.stringify([generation, method, args], keysSorted);
  }

  request<M extends EngineMethod>(
    generation: number,
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): QueryTicket<Awaited<ReturnType<EngineApi[M]>>> {
    const key = QueryManager.key(generation, method, args);
    let entry = this.entries.get(key);
    if (entry) {
      // most recently used last, so the oldest results are the first to go
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      const abort = new AbortController();
      const promise = this.engine.callCancellable(abort.signal, method, ...args);
      const created: Entry = { promise, waiters: 0, settled: false, abort };
      entry = created;
      this.entries.set(key, created);
      promise.then(
        () => (created.settled = true),
        () => this.entries.get(key) === created && this.entries.delete(key), // errors are not cached
      );
      this.evict();
    }
    entry.waiters++;
    const claimed = entry;
    let released = false;
    return {
      result: claimed.promise as Promise<Awaited<ReturnType<EngineApi[M]>>>,
      release: () => {
        if (released) return;
        released = true;
        if (--claimed.waiters > 0 || claimed.settled) return;
        if (this.entries.get(key) === claimed) this.entries.delete(key);
        claimed.abort.abort();
      },
    };
  }

  /**
   * An answer known without the engine (the sample's shipped first screen): a request with the same
   * key gets it as if the engine had answered. An entry already there is kept.
   */
  seed(generation: number, method: EngineMethod, args: readonly unknown[], value: unknown): void {
    const key = QueryManager.key(generation, method, args);
    if (this.entries.has(key)) return;
    const abort = new AbortController();
    this.entries.set(key, { promise: Promise.resolve(value), waiters: 0, settled: true, abort });
    this.evict();
  }

  /** Queries asked for and not yet answered or dropped (for tests and the bench). */
  get inFlight(): number {
    return [...this.entries.values()].filter((e) => !e.settled).length;
  }

  private evict() {
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.maxCached) return;
      if (e.settled && e.waiters === 0) this.entries.delete(key);
    }
  }
}

export const isCancelled = (err: unknown): boolean => err instanceof CancelledError;
