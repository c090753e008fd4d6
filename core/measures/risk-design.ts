import { COVARIATES, RISK_COVARIATES } from '../catalogue/covariates';
import type { TableName } from '../contract/schema';

/**
 * The risk model's covariates (measures.md §10) as factors, and the design matrix with R's
 * treatment contrasts: a factor's levels are the values present, sorted (R's factor()), the
 * first is the reference, and each other level is a 0/1 column named factor+level, as R names
 * glm coefficients (band18-25, coocTRUE, payerunknown). A factor with one level adds nothing.
 */
type RiskCovariate = (typeof RISK_COVARIATES)[number];
export type Factor = (typeof COVARIATES)[RiskCovariate]['risk']['factor'];
export const FACTORS: readonly Factor[] = RISK_COVARIATES.map((c) => COVARIATES[c].risk.factor);

/**
 * The binary outcomes risk-adjusted the same way (measures.md §10), among discharged cohort
 * episodes: completion (the main comparison) and, as `risk_adjusted_outcomes`, abstinence in
 * the final 30 days (missing = positive) and step-down, each an expression over cohort_eps s.
 */
export const RISK_OUTCOMES = {
  completion_rate: { expr: 's.completed', needs: [], linkage: false },
  abstinent_final30_mip: {
    expr: 'coalesce(s.abstinent_final30_mip, false)',
    needs: ['drug_screens'],
    linkage: false,
  },
  step_down_rate: {
    expr: "coalesce(s.transition = 'step_down', false)",
    needs: [],
    linkage: true,
  },
} as const satisfies Record<string, { expr: string; needs: readonly TableName[]; linkage: boolean }>;
export type RiskOutcome = keyof typeof RISK_OUTCOMES;
/** The outcomes reported under risk_adjusted_outcomes, besides completion. */
export const ADJUSTED_OUTCOMES = [
  'abstinent_final30_mip',
  'step_down_rate',
] as const satisfies readonly RiskOutcome[];

/**
 * The covariates' coding as SQL columns over ep_summary aliased `s`, one definition for the risk
 * model and the comparative analysis's propensity model.
 */
export const COVARIATE_COLUMNS_SQL = RISK_COVARIATES.map(
  (c) => `${COVARIATES[c].risk.expr} AS ${COVARIATES[c].risk.factor}`,
).join(',\n  ');

/**
 * One row per program and covariate pattern among discharged cohort episodes: its episodes (`n`)
 * and, in a column named after each risk outcome, those with the outcome. Every outcome's model is
 * fitted on the same patterns, so one statement serves all three.
 */
export const PATTERNS_SQL = `SELECT s.grp,
  ${COVARIATE_COLUMNS_SQL},
  count(*)::INTEGER AS n,
  ${(Object.keys(RISK_OUTCOMES) as RiskOutcome[])
    .map((o) => `count(*) FILTER (WHERE ${RISK_OUTCOMES[o].expr})::INTEGER AS ${o}`)
    .join(',\n  ')}
FROM cohort_eps s
WHERE s.discharged
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

export type PatternRow = { grp: string; n: number } & Record<RiskOutcome, number> & Record<Factor, string>;

export interface Design {
  /** Column names, '(Intercept)' first. */
  columns: string[];
  X: number[][];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function treatmentDesign(rows: readonly Record<Factor, string>[]): Design {
  const levels = FACTORS.map((f) => [...new Set(rows.map((r) => String(r[f])))].sort(byCodeUnits));
  const columns = ['(Intercept)'];
  FACTORS.forEach((f, k) => levels[k].slice(1).forEach((level) => columns.push(`${f}${level}`)));
  // each factor's column of each level (none for the reference level), after the intercept
  const offsets: Map<string, number>[] = [];
  let next = 1;
  for (const ls of levels) {
    offsets.push(new Map(ls.slice(1).map((level, i) => [level, next + i])));
    next += ls.length - 1;
  }
  const X = rows.map((r) => {
    const x = new Array<number>(columns.length).fill(0);
    x[0] = 1;
    FACTORS.forEach((f, k) => {
      const j = offsets[k].get(String(r[f]));
      if (j !== undefined) x[j] = 1;
    });
    return x;
  });
  return { columns, X };
}
