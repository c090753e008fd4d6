import { fitLogistic } from '../stats/logistic';
import { poissonRatioInterval } from '../stats/poisson';
import type { MeasureContext } from './group';
import { FACTORS, PATTERNS_SQL, treatmentDesign, type PatternRow } from './risk-design';
import type { RiskAdjusted } from './types';

export interface RiskModel {
  /** R's glm coefficient names; aliased columns (R's NA) are left out and listed in `aliased`. */
  coefficients: Record<string, number>;
  /** Discharged cohort episodes in the fit. */
  n: number;
  converged: boolean;
  aliased: string[];
  /** Some fitted probability is numerically 0 or 1: those coefficients are not finite in truth. */
  separation: boolean;
}

export interface RiskAdjustedResult {
  programs: Record<string, RiskAdjusted>;
  model: RiskModel;
  /** The cohort's completion rate among discharged episodes, the funnel plot's centre. */
  overall: { observed: number; n: number; rate: number | null };
}

/**
 * measures.md §10, reading cohort_eps with grp = program_id (the caller's grouping): one
 * logistic model of completion among discharged cohort episodes, fitted on all programs
 * together on covariate patterns, then per program O, E = Σ fitted probabilities, O/E with
 * the exact Poisson interval and the risk-standardised rate O/E × the overall rate.
 */
export async function computeRiskAdjusted(ctx: MeasureContext): Promise<RiskAdjustedResult> {
  const rows = await ctx.conn.query<PatternRow>(PATTERNS_SQL);
  const groups = (
    await ctx.conn.query<{ grp: string }>('SELECT DISTINCT grp FROM cohort_eps ORDER BY grp')
  ).map((r) => r.grp);
  // fit on the distinct covariate patterns (programs pooled): fewer rows, the same likelihood
  const key = (r: PatternRow) => FACTORS.map((f) => r[f]).join('\u0000');
  const pooled = new Map<string, PatternRow>();
  for (const r of rows) {
    const k = key(r);
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
  const fittedByKey = new Map(patterns.map((r, i) => [key(r), fit.fitted[i]]));
  const fitted = rows.map((r) => fittedByKey.get(key(r))!);

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
    };
  }

  const coefficients: Record<string, number> = {};
  const aliased: string[] = [];
  fit.coefficients.forEach((b, j) => {
    if (b === null) aliased.push(columns[j]);
    else coefficients[columns[j]] = b;
  });
  return {
    programs,
    model: { coefficients, n, converged: fit.converged, aliased, separation: fit.separation },
    overall: { observed, n, rate },
  };
}

export const RISK_SQL: Readonly<Record<string, string>> = { risk_patterns: PATTERNS_SQL };
