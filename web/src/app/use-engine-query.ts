import { useEffect, useState } from 'react';
import { trackBusy } from './busy';
import type { EngineApi, EngineMethod } from '../engine/engine-api';
import { engine } from './engine';
import { useData } from './data-context';

type Result<T> = { data: T | undefined; error: Error | undefined; loading: boolean };

const cache = new Map<string, Promise<unknown>>();
const MAX_CACHED = 80;

/**
 * Runs an engine call and re-runs it when its arguments change. Results are cached per export, so
 * switching views does not recompute; while a new result is computed the previous one stays shown.
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
  const key = enabled ? JSON.stringify([generation, method, args]) : '';
  const [result, setResult] = useState<{ key: string; data?: unknown; error?: Error }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let alive = true;
    let p = cache.get(key);
    if (!p) {
      p = engine.call(method, ...args);
      cache.set(key, p);
      p.catch(() => cache.delete(key));
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    }
    void trackBusy(
      p.then(
        (data) => alive && setResult({ key, data }),
        (error: Error) => alive && setResult({ key, error }),
      ),
    );
    return () => {
      alive = false;
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
