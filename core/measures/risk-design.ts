import { COVARIATES, RISK_COVARIATES } from '../catalogue/covariates';
import type { TableName } from '../contract/schema';
import type { SparseRows } from '../stats/logistic';

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

/**
 * A row's covariate pattern as one string (its factors' values joined by NUL, null as empty, as
 * Array.join gives), built by concatenation: a comparison's 287k entry episodes are keyed each.
 */
export function patternKey(row: Readonly<Record<Factor, string | null>>): string {
  let key = row[FACTORS[0]] ?? '';
  for (let k = 1; k < FACTORS.length; k++) key += `\u0000${row[FACTORS[k]] ?? ''}`;
  return key;
}

export type PatternRow = { grp: string; n: number } & Record<RiskOutcome, number> & Record<Factor, string>;

export interface Design {
  /** Column names, '(Intercept)' first. */
  columns: string[];
  /** Each row's columns of 1: the intercept and its levels that are not a reference. */
  X: SparseRows;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows coded as each factor's level: codes[i · FACTORS.length + k] indexes levels[k] (sorted). */
export interface CodedRows {
  levels: string[][];
  codes: Int32Array;
}

export function codeRows(rows: readonly Record<Factor, string>[]): CodedRows {
  const levels = FACTORS.map((f) => [...new Set(rows.map((r) => String(r[f])))].sort(byCodeUnits));
  const index = levels.map((ls) => new Map(ls.map((l, j) => [l, j])));
  const codes = new Int32Array(rows.length * FACTORS.length);
  rows.forEach((r, i) =>
    FACTORS.forEach((f, k) => (codes[i * FACTORS.length + k] = index[k].get(String(r[f]))!)),
  );
  return { levels, codes };
}

/**
 * The design of coded rows (`which` of them, default all, in that order): R's treatment contrasts
 * over the levels those rows hold, so a level none of them has gets no column and the first level
 * they have is the reference.
 */
export function codedDesign({ levels, codes }: CodedRows, which?: ArrayLike<number>): Design {
  const F = FACTORS.length;
  const m = which ? which.length : codes.length / F;
  const held = levels.map((ls) => new Uint8Array(ls.length));
  for (let r = 0; r < m; r++) {
    const i = which ? which[r] : r;
    for (let k = 0; k < F; k++) held[k][codes[i * F + k]] = 1;
  }
  // each factor's column of each level (-1: none, the reference or a level not held), after the
  // intercept; factors' columns follow in factor order, so a row's columns are in increasing order
  const columns = ['(Intercept)'];
  const column = levels.map((ls, k) => {
    const to = new Int32Array(ls.length).fill(-1);
    let reference = true;
    ls.forEach((level, j) => {
      if (!held[k][j]) return;
      if (reference) reference = false;
      else to[j] = columns.push(`${FACTORS[k]}${level}`) - 1;
    });
    return to;
  });
  const start = new Int32Array(m + 1);
  const col = new Int32Array(m * (F + 1));
  let at = 0;
  for (let r = 0; r < m; r++) {
    const i = which ? which[r] : r;
    col[at++] = 0;
    for (let k = 0; k < F; k++) {
      const j = column[k][codes[i * F + k]];
      if (j >= 0) col[at++] = j;
    }
    start[r + 1] = at;
  }
  return {
    columns,
    X: { p: columns.length, start, col: col.slice(0, at), val: null },
  };
}

export const treatmentDesign = (rows: readonly Record<Factor, string>[]): Design =>
  codedDesign(codeRows(rows));
