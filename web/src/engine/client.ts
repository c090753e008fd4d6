import type { EngineMessage, EngineRequest, ExportSource, LoadProgress } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: LoadProgress) => void };

/** The page's side of the engine worker: promise-returning calls, load progress by callback. */
export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    this.worker.onmessage = (ev: MessageEvent<EngineMessage>) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      const err = new Error(`The data engine stopped: ${ev.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  private receive(m: EngineMessage) {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') return p.onProgress?.(m.progress);
    this.pending.delete(m.id);
    if (m.kind === 'result') p.resolve(m.value);
    else p.reject(new Error(m.message));
  }

  private send(req: Omit<EngineRequest, 'id'>, onProgress?: (p: LoadProgress) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...req, id } as EngineRequest);
    });
  }

  open(source: ExportSource, onProgress?: (p: LoadProgress) => void): Promise<unknown> {
    return this.send({ kind: 'open', source }, onProgress);
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    return this.send({ kind: 'call', method, args });
  }

  terminate() {
    this.worker.terminate();
  }
}
