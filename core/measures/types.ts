import type { RiskAdjustedOutcome } from './risk';
import type { Overdispersion } from '../stats/overdispersion';

/** Measure values in the JSON shape of measures.md ("Machine-readable results"). */
export interface Proportion {
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number;
  denominator: number;
}
export interface Median {
  value: number | null;
  q1: number | null;
  q3: number | null;
  n: number;
}
export interface Mean {
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  median?: number | null;
  n: number;
}
export interface Survival {
  value: number | null;
  lower: number | null;
  upper: number | null;
  at_risk: number;
}
/** A restricted mean survival time with its standard error and normal interval. */
export interface Rmst {
  value: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
}
/** One calendar quarter of a trend (measures.md §11). */
export interface QuarterRate extends Proportion {
  quarter: string;
}
export interface Scalar {
  value: number | null;
}
export interface Unavailable {
  value: null;
  reason: string;
}
export type Counts = Record<string, number>;
export type MeasureValue =
  Proportion | Median | Mean | Survival | Rmst | Scalar | Unavailable | Counts | QuarterRate[];
export type MeasureSet = Record<string, MeasureValue>;

export interface RiskAdjusted {
  observed: number;
  expected: number;
  oe: number | null;
  lower: number | null;
  upper: number | null;
  standardized_rate: number | null;
  n: number;
  /** (standardised rate − overall rate) / sqrt(p(1−p)/n), and with the over-dispersion τ² added (v1.1). */
  z: number | null;
  z_adjusted: number | null;
}

export interface Report {
  contract_version: string;
  extract_date: string;
  cohort: { episodes: number; excluded: Record<string, number> };
  measures: MeasureSet;
  programs: Record<string, { episodes: number; measures: MeasureSet }>;
  risk_adjusted: Record<string, RiskAdjusted>;
  overdispersion?: Overdispersion;
  risk_model?: {
    coefficients: Record<string, number>;
    n: number;
    converged: boolean;
    c_statistic: number | null;
    brier: number | null;
  };
  /** Each binary outcome risk-adjusted like completion: per program, plus its overdispersion and risk_model. */
  risk_adjusted_outcomes?: Record<string, RiskAdjustedOutcome | Unavailable>;
}
