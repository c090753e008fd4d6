import { useEffect, useState } from 'react';
import { trackBusy } from './busy';
import type { EngineApi, EngineMethod } from '../engine/engine-api';
import { queries } from './engine';
import { useData } from './data-context';
import { isCancelled, QueryManager } from './query-manager';

type Result<T> = { data: T | undefined; error: Error | undefined; loading: boolean };

/**
 * Declares a query a view shows, through the page's QueryManager: identical queries share one
 * engine call and its cached result, so switching views does not recompute; when the arguments
 * change or the view goes, the old query is released (and dropped if it has not started). While a
 * new result is computed the previous one stays shown.
 */
export function useEngineQuery<M extends EngineMethod>(
  method: M,
  ...args: Parameters<EngineApi[M]>
): Result<Awaited<ReturnType<EngineApi[M]>>> {
  return useEngineQueryWhen(true, method, ...args);
}

/** useEngineQuery that runs only while `enabled` (hooks cannot be called conditionally). */
export function useEngineQueryWhen<M extends EngineMethod>(
  enabled: boolean,
  method: M,
  ...args: Parameters<EngineApi[M]>
): Result<Awaited<ReturnType<EngineApi[M]>>> {
  const { generation } = useData();
  const key = enabled ? QueryManager.key(generation, method, args) : '';
  const [result, setResult] = useState<{ key: string; data?: unknown; error?: Error }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let alive = true;
    const ticket = queries.request(generation, method, ...args);
    void trackBusy(
      ticket.result.then(
        (data) => alive && setResult({ key, data }),
        (error: Error) => alive && !isCancelled(error) && setResult({ key, error }),
      ),
    );
    return () => {
      alive = false;
      ticket.release();
    };
  }, [key]); // the key holds every argument
  if (!key) return { data: undefined, error: undefined, loading: false };
  const fresh = result.key === key;
  const sameExport = result.key.startsWith(`[${generation},`);
  return {
    data: sameExport ? (result.data as Awaited<ReturnType<EngineApi[M]>>) : undefined,
    error: fresh ? result.error : undefined,
    loading: !fresh,
  };
}
