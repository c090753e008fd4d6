import { useEffect } from 'react';
import type { EngineApi, EngineMethod } from '../engine/engine-api';
import { useData } from './data-context';
import { queries } from './engine';
import { QueryManager } from './query-manager';

type Request = { [M in EngineMethod]: readonly [M, ...Parameters<EngineApi[M]>] }[EngineMethod];

/**
 * Asks, while `enabled` (the view's own answers are in), for queries the person is likely to ask
 * next, so that their answers are cached when asked (Mosaic's prefetching). They are released
 * when the requests change, a moment later: a view that now asks one of them claims it first, and
 * the others, not started, are dropped before the engine runs them.
 */
export function usePrefetch(enabled: boolean, requests: readonly Request[]): void {
  const { generation } = useData();
  const key = enabled
    ? JSON.stringify(requests.map(([method, ...args]) => QueryManager.key(generation, method, args)))
    : '';
  useEffect(() => {
    if (!key) return;
    const request = queries.request.bind(queries) as (
      g: number,
      m: EngineMethod,
      ...a: unknown[]
    ) => { result: Promise<unknown>; release(): void };
    const tickets = requests.map(([method, ...args]) => {
      const ticket = request(generation, method, ...args);
      ticket.result.catch(() => undefined); // dropped, or failed: the view asks again if it wants it
      return ticket;
    });
    return () => {
      setTimeout(() => tickets.forEach((t) => t.release()), 0);
    };
  }, [key]); // the key holds every request
}
