import { patternKey, treatmentDesign, type Factor } from '../measures/risk-design';
import { cStatistic as patternCStatistic, type FittedPattern } from '../stats/discrimination';
import { fitLogistic } from '../stats/logistic';

export const HISTOGRAM_BINS = 20;
const BIN_WIDTH = 0.05;

export interface PropensityFit {
  /** e per row, in the rows' order. */
  e: number[];
  coefficients: Record<string, number | null>;
  converged: boolean;
  separation: boolean;
}

type Covariates = Record<Factor, string>;

/**
 * comparative-effectiveness.md §2: glm(treated ~ band + sex + subst + cooc + prior + court +
 * housing + payer, binomial), fitted on covariate patterns (the same likelihood as one row per
 * episode) through the risk model's IRLS.
 */
export function fitPropensity(rows: readonly (Covariates & { treated: number })[]): PropensityFit {
  const patterns = new Map<string, { row: Covariates; n: number; treated: number; at: number }>();
  // each row's pattern's place, its key made once
  const patternAt = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const k = patternKey(r);
    let p = patterns.get(k);
    if (!p) patterns.set(k, (p = { row: r, n: 0, treated: 0, at: patterns.size }));
    p.n += 1;
    p.treated += r.treated;
    patternAt[i] = p.at;
  }
  const list = [...patterns.values()];
  const { columns, X } = treatmentDesign(list.map((p) => p.row));
  const fit = fitLogistic(
    X,
    list.map((p) => p.treated),
    list.map((p) => p.n),
    { individual: true },
  );
  const coefficients: Record<string, number | null> = {};
  columns.forEach((c, j) => (coefficients[c] = fit.coefficients[j]));
  const e = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) e[i] = fit.fitted[patternAt[i]];
  return { e, coefficients, converged: fit.converged, separation: fit.separation };
}

/** Overlap weights (Li, Morgan & Zaslavsky 2018): 1 − e for treated, e for controls. */
export const overlapWeight = (e: number, treated: boolean): number => (treated ? 1 - e : e);

/** Kish's effective sample size (Σw)² / Σw². */
export function effectiveSampleSize(w: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const x of w) {
    s += x;
    s2 += x * x;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/**
 * P(e of a random treated > e of a random control), ties ½ (the model's c-statistic): the
 * c-statistic of the episodes pooled by e (treated the events), NaN without both arms.
 */
export function cStatistic(eTreated: readonly number[], eControl: readonly number[]): number {
  const byE = new Map<number, FittedPattern>();
  const add = (e: number, treated: number) => {
    let p = byE.get(e);
    if (!p) byE.set(e, (p = { fitted: e, events: 0, n: 0 }));
    p.n += 1;
    p.events += treated;
  };
  for (const e of eTreated) add(e, 1);
  for (const e of eControl) add(e, 0);
  return patternCStatistic([...byE.values()]) ?? NaN;
}

/** Counts in 20 bins of width 0.05, bin min(floor(e / 0.05), 19). */
export function propensityHistogram(e: readonly number[]): number[] {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const x of e) bins[Math.min(Math.floor(x / BIN_WIDTH), HISTOGRAM_BINS - 1)]++;
  return bins;
}

/** Share of e below 0.05 or above 0.95. */
export const outsideShare = (e: readonly number[]): number =>
  e.length ? e.filter((x) => x < 0.05 || x > 0.95).length / e.length : 0;
