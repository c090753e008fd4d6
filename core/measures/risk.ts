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
  patternsSql,
  RISK_OUTCOMES,
  treatmentDesign,
  type PatternRow,
  type RiskOutcome,
} from './risk-design';
import type { RiskAdjusted, Unavailable } from './types';
import { UNLINKED } from './unavailable';
import { unavailable } from './values';

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

/**
 * measures.md §10, reading cohort_eps with grp = program_id (the caller's grouping): one
 * logistic model of the outcome (default completion) among discharged cohort episodes, fitted
 * on all programs together on covariate patterns, then per program O, E = Σ fitted
 * probabilities, O/E with the exact Poisson interval, the risk-standardised rate O/E × the
 * overall rate, and its z and over-dispersion-adjusted z; the model's c-statistic and Brier score.
 */
export async function computeRiskAdjusted(
  ctx: MeasureContext,
  outcome: RiskOutcome = 'completion_rate',
): Promise<RiskAdjustedResult> {
  const rows = await querySums<PatternRow>(ctx, { sql: patternsSql(outcome), keys: FACTORS });
  const groups = (await querySums<{ grp: string }>(ctx, EPISODES)).map((r) => r.grp).sort();
  // fit on the distinct covariate patterns (programs pooled): fewer rows, the same likelihood
  const key = (r: PatternRow) => FACTORS.map((f) => r[f]).join('\u0000');
  const keys = rows.map(key);
  const pooled = new Map<string, PatternRow>();
  for (const [i, r] of rows.entries()) {
    const k = keys[i];
    const p = pooled.get(k);
    if (p) pooled.set(k, { ...p, n: p.n + r.n, completed: p.completed + r.completed });
    else pooled.set(k, r);
  }
  const patterns = [...pooled.values()];
  const { columns, X } = treatmentDesign(patterns);
  const fit = fitLogistic(
    X,
    patterns.map((r) => r.completed),
    patterns.map((r) => r.n),
    { individual: true },
  );
  const fittedByKey = new Map([...pooled.keys()].map((k, i) => [k, fit.fitted[i]]));
  const fitted = keys.map((k) => fittedByKey.get(k)!);
  const fittedPatterns = patterns.map((r, i) => ({ fitted: fit.fitted[i], events: r.completed, n: r.n }));

  const observed = rows.reduce((s, r) => s + r.completed, 0);
  const n = rows.reduce((s, r) => s + r.n, 0);
  const rate = n > 0 ? observed / n : null;

  const programs: Record<string, RiskAdjusted> = {};
  for (const g of groups) {
    let o = 0;
    let e = 0;
    let m = 0;
    rows.forEach((r, i) => {
      if (r.grp !== g) return;
      o += r.completed;
      e += r.n * fitted[i];
      m += r.n;
    });
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

export const RISK_SQL: Readonly<Record<string, string>> = Object.fromEntries(
  (Object.keys(RISK_OUTCOMES) as RiskOutcome[]).map((o) => [
    o === 'completion_rate' ? 'risk_patterns' : `risk_patterns_${o}`,
    patternsSql(o),
  ]),
);

export { ADJUSTED_OUTCOMES, type RiskOutcome };
