/**
 * The core's public face: web/ and pipelines/ import from here (and, for an engine adapter, from
 * platform/node or platform/browser), never from a file inside core/.
 */
export * from './catalogue';
export {
  DEFINITIONS,
  DEFINITION_SECTIONS,
  GLOSSARY,
  definitionAnchor,
  sectionAnchor,
} from './catalogue/definitions';
export * from './render';

export * from './contract/codes';
export { CONTRACT_VERSION, ROW_RULES, TABLES, tableSpec } from './contract/schema';
export type { ColumnSpec, Manifest, TableName } from './contract/schema';
export { calendarDateProblem, isCalendarDate } from './dates/calendar-date';

export type {
  Connector,
  ExportFile,
  LoadingConnector,
  ParquetBatches,
  Row,
  SqlValue,
  StreamOptions,
} from './engine/connector';
export { ExportError, loadExport, type LoadedExport, type LoadProgress } from './engine/load-export';
export { plainNumber } from './engine/rows';
export { quoteDate, quoteIdent, quoteLiteral } from './engine/sql';
export type { Finding, TableReport, ValidationReport } from './validate/types';

export { FILTER_COLUMNS, isFilterColumn } from './cohort/columns';
export type { Cohort, CohortFilters, FilterColumn, Grouping } from './cohort/types';

export { OutcomeSession, type GroupedMeasures, type SessionOptions } from './measures/session';
export {
  attachSnapshotSql,
  saveSnapshot,
  sessionFromSnapshot,
  SnapshotError,
  type SnapshotMeta,
} from './snapshot/snapshot';
export type {
  MeasureSet,
  MeasureValue,
  Proportion,
  QuarterRate,
  Report,
  RiskAdjusted,
} from './measures/types';
export type { GroupShareTertile, GroupShareTertiles } from './measures/cost-tertiles';
export type { CurveKind, KmPoint } from './measures/retention';
export type { RetentionDifference } from './measures/retention-comparison';
export type { Difference } from './stats/km-difference';
export { pChart, type PChartPoint } from './stats/p-chart';
export {
  ADJUSTED_OUTCOMES,
  computeRiskAdjusted,
  riskOutcomeUnavailable,
  type ModelDiagnostics,
  type RiskAdjustedResult,
  type RiskOutcome,
} from './measures/risk';
export type { Overdispersion } from './stats/overdispersion';
export {
  funnel,
  funnelLimit,
  funnelPosition,
  thinSizes,
  type FunnelLimit,
  type FunnelPoint,
} from './measures/risk-funnel';
export type { SeriesPart, SeriesSet } from './measures/series';
export { TRANSITIONS } from './measures/transitions-series';
export type { LogRankResult } from './stats/log-rank';

export { publishReport, type PublishedReport } from './privacy/publish-report';
export { auditRelease, describeViolations, tableRelease, type Violation } from './privacy/audit';

export { computeComparative, type ComparativeAnalysis } from './comparative/compute';
export { OUTCOMES as COMPARATIVE_OUTCOMES } from './comparative/outcomes';
export type { Comparative, ComparativeRequest, NotEstimated, OutcomeName } from './comparative/types';
export { isEstimated } from './study/comparative';
export { comparativeFigures, type ComparativeFigures } from './study/comparative-charts';
export { comparativeSentences } from './study/comparative-narrative';

export { StudyRequestError } from './study/comparator';
export { studyExactExports, studyExports, studyFileStem, type StudyExports } from './study/exports';
export { StudyService, type StudyScreen } from './study/service';
export { tedsComparator, tedsReference, type ReferenceFigure } from './study/teds-reference';
export type { Comparator, ExternalFigure, StudyRequest } from './study/types';
