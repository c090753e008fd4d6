import type { AppState } from '../state/app-state';
import type { SessionOptions } from '../../../core';

/** What a panel beside the views (cohort, comparison) reads and writes. */
export interface SidePanelProps {
  state: AppState;
  setState: (s: AppState) => void;
  options: SessionOptions;
}
