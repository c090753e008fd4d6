import { FACTORS, treatmentDesign, type Factor } from '../measures/risk-design';
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
const patternKey = (r: Covariates) => FACTORS.map((f) => r[f]).join('\u0000');

/**
 * comparative-effectiveness.md §2: glm(treated ~ band + sex + subst + cooc + prior + court +
 * housing + payer, binomial), fitted on covariate patterns (the same likelihood as one row per
 * episode) through the risk model's IRLS.
 */
export function fitPropensity(rows: readonly (Covariates & { treated: number })[]): PropensityFit {
  const patterns = new Map<string, { row: Covariates; n: number; treated: number }>();
  for (const r of rows) {
    const k = patternKey(r);
    const p = patterns.get(k) ?? { row: r, n: 0, treated: 0 };
    p.n += 1;
    p.treated += r.treated;
    patterns.set(k, p);
  }
  const list = [...patterns.values()];
  const { columns, X } = treatmentDesign(list.map((p) => p.row));
  const fit = fitLogistic(
    X,
    list.map((p) => p.treated),
    list.map((p) => p.n),
    { individual: true },
  );
  const byKey = new Map(list.map((p, i) => [patternKey(p.row), fit.fitted[i]]));
  const coefficients: Record<string, number | null> = {};
  columns.forEach((c, j) => (coefficients[c] = fit.coefficients[j]));
  return {
    e: rows.map((r) => byKey.get(patternKey(r))!),
    coefficients,
    converged: fit.converged,
    separation: fit.separation,
  };
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

/** P(e of a random treated > e of a random control), ties ½ (the model's c-statistic). */
export function cStatistic(eTreated: readonly number[], eControl: readonly number[]): number {
  const all = [...eTreated.map((e) => ({ e, t: 1 })), ...eControl.map((e) => ({ e, t: 0 }))].sort(
    (a, b) => a.e - b.e,
  );
  let controlsBelow = 0;
  let sum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    let t = 0;
    let c = 0;
    while (j < all.length && all[j].e === all[i].e) {
      if (all[j].t) t++;
      else c++;
      j++;
    }
    sum += t * (controlsBelow + c / 2);
    controlsBelow += c;
    i = j;
  }
  const pairs = eTreated.length * eControl.length;
  return pairs > 0 ? sum / pairs : NaN;
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
