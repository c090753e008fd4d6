import { useSyncExternalStore } from 'react';

/** How much work the page is waiting for (engine calls, chart renders); the page is aria-busy while any is. */
let pending = 0;
const listeners = new Set<() => void>();

export function trackBusy<T>(p: Promise<T>): Promise<T> {
  const change = (d: number) => {
    pending += d;
    for (const l of listeners) l();
  };
  change(1);
  return p.finally(() => change(-1));
}

export const useBusy = () =>
  useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => pending > 0,
  );
