import type { EngineApi, EngineMethod, LoadedSummary, OpenFailure } from './engine-api';
import type { EngineMessage, EngineRequest, ExportSource, LoadProgress } from './protocol';
import { recordTiming, stamp, timingOn } from './timing';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: LoadProgress) => void;
};

/** A request dropped before it ran because nobody waited for it any more. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** A failed request; for a failed load, `failure` holds the validation findings when there are any. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly failure?: OpenFailure,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** The page's side of the engine worker: typed promise-returning calls, load progress by callback. */
export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    this.worker.onmessage = (ev: MessageEvent<EngineMessage>) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      const err = new EngineError(`The data engine stopped: ${ev.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    if (timingOn()) this.worker.postMessage({ id: 0, kind: 'measure' } satisfies EngineRequest);
  }

  private receive(m: EngineMessage) {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') return p.onProgress?.(m.progress);
    this.pending.delete(m.id);
    if (m.kind === 'result') {
      if (m.timing) recordTiming({ ...m.timing, kind: 'call', arrivedAt: stamp() });
      p.resolve(m.value);
    } else if (m.kind === 'cancelled') p.reject(new CancelledError());
    else p.reject(new EngineError(m.message, m.failure));
  }

  private send(
    req: WithoutId<EngineRequest>,
    onProgress?: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...req, id } as EngineRequest);
      signal?.addEventListener(
        'abort',
        () => this.worker.postMessage({ id, kind: 'cancel' } as EngineRequest),
        {
          once: true,
        },
      );
    });
  }

  /**
   * Loads an export; when it loaded it replaces the current one. Aborting `signal` stops it (at its
   * next progress step, or before it starts) and rejects with CancelledError; the current export stays.
   */
  open(
    source: ExportSource,
    onProgress?: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<LoadedSummary> {
    return this.send({ kind: 'open', source }, onProgress, signal) as Promise<LoadedSummary>;
  }

  call<M extends EngineMethod>(method: M, ...args: Parameters<EngineApi[M]>): ReturnType<EngineApi[M]> {
    return this.send({ kind: 'call', method, args }) as ReturnType<EngineApi[M]>;
  }

  /** A call that is dropped (rejecting with CancelledError) if `signal` aborts before the worker starts it. */
  callCancellable<M extends EngineMethod>(
    signal: AbortSignal,
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): ReturnType<EngineApi[M]> {
    return this.send({ kind: 'call', method, args }, undefined, signal) as ReturnType<EngineApi[M]>;
  }

  terminate() {
    this.worker.terminate();
  }
}
