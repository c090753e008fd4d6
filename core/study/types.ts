import type { LevelOfCare } from '../contract/codes';
import type { CohortFilters } from '../cohort/types';
import type { Median, Proportion, RiskAdjusted, Rmst, Survival, Unavailable } from '../measures/types';
import type { Difference as KmDifference } from '../stats/km-difference';
import type { Overdispersion } from '../stats/overdispersion';
import type { Suppressed } from '../privacy/small-cell';
import type { Difference } from '../stats/newcombe';
import type { FunnelLimit } from '../measures/risk-funnel';
import type { StudyComparative } from './comparative';

/** A figure as exported: the number, or the reason it is hidden (small-cell rule). */
export type Shown<T> = T | Suppressed;

// ---------------------------------------------------------------------------------- request

/** A published or national figure entered by the user, with its source. */
export interface ExternalFigure {
  /** measures.md name, e.g. 'completion_rate'. */
  measure: string;
  value: number;
  /** Either the counts, or n alone (the numerator is then value × n), or a published interval. */
  numerator?: number;
  denominator?: number;
  lower?: number;
  upper?: number;
}

export type Comparator =
  | { kind: 'others' }
  | { kind: 'programs'; programs: string[] }
  | { kind: 'outpatient' }
  | { kind: 'external'; label: string; source: string; figures: ExternalFigure[] };

export interface StudyRequest {
  /** The program, or a group of programs studied together. */
  programs: string[];
  comparator: Comparator;
  level: LevelOfCare;
  from?: string;
  to?: string;
  filters?: CohortFilters;
}

// ---------------------------------------------------------------------------------- study

export type Arm = 'program' | 'comparator';
export type PerArm<T> = { program: T; comparator: T | null };

export interface StudyMeta {
  title: string;
  programIds: string[];
  programLabel: string;
  comparatorKind: Comparator['kind'];
  comparatorLabel: string;
  /** How the comparator was built, in a sentence. */
  comparatorDescription: string;
  externalSource: string | null;
  level: LevelOfCare;
  /** The admission window asked for (null = open), and the months of the first and last admission found. */
  window: { from: string | null; to: string | null };
  admitted: PerArm<{ first: string | null; last: string | null }>;
  filters: CohortFilters;
  source: string | null;
  extractDate: string;
  contractVersion: string;
  productVersion: string;
  /** 'exact' on the user's screen; 'small-cell' once the privacy rule has been applied. */
  privacy: 'exact' | 'small-cell';
}

export interface FlowStep {
  key:
    | 'exported'
    | 'failed_validation'
    | 'other_level'
    | 'outside_window'
    | 'filtered'
    | 'after_higher_level'
    | 'analysed';
  label: string;
  counts: PerArm<Shown<number>>;
}

export interface BaselineLevel {
  level: string;
  label: string;
  counts: PerArm<Shown<number>>;
}

export interface ContinuousSummary {
  /** Episodes with a value; null in exports (with the arm's n it would give a hidden missing count). */
  n: number | null;
  mean: number | null;
  sd: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

export interface BaselineVariable {
  key: string;
  label: string;
  kind: 'categorical' | 'continuous';
  /** Categorical: known levels (missing excluded). */
  levels: BaselineLevel[];
  /** Continuous: among known values. */
  summary: PerArm<Shown<ContinuousSummary>> | null;
  missing: PerArm<Shown<number>>;
  /** Among known values; null when undefined or not computable. */
  smd: Shown<number> | null;
  /** The SMD was computed with hidden categories combined (exports). */
  smdCombined?: boolean;
}

/** An external reference figure: counts only when the source gave them. */
export interface ExternalProportion {
  value: number;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  external: true;
}

export type OutcomeValue = Proportion | Survival | Unavailable | ExternalProportion;

export interface OutcomeRow {
  measure: string;
  label: string;
  /** For chart axes. */
  short: string;
  section: 'discharge' | 'retention' | 'abstinence' | 'followup' | 'continuing_care';
  kind: 'proportion' | 'survival';
  values: PerArm<Shown<OutcomeValue>>;
  /** Program minus comparator, Newcombe interval; null where not defined (e.g. survival). */
  difference: Shown<Difference> | null;
  note?: string;
}

export interface CurvePoint {
  time: number;
  surv: number;
  lower: number | null;
  upper: number | null;
  atRisk: number;
}

export interface Retention {
  /** Not dropped out (not prematurely discharged: retained or completed), measures.md §2. */
  curves: PerArm<CurvePoint[]>;
  /** Still in treatment: every discharge ends it (in_treatment_t). */
  inTreatment: PerArm<CurvePoint[]>;
  /** Curves are cut where fewer than 11 remain at risk in exports. */
  truncatedAt: PerArm<number | null>;
  logRank: { chisq: number; df: number; p: number } | null;
  /** Restricted mean days not dropped out within the first 90 (rmst_retention_90). */
  rmst: PerArm<Shown<Rmst> | null>;
  /** Program − comparator: S(90) (plain-scale Greenwood) and RMST to 90 days. */
  difference90: Shown<KmDifference> | null;
  rmstDifference: Shown<KmDifference> | null;
  /** The not-dropped-out curves cross before day 90 (one difference does not tell it all). */
  curvesCross: boolean | null;
}

/** A program on the study's funnel, without its id: only the studied programs are named. */
export interface StudyFunnelPoint {
  /** Null for programs other than the studied ones: the plot does not name them. */
  label: string | null;
  studied: boolean;
  /** Risk-standardised completion rate (O/E × overall rate). */
  rate: number;
  n: number;
  completed: number;
}

export type { FunnelLimit } from '../measures/risk-funnel';

export interface Adjusted {
  /** O/E for the studied program(s) (pooled when several). */
  studied: Shown<RiskAdjusted> | null;
  overallRate: number | null;
  points: Shown<StudyFunnelPoint>[];
  /** Over the programs' standardised rates; the limits include τ² (Spiegelhalter). */
  limits: FunnelLimit[];
  overdispersion?: Overdispersion;
  /** The risk model's diagnostics. */
  model?: { c_statistic: number | null; brier: number | null; n: number };
  /** 'within the 95% limits', 'above the 95% limit'... of the adjusted funnel at the program's n. */
  position: string | null;
  reason?: string;
}

/** A cost figure and the count it is spread over (episodes, completers, abstinent episodes). */
export interface CostValue {
  value: number | null;
  n: number | null;
  median?: number | null;
  /** 95% interval (t for a mean, the ratio estimator for cost per completer / abstinent). */
  lower?: number | null;
  upper?: number | null;
}

export interface TertileRow {
  tertile: 1 | 2 | 3;
  /** Group share range by the tertile cut points (quantiles, not any one episode's value). */
  shareFrom: number | null;
  shareTo: number | null;
  episodes: Shown<number>;
  /** Median length of stay, days: short stays have little group time. */
  losMedian: Shown<number | null>;
  completion: Shown<Proportion>;
  abstinentFinal30: Shown<Proportion | Unavailable>;
  costPerEpisode: Shown<CostValue>;
  costPerCompleter: Shown<CostValue>;
}

export interface CostFigures {
  costPerEpisode: Shown<CostValue>;
  costPerCompleter: Shown<CostValue>;
  costPerAbstinent: Shown<CostValue>;
  /** value = per episode; total in `total`. */
  noShowCost: Shown<CostValue & { total: number | null }>;
  groupShare: Shown<CostValue>;
  perClientHour: Record<'group' | 'individual' | 'family', Shown<CostValue>>;
  tertiles: TertileRow[];
}

export interface InputFile {
  name: string;
  sha256: string;
  bytes: number;
  rows: number | null;
}

export interface MeasureSql {
  /** measures.md names this SQL produces. */
  measures: string[];
  step: string;
  sql: string;
}

export interface Study {
  meta: StudyMeta;
  flow: FlowStep[];
  /** Rows left out by each validation rule (no example keys: they are ids). */
  validation: { rule: string; table: string; rows: Shown<number> }[];
  baseline: BaselineVariable[];
  /** Analysed episodes per arm. */
  n: PerArm<Shown<number>>;
  outcomes: OutcomeRow[];
  dischargeReasons: { reason: string; counts: PerArm<Shown<number>> }[];
  retention: Retention;
  /** Discharged episodes with no or a missed screen in the final 30 days, per arm; null without drug_screens. */
  missedScreens: PerArm<Shown<Proportion>> | null;
  adjusted: Adjusted;
  cost: PerArm<CostFigures> | null;
  costReason?: string;
  /** comparative-effectiveness.md §7, when the comparator is standard outpatient care. */
  comparative?: StudyComparative;
  reproducibility: { files: InputFile[]; sql: MeasureSql[] };
}

export type { Median };
