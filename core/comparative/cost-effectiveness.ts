import { normalCdf } from '../stats/normal-cdf';
import type { Quadrant } from './types';

/** Willingness to pay per additional success: 0, 2,500, …, 100,000 (41 points). */
export const CEAC_WTP = Array.from({ length: 41 }, (_, i) => i * 2500);

/** comparative-effectiveness.md §5: where (ΔE, ΔC) lies, effect oriented so higher is better. */
export function quadrant(dE: number, dC: number): Quadrant {
  if (dE > 0) return dC <= 0 ? 'dominant' : 'more effective, more costly';
  if (dE < 0) return dC > 0 ? 'dominated' : 'less effective, less costly';
  return dC > 0 ? 'dominated' : 'no difference in effect, not more costly';
}

/** ΔC / ΔE where it means something: more effective and more costly, or less effective and less costly. */
export function icer(dE: number, dC: number): number | null {
  const q = quadrant(dE, dC);
  return q === 'more effective, more costly' || q === 'less effective, less costly' ? dC / dE : null;
}

export interface CePoint {
  dE: number;
  dC: number;
  vE: number;
  vC: number;
  cov: number;
}

/** NMB = λΔE − ΔC with variance λ²V_E − 2λ·Cov + V_C. */
export function netMonetaryBenefit(ce: CePoint, wtp: number): { value: number; variance: number } {
  return {
    value: wtp * ce.dE - ce.dC,
    variance: wtp * wtp * ce.vE - 2 * wtp * ce.cov + ce.vC,
  };
}

/** P(NMB > 0) = Φ(NMB / SE) at each willingness to pay. */
export function acceptabilityCurve(
  ce: CePoint,
  wtps: readonly number[] = CEAC_WTP,
): { wtp: number; p: number }[] {
  return wtps.map((wtp) => {
    const nmb = netMonetaryBenefit(ce, wtp);
    const se = Math.sqrt(Math.max(nmb.variance, 0));
    const p = se > 0 ? normalCdf(nmb.value / se) : nmb.value > 0 ? 1 : nmb.value < 0 ? 0 : 0.5;
    return { wtp, p };
  });
}

/** χ²₂ 0.95 quantile, −2·log(0.05): the 95% region of a bivariate normal. */
const CHI2_2_95 = -2 * Math.log(0.05);

/**
 * The 95% confidence ellipse of (ΔE, ΔC) from (V_E, V_C, Cov), as `points` points on its
 * boundary: centre + sqrt(χ²₂,0.95)·L·(cos t, sin t), L the Cholesky factor of the covariance.
 */
export function confidenceEllipse(ce: CePoint, points = 72): { dE: number; dC: number }[] {
  const l11 = Math.sqrt(Math.max(ce.vE, 0));
  const l21 = l11 > 0 ? ce.cov / l11 : 0;
  const l22 = Math.sqrt(Math.max(ce.vC - l21 * l21, 0));
  const r = Math.sqrt(CHI2_2_95);
  return Array.from({ length: points + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / points;
    const a = r * Math.cos(t);
    const b = r * Math.sin(t);
    return { dE: ce.dE + l11 * a, dC: ce.dC + l21 * a + l22 * b };
  });
}
