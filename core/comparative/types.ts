import type { CohortFilters } from '../cohort/types';
import type { LevelOfCare } from '../contract/codes';
import type { Suppressed } from '../privacy/small-cell';

/** What to compare (comparative-effectiveness.md): two levels of care, with the cohort's window and filters. */
export interface ComparativeRequest {
  /** Default 'iop'. */
  treatmentLevel?: LevelOfCare;
  /** Default 'op'. */
  controlLevel?: LevelOfCare;
  /** The treatment arm's programs; absent or empty: every program. */
  treatmentPrograms?: string[];
  /** The control arm's programs; absent or empty: every program. */
  controlPrograms?: string[];
  from?: string;
  to?: string;
  filters?: CohortFilters;
  /** The outcome of the cost-effectiveness analysis; default the primary. */
  effectOutcome?: OutcomeName;
}

export const OUTCOME_NAMES = [
  'abstinent_followup_90_mip',
  'abstinent_followup_90_cc',
  'abstinent_final30_mip',
  'completed',
  'escalation_180',
  'cost',
] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];
export const PRIMARY_OUTCOME: OutcomeName = 'abstinent_followup_90_mip';

export interface ArmEstimate {
  /** Overlap-weighted mean. */
  value: number;
  /** Eligible episodes. */
  n: number;
  /** Hidden in exports when its count of y = 1 is from 1 to 10 (binary outcomes). */
  unweighted: number | Suppressed;
}

export interface Interval {
  value: number;
  lower: number;
  upper: number;
}

export interface OutcomeEstimate {
  treated: ArmEstimate;
  control: ArmEstimate;
  difference: Interval;
  /** Binary outcomes; null for cost, or when an arm's weighted risk is 0. */
  rr: Interval | null;
  e_value: { value: number; ci: number } | null;
}

export interface NotEstimated {
  value: null;
  reason: string;
}

export type Quadrant =
  | 'dominant'
  | 'dominated'
  | 'more effective, more costly'
  | 'less effective, less costly'
  | 'no difference in effect, not more costly';

export interface CostEffectiveness {
  outcome: OutcomeName;
  delta_effect: number;
  delta_cost: number;
  icer: number | null;
  quadrant: Quadrant;
  variance_effect: number;
  variance_cost: number;
  covariance: number;
  ceac: { wtp: number; p: number }[];
}

/** The `comparative` block of the study JSON (comparative-effectiveness.md §7). */
export interface Comparative {
  treatment_level: LevelOfCare;
  control_level: LevelOfCare;
  arms: { treated: { n: number; ess: number }; control: { n: number; ess: number } };
  propensity: {
    /** R's glm names; null for an aliased column (R's NA). */
    coefficients: Record<string, number | null>;
    c_statistic: number;
    outside_05_95: number;
    /** Bins with 1 to 10 episodes (and their complements) are hidden in exports. */
    histogram: { treated: (number | Suppressed)[]; control: (number | Suppressed)[] };
  };
  balance: { covariate: string; smd_before: number; smd_after: number }[];
  outcomes: Record<OutcomeName, OutcomeEstimate | NotEstimated>;
  cost_effectiveness: CostEffectiveness | NotEstimated;
}
