import { createContext, useContext } from 'react';
import type { LoadedSummary } from '../engine/engine-api';
import type { AppState } from '../state/app-state';

export interface DataContextValue {
  summary: LoadedSummary;
  /** Increases with every export loaded, so cached results of an older export are never reused. */
  generation: number;
  state: AppState;
  setState: (next: AppState) => void;
}

export const DataContext = createContext<DataContextValue | null>(null);

export function useData(): DataContextValue {
  const v = useContext(DataContext);
  if (!v) throw new Error('useData outside a loaded export');
  return v;
}
