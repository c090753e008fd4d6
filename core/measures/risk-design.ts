import { COVARIATES, RISK_COVARIATES } from '../catalogue/covariates';

/**
 * The risk model's covariates (measures.md §10) as factors, and the design matrix with R's
 * treatment contrasts: a factor's levels are the values present, sorted (R's factor()), the
 * first is the reference, and each other level is a 0/1 column named factor+level, as R names
 * glm coefficients (band18-25, coocTRUE, payerunknown). A factor with one level adds nothing.
 */
type RiskCovariate = (typeof RISK_COVARIATES)[number];
export type Factor = (typeof COVARIATES)[RiskCovariate]['risk']['factor'];
export const FACTORS: readonly Factor[] = RISK_COVARIATES.map((c) => COVARIATES[c].risk.factor);

/** One row per program and covariate pattern among discharged cohort episodes. */
export const PATTERNS_SQL = `SELECT c.grp,
  ${RISK_COVARIATES.map((c) => `${COVARIATES[c].risk.expr} AS ${COVARIATES[c].risk.factor}`).join(',\n  ')},
  count(*)::INTEGER AS n,
  count(*) FILTER (WHERE s.completed)::INTEGER AS completed
FROM cohort_eps c
JOIN ep_summary s ON s.episode_id = c.episode_id
WHERE s.discharged
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

export type PatternRow = { grp: string; n: number; completed: number } & Record<Factor, string>;

export interface Design {
  /** Column names, '(Intercept)' first. */
  columns: string[];
  X: number[][];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function treatmentDesign(rows: readonly PatternRow[]): Design {
  const levels = FACTORS.map((f) => [...new Set(rows.map((r) => String(r[f])))].sort(byCodeUnits));
  const columns = ['(Intercept)'];
  FACTORS.forEach((f, k) => levels[k].slice(1).forEach((level) => columns.push(`${f}${level}`)));
  const X = rows.map((r) => {
    const x = [1];
    FACTORS.forEach((f, k) => levels[k].slice(1).forEach((level) => x.push(String(r[f]) === level ? 1 : 0)));
    return x;
  });
  return { columns, X };
}
