import type { LevelOfCare } from '../contract/codes';

/**
 * A cohort as the user states it. Compiled to SQL by core/cohort/compile.ts (parameters only).
 * List filters keep episodes whose value is in the list; an empty or absent list means no filter.
 * For nullable covariates the list may contain null ("unknown"); for `mat`, null means no MAT.
 */
export interface CohortFilters {
  sex?: string[];
  age_band?: string[];
  primary_substance?: string[];
  co_occurring_mh?: (boolean | null)[];
  mat?: (string | null)[];
  payer?: (string | null)[];
  referral_source?: (string | null)[];
  housing?: (string | null)[];
}

export interface Cohort {
  level: LevelOfCare;
  /** Admission window, inclusive calendar dates 'YYYY-MM-DD'. */
  from?: string;
  to?: string;
  programs?: string[];
  filters?: CohortFilters;
  /**
   * Leaves out episodes whose client had an episode of `level` discharged within `days` days
   * before this admission (the study's outpatient comparator: op not following IOP).
   */
  notPrecededBy?: { level: LevelOfCare; days: number };
}

export type FilterColumn = keyof CohortFilters;

/**
 * What to compare. The measures are computed once per group: `overall` is one group;
 * `by` splits the cohort by a column (program_id or a covariate); `sets` are named cohorts
 * that may overlap (e.g. "MAT" vs "no MAT").
 */
export type Grouping =
  | { kind: 'overall' }
  | { kind: 'by'; column: FilterColumn | 'program_id' }
  | { kind: 'sets'; sets: { label: string; cohort: Cohort }[] };
