import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../web/src/engine/client';
import type { EngineApi, EngineMethod } from '../../web/src/engine/engine-api';
import { QueryManager, type CancellableEngine } from '../../web/src/app/query-manager';
import { programNeighbours } from '../../web/src/state/toggle';

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

describe('QueryManager.seed (the sample’s shipped first screen)', () => {
  it('answers a seeded query of its generation without the engine, and nothing else', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    qm.seed(3, 'grouped', [A, OVERALL], 'shipped');
    const seeded = qm.request(3, 'grouped', A, OVERALL);
    expect(await seeded.result).toBe('shipped');
    expect(engine.waiting).toBe(0);
    // another cohort, or the same query of another export generation, goes to the engine
    qm.request(3, 'grouped', B, OVERALL);
    qm.request(4, 'grouped', A, OVERALL);
    expect(engine.waiting).toBe(2);
    expect(qm.inFlight).toBe(2);
    // a seed never replaces what the engine answered or is answering
    qm.seed(4, 'grouped', [A, OVERALL], 'shipped');
    await engine.next();
    await engine.next();
    expect(await qm.request(4, 'grouped', A, OVERALL).result).toBe(
      'grouped {"level":"iop","programs":["A"]}',
    );
  });
});

describe('a query is the same whatever order its objects list their keys in', () => {
  it('shares one engine call between a cohort and the same cohort built in another key order', async () => {
    const engine = new OrderedEngine();
    const qm = new QueryManager(engine);
    const built = { programs: ['A'], level: 'iop' as const };
    expect(QueryManager.key(1, 'funnel', [built])).toBe(QueryManager.key(1, 'funnel', [A]));
    expect(QueryManager.key(1, 'funnel', [{ ...A, to: undefined }])).toBe(QueryManager.key(1, 'funnel', [A]));
    expect(QueryManager.key(1, 'funnel', [{ level: 'iop', programs: ['A', 'B'] }])).not.toBe(
      QueryManager.key(1, 'funnel', [{ level: 'iop', programs: ['B', 'A'] }]),
    );
    const first = qm.request(1, 'funnel', A);
    const second = qm.request(1, 'funnel', built);
    expect(engine.waiting).toBe(1);
    await engine.next();
    expect(await second.result).toBe(await first.result);
  });
});

describe('the cohorts one program away (what the Programs view prefetches)', () => {
  it('ticks an unticked program last and unticks a ticked one, as the filter panel does', () => {
    expect(programNeighbours({ level: 'iop' }, ['A', 'B'])).toEqual([
      { level: 'iop', programs: ['A'] },
      { level: 'iop', programs: ['B'] },
    ]);
    const two = programNeighbours({ level: 'iop', programs: ['B', 'C'] }, ['A', 'B', 'C']);
    expect(two.map((c) => c.programs)).toEqual([['B', 'C', 'A'], ['C'], ['B']]);
    expect(programNeighbours({ level: 'iop', programs: ['B'] }, ['B'])[0].programs).toBeUndefined();
  });
});
