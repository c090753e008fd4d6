import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../web/src/engine/client';
import type { EngineApi, EngineMethod } from '../../web/src/engine/engine-api';
import { QueryManager, type CancellableEngine } from '../../web/src/app/query-manager';

/**
 * An engine that answers in order, one call at a time, like the worker: a call whose signal
 * aborted before it started is dropped with CancelledError. `started` lists what really ran.
 */
class OrderedEngine implements CancellableEngine {
  started: string[] = [];
  private queue: {
    label: string;
    signal: AbortSignal;
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
  }[] = [];

  callCancellable<M extends EngineMethod>(
    signal: AbortSignal,
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): ReturnType<EngineApi[M]> {
    return new Promise((resolve, reject) => {
      const entry = {
        label: `${method} ${JSON.stringify(args[0])}`,
        signal,
        resolve: (v: unknown) => resolve(v as never),
        reject,
      };
      this.queue.push(entry);
      signal.addEventListener('abort', () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(new CancelledError());
        }
      });
    }) as ReturnType<EngineApi[M]>;
  }

  /** Runs the next waiting call: its answer is its label. */
  async next(): Promise<void> {
    const call = this.queue.shift();
    if (!call) return;
    this.started.push(call.label);
    call.resolve(call.label);
    await Promise.resolve();
  }

  get waiting() {
    return this.queue.length;
  }
}

const A = { level: 'iop' as const, programs: ['A'] };
const B = { level: 'iop' as const, programs: ['B'] };
const OVERALL = { kind: 'overall' as const };

describe('QueryManager', () => {
  it('shares one engine call between identical queries and caches its result', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    const first = qm.request(1, 'grouped', A, OVERALL);
    const second = qm.request(1, 'grouped', A, OVERALL);
    expect(engine.waiting).toBe(1);
    await engine.next();
    expect(await first.result).toBe(await second.result);
    first.release();
    second.release();
    const again = qm.request(1, 'grouped', A, OVERALL);
    expect(await again.result).toBe('grouped {"level":"iop","programs":["A"]}');
    expect(engine.waiting).toBe(0);
    expect(engine.started).toHaveLength(1);
  });

  it('drops a query nobody waits for before the engine starts it (a newer filter)', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    const old = qm.request(1, 'grouped', A, OVERALL);
    const oldSeries = qm.request(1, 'series', A, OVERALL, 180, ['retention_curve']);
    // the filter changes before the engine got to the old queries: the view releases them
    old.release();
    oldSeries.release();
    const fresh = qm.request(1, 'grouped', B, OVERALL);
    await expect(old.result).rejects.toBeInstanceOf(CancelledError);
    await expect(oldSeries.result).rejects.toBeInstanceOf(CancelledError);
    await engine.next();
    expect(await fresh.result).toBe('grouped {"level":"iop","programs":["B"]}');
    expect(engine.started).toEqual(['grouped {"level":"iop","programs":["B"]}']);
    expect(qm.inFlight).toBe(0);
  });

  it('keeps a query another view still waits for, and a new export generation never reuses a result', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    const overview = qm.request(1, 'grouped', A, OVERALL);
    const cards = qm.request(1, 'grouped', A, OVERALL);
    overview.release();
    await engine.next();
    expect(await cards.result).toBe('grouped {"level":"iop","programs":["A"]}');
    qm.request(2, 'grouped', A, OVERALL);
    expect(engine.waiting).toBe(1);
  });

  it('does not cache a failure', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    const t = qm.request(1, 'funnel', A);
    t.release();
    await expect(t.result).rejects.toBeInstanceOf(CancelledError);
    const retry = qm.request(1, 'funnel', A);
    await engine.next();
    expect(await retry.result).toBe('funnel {"level":"iop","programs":["A"]}');
  });
});
