import type { Cohort, CohortFilters, FilterColumn, Grouping, LevelOfCare } from '../../../core';

export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'retention', label: 'Retention' },
  { id: 'abstinence', label: 'Abstinence' },
  { id: 'step-down', label: 'Step-down' },
  { id: 'cost', label: 'Cost' },
  { id: 'programs', label: 'Programs' },
  { id: 'trends', label: 'Trends' },
  { id: 'comparative', label: 'IOP vs outpatient' },
  { id: 'data-quality', label: 'Data quality' },
  { id: 'study', label: 'Study' },
  { id: 'definitions', label: 'Definitions' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** A named cohort of a comparison: the global cohort with these filters in place of its own. */
export interface CompareSet {
  label: string;
  filters: CohortFilters;
}

export type Comparison =
  | { kind: 'none' }
  | { kind: 'by'; column: FilterColumn | 'program_id' }
  | { kind: 'sets'; sets: CompareSet[] };

/** Everything a link must reopen: the view, the cohort and the comparison. */
export interface AppState {
  view: ViewId;
  cohort: Cohort;
  compare: Comparison;
}

export const DEFAULT_LEVEL: LevelOfCare = 'iop';

/** The level a cohort starts at for an export: its most common level (options list levels by episodes, most first). */
export const defaultLevelOf = (levels: readonly { level: string }[]): LevelOfCare =>
  (levels[0]?.level as LevelOfCare | undefined) ?? DEFAULT_LEVEL;

export const DEFAULT_STATE: AppState = {
  view: 'overview',
  cohort: { level: DEFAULT_LEVEL },
  compare: { kind: 'none' },
};

const nonEmpty = (f: CohortFilters): CohortFilters =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => Array.isArray(v) && v.length > 0)) as CohortFilters;

/** The grouping the core computes for a comparison; a set's filters replace the global ones column by column. */
export function groupingOf(state: AppState): Grouping {
  const c = state.compare;
  if (c.kind === 'none') return { kind: 'overall' };
  if (c.kind === 'by') return { kind: 'by', column: c.column };
  return {
    kind: 'sets',
    sets: c.sets.map((s) => ({
      label: s.label,
      cohort: { ...state.cohort, filters: { ...state.cohort.filters, ...nonEmpty(s.filters) } },
    })),
  };
}

export const isComparing = (state: AppState) => state.compare.kind !== 'none';
