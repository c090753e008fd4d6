import { brierScore, cStatistic } from '../stats/discrimination';
import { fitLogistic } from '../stats/logistic';
import { EPISODES } from './measures-for';
import { querySums } from './program-sums';
import { overdispersion, type Overdispersion } from '../stats/overdispersion';
import { poissonRatioInterval } from '../stats/poisson';
import type { MeasureContext } from './group';
import {
  ADJUSTED_OUTCOMES,
  FACTORS,
  PATTERNS_SQL,
  RISK_OUTCOMES,
  codedDesign,
  codeRows,
  patternKey,
  type CodedRows,
  type Design,
  type PatternRow,
  type RiskOutcome,
} from './risk-design';
import type { RiskAdjusted, Unavailable } from './types';
import { UNLINKED } from './unavailable';
import { unavailable } from './values';

const OUTCOMES = Object.keys(RISK_OUTCOMES) as RiskOutcome[];

export interface RiskModel {
  /** R's glm coefficient names; aliased columns (R's NA) are left out and listed in `aliased`. */
  coefficients: Record<string, number>;
  /** Discharged cohort episodes in the fit. */
  n: number;
  converged: boolean;
  aliased: string[];
  /** Some fitted probability is numerically 0 or 1: those coefficients are not finite in truth. */
  separation: boolean;
  /** Discrimination: P(fitted of a random event > fitted of a random non-event), ties ½. */
  c_statistic: number | null;
  /** Mean squared difference of fitted probability and outcome. */
  brier: number | null;
}

export interface RiskAdjustedResult {
  programs: Record<string, RiskAdjusted>;
  model: RiskModel;
  /** The cohort's rate among discharged episodes, the funnel plot's centre. */
  overall: { observed: number; n: number; rate: number | null };
  /** Over-dispersion of the standardised rates around the overall rate (funnel limits widen by τ²). */
  overdispersion: Overdispersion;
}

/** The pattern rows by program, pooled across programs (the fit's rows) and their design. */
interface Patterns {
  rows: PatternRow[];
  /** Each row's pooled pattern. */
  poolOf: Int32Array;
  /** Each pooled pattern's episodes and, by outcome, those with it. */
  pooled: { n: number[] } & Record<RiskOutcome, number[]>;
  groups: string[];
  design: Design;
}

/**
 * The distinct covariate patterns of a set of pattern rows, sorted by their factors, and each
 * row's place among them. Made once for a level's rows by program: a cohort of some of its
 * programs pools and codes its rows with no string work, and as its own rows would be.
 */
interface PatternIndex {
  coded: CodedRows;
  size: number;
}
const placed = new WeakMap<PatternRow, { index: PatternIndex; at: number }>();

function patternIndex(rows: readonly PatternRow[]): PatternIndex {
  const byKey = new Map<string, PatternRow[]>();
  for (const r of rows) {
    const key = patternKey(r);
    const same = byKey.get(key);
    if (same) same.push(r);
    else byKey.set(key, [r]);
  }
  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index: PatternIndex = { coded: codeRows(keys.map((k) => byKey.get(k)![0])), size: keys.length };
  keys.forEach((k, at) => {
    for (const r of byKey.get(k)!) placed.set(r, { index, at });
  });
  return index;
}

/** Each row's place in its level's index, or, for rows not all of one index, in one made for them. */
function placeRows(rows: readonly PatternRow[]): { index: PatternIndex; at: Int32Array } {
  const at = new Int32Array(rows.length);
  const first = rows.length ? placed.get(rows[0])?.index : undefined;
  for (let i = 0; first && i < rows.length; i++) {
    const place = placed.get(rows[i]);
    if (place?.index !== first) break;
    at[i] = place.at;
    if (i === rows.length - 1) return { index: first, at };
  }
  const index = patternIndex(rows);
  for (let i = 0; i < rows.length; i++) at[i] = placed.get(rows[i])!.at;
  return { index, at };
}

async function riskPatterns(ctx: MeasureContext): Promise<Patterns> {
  const rows = await querySums<PatternRow>(ctx, { sql: PATTERNS_SQL, keys: FACTORS });
  const groups = (await querySums<{ grp: string }>(ctx, EPISODES)).map((r) => r.grp).sort();
  // fit on the distinct covariate patterns (programs pooled): fewer rows, the same likelihood
  const { index, at } = placeRows(rows);
  const n = new Float64Array(index.size);
  const events = OUTCOMES.map(() => new Float64Array(index.size));
  for (let i = 0; i < rows.length; i++) {
    n[at[i]] += rows[i].n;
    for (let k = 0; k < OUTCOMES.length; k++) events[k][at[i]] += rows[i][OUTCOMES[k]];
  }
  const held: number[] = [];
  const poolAt = new Int32Array(index.size);
  for (let j = 0; j < index.size; j++) if (n[j] > 0) poolAt[j] = held.push(j) - 1;
  const pooled = {
    n: held.map((j) => n[j]),
    ...Object.fromEntries(OUTCOMES.map((o, k) => [o, held.map((j) => events[k][j])])),
  } as Patterns['pooled'];
  return {
    rows,
    poolOf: at.map((j) => poolAt[j]),
    pooled,
    groups,
    design: codedDesign(index.coded, held),
  };
}

/** A value computed once for the cohort (ctx.memo), else computed. */
const once = <T>(ctx: MeasureContext, name: string, make: () => Promise<T>): Promise<T> =>
  ctx.memo ? ctx.memo(name, make) : make();

/**
 * measures.md §10, reading cohort_eps with grp = program_id (the caller's grouping): one
 * logistic model of the outcome (default completion) among discharged cohort episodes, fitted
 * on all programs together on covariate patterns, then per program O, E = Σ fitted
 * probabilities, O/E with the exact Poisson interval, the risk-standardised rate O/E × the
 * overall rate, and its z and over-dispersion-adjusted z; the model's c-statistic and Brier score.
 * The three outcomes share one pattern statement and design; a result is shared by the cohort's
 * calls (the report's and the funnel's), so it is not to be changed.
 */
export const computeRiskAdjusted = (
  ctx: MeasureContext,
  outcome: RiskOutcome = 'completion_rate',
): Promise<RiskAdjustedResult> =>
  once(ctx, `risk ${outcome}`, async () =>
    riskAdjusted(await once(ctx, 'risk patterns', () => riskPatterns(ctx)), outcome),
  );

function riskAdjusted(
  { rows, poolOf, pooled, groups, design: { columns, X } }: Patterns,
  outcome: RiskOutcome,
): RiskAdjustedResult {
  const fit = fitLogistic(X, pooled[outcome], pooled.n, { individual: true });
  const fittedPatterns = pooled.n.map((n, i) => ({ fitted: fit.fitted[i], events: pooled[outcome][i], n }));

  let observed = 0;
  let n = 0;
  // each program's sums, its rows added in order (a program's rows are together: its sums looked up once)
  const sums = new Map(groups.map((g) => [g, { o: 0, e: 0, m: 0 }]));
  let grp: string | null = null;
  let s: { o: number; e: number; m: number } | undefined;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    observed += r[outcome];
    n += r.n;
    if (r.grp !== grp) s = sums.get((grp = r.grp));
    if (!s) continue;
    s.o += r[outcome];
    s.e += r.n * fit.fitted[poolOf[i]];
    s.m += r.n;
  }
  const rate = n > 0 ? observed / n : null;
  const programs: Record<string, RiskAdjusted> = {};
  for (const g of groups) {
    const { o, e, m } = sums.get(g)!;
    const oe = e > 0 ? o / e : null;
    const ci = poissonRatioInterval(o, e);
    programs[g] = {
      observed: o,
      expected: e,
      oe,
      lower: ci.lower,
      upper: ci.upper,
      standardized_rate: oe !== null && rate !== null ? oe * rate : null,
      n: m,
      z: null,
      z_adjusted: null,
    };
  }
  const withRate = groups.filter((g) => programs[g].standardized_rate !== null);
  const od = overdispersion(
    rate,
    withRate.map((g) => ({ rate: programs[g].standardized_rate!, n: programs[g].n })),
  );
  withRate.forEach((g, i) => {
    programs[g].z = od.z[i];
    programs[g].z_adjusted = od.zAdjusted[i];
  });

  const coefficients: Record<string, number> = {};
  const aliased: string[] = [];
  fit.coefficients.forEach((b, j) => {
    if (b === null) aliased.push(columns[j]);
    else coefficients[columns[j]] = b;
  });
  return {
    programs,
    model: {
      coefficients,
      n,
      converged: fit.converged,
      aliased,
      separation: fit.separation,
      c_statistic: cStatistic(fittedPatterns),
      brier: brierScore(fittedPatterns),
    },
    overall: { observed, n, rate },
    overdispersion: { phi: od.phi, tau2: od.tau2, k: od.k },
  };
}

export interface ModelDiagnostics {
  c_statistic: number | null;
  brier: number | null;
  n: number;
}
/** measures.md §10 `risk_adjusted_outcomes.<measure>`: per program, its own over-dispersion and model. */
export type RiskAdjustedOutcome = Record<string, RiskAdjusted | Overdispersion | ModelDiagnostics>;

/** Why an outcome cannot be risk-adjusted for this export (a missing table, no client linkage), or null. */
export function riskOutcomeUnavailable(ctx: MeasureContext, outcome: RiskOutcome): Unavailable | null {
  const spec = RISK_OUTCOMES[outcome];
  const missing = spec.needs.find((t) => !ctx.tables.has(t));
  if (missing) return unavailable(missing);
  if (spec.linkage && ctx.clientLinkage === false) return UNLINKED;
  return null;
}

/**
 * Every outcome of ADJUSTED_OUTCOMES risk-adjusted like completion (own model), in the report's
 * shape; {value: null, reason} when the export lacks what it needs. Reads cohort_eps by program.
 */
export async function computeRiskAdjustedOutcomes(
  ctx: MeasureContext,
): Promise<Record<string, RiskAdjustedOutcome | Unavailable>> {
  const out: Record<string, RiskAdjustedOutcome | Unavailable> = {};
  for (const outcome of ADJUSTED_OUTCOMES) {
    const missing = riskOutcomeUnavailable(ctx, outcome);
    if (missing) out[outcome] = missing;
    else {
      const r = await computeRiskAdjusted(ctx, outcome);
      const { c_statistic, brier, n } = r.model;
      out[outcome] = {
        ...r.programs,
        overdispersion: r.overdispersion,
        risk_model: { c_statistic, brier, n },
      };
    }
  }
  return out;
}

export const RISK_SQL: Readonly<Record<string, string>> = { risk_patterns: PATTERNS_SQL };

export { ADJUSTED_OUTCOMES, type RiskOutcome };
