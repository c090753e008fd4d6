import type { LoadProgress, LoadStep } from '../engine/protocol';

/** The four phases of opening an export, each with its share of the bar. */
export const PHASES = [
  { id: 'engine', label: 'Starting the data engine', from: 0, to: 0.1 },
  { id: 'reading', label: 'Reading the files', from: 0.1, to: 0.6 },
  { id: 'checking', label: 'Checking them against the export contract', from: 0.6, to: 0.85 },
  { id: 'preparing', label: 'Preparing the measures', from: 0.85, to: 1 },
] as const;

const PHASE_OF: Record<LoadStep, number> = {
  engine: 0,
  reading: 1,
  loading: 1,
  validating: 2,
  cleaning: 2,
  preparing: 3,
};

/**
 * How far through its table a step is: checking is its first half, keeping the clean rows its
 * second; a streamed table's rows count up to rowsTotal in each (two passes).
 */
function withinTable(progress: LoadProgress): number {
  const read = progress.rowsTotal ? Math.min(1, (progress.rows ?? 0) / progress.rowsTotal) : 0;
  if (progress.step === 'cleaning') return 0.5 + read / 2;
  return progress.step === 'validating' ? read / 2 : 0;
}

/** The phase a load is in (an index of PHASES). */
export const loadPhase = (progress: LoadProgress | null): number => (progress ? PHASE_OF[progress.step] : 0);

/** How much of the whole load is done, 0 to 1: the phase's share, filled by tables (and rows) done. */
export function loadFraction(progress: LoadProgress | null): number {
  const { from, to } = PHASES[loadPhase(progress)];
  const within = progress?.total
    ? Math.min(1, ((progress.done ?? 0) + withinTable(progress)) / progress.total)
    : 0;
  return from + (to - from) * within;
}
