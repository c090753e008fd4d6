import type {
  Cohort,
  Comparative,
  ComparativeRequest,
  CurveKind,
  ModelDiagnostics,
  Overdispersion,
  RetentionDifference,
  RiskOutcome,
  Comparator,
  FunnelLimit,
  FunnelPoint,
  GroupedMeasures,
  Grouping,
  KmPoint,
  LoadedExport,
  LogRankResult,
  NotEstimated,
  Report,
  RiskAdjustedResult,
  SeriesPart,
  SeriesSet,
  SessionOptions,
  StudyExports,
  StudyScreen,
  StudyRequest,
  ValidationReport,
} from '../../../core';

/** What the page may ask of the loaded export; every figure is computed by the core's OutcomeSession. */
export interface EngineApi {
  /** Every measure, or just the measure groups producing the measures `only` names (what a view shows). */
  grouped(cohort: Cohort, grouping: Grouping, only?: readonly string[]): Promise<GroupedMeasures>;
  /** The report; with `programsOnly`, only what a table of programs shows (computeReport). */
  report(cohort: Cohort, programsOnly?: readonly string[]): Promise<Report>;
  kmCurves(
    cohort: Cohort,
    grouping: Grouping,
    maxDay?: number,
    kind?: CurveKind,
  ): Promise<Map<string, KmPoint[]>>;
  /** Day-90 and RMST differences of the not-dropped-out curve, every group against the first. */
  retentionDifferences(cohort: Cohort, grouping: Grouping): Promise<RetentionDifference[]>;
  logRank(cohort: Cohort, grouping: Grouping): Promise<LogRankResult | null>;
  /** The chart series a view shows (`parts`); the others are absent. */
  series(
    cohort: Cohort,
    grouping: Grouping,
    maxDay: number,
    parts: readonly SeriesPart[],
  ): Promise<Partial<SeriesSet>>;
  options(): Promise<SessionOptions>;
  /** The outcome study of a program against its comparator (core/study). */
  study(request: StudyRequest): Promise<StudyScreen>;
  /** The study's downloads (small-cell rule applied), asked once it is on screen. */
  studyExports(request: StudyRequest): Promise<StudyExports>;
  /** The adjusted comparison of two levels of care (core/comparative). */
  comparative(request: ComparativeRequest): Promise<Comparative | NotEstimated>;
  /** The funnel plot of an outcome's risk-standardised rates by program (core/measures/risk-funnel.ts). */
  funnel(cohort: Cohort, outcome?: RiskOutcome): Promise<FunnelData>;
  /** The national TEDS-D reference of an import-teds export, computed in a separate database. */
  tedsReference(files: File[]): Promise<ExternalComparator>;
}

export type ExternalComparator = Extract<Comparator, { kind: 'external' }>;

export type FunnelData =
  | {
      points: FunnelPoint[];
      /** Widened by τ² when the standardised rates are over-dispersed; about 150 sizes (thinSizes). */
      limits: FunnelLimit[];
      overall: RiskAdjustedResult['overall'];
      overdispersion: Overdispersion;
      model: ModelDiagnostics;
    }
  | { unavailable: string };
export type EngineMethod = keyof EngineApi;

/** What the page learns about an export once it loaded. */
export interface LoadedSummary {
  label: string;
  loaded: LoadedExport;
  options: SessionOptions;
  engine: 'duckdb-wasm';
  seconds: number;
  /** files: loaded and validated now; snapshot: the bundled sample, pre-validated at build (core/snapshot). */
  from: 'files' | 'snapshot';
}

/** Why an export could not be opened: a sentence for a person and, when validation ran, its findings. */
export interface OpenFailure {
  message: string;
  report?: ValidationReport;
}
