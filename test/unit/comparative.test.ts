import { describe, expect, it } from 'vitest';
import {
  acceptabilityCurve,
  CEAC_WTP,
  confidenceEllipse,
  icer,
  netMonetaryBenefit,
  quadrant,
} from '../../core/comparative/cost-effectiveness';
import {
  cStatistic,
  effectiveSampleSize,
  outsideShare,
  overlapWeight,
  propensityHistogram,
} from '../../core/comparative/propensity';
import {
  difference,
  eValue,
  eValues,
  riskRatio,
  weightedCovariance,
  weightedMean,
  Z95,
} from '../../core/comparative/weighted';
import { normalCdf } from '../../core/stats/normal-cdf';

/** HC0 sandwich of lm(y ~ treated, weights = w), from the design: (X'WX)⁻¹ X'W diag(r²) W X (X'WX)⁻¹. */
function hc0Slope(y: number[], t: number[], w: number[]): { slope: number; variance: number } {
  const inv2 = (m: number[][]) => {
    const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    return [
      [m[1][1] / det, -m[0][1] / det],
      [-m[1][0] / det, m[0][0] / det],
    ];
  };
  const mul = (a: number[][], b: number[][]) =>
    a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
  const X = t.map((ti) => [1, ti]);
  const xtwx = [0, 1].map((i) => [0, 1].map((j) => X.reduce((s, x, k) => s + w[k] * x[i] * x[j], 0)));
  const xtwy = [0, 1].map((i) => X.reduce((s, x, k) => s + w[k] * x[i] * y[k], 0));
  const bread = inv2(xtwx);
  const beta = [0, 1].map((i) => bread[i][0] * xtwy[0] + bread[i][1] * xtwy[1]);
  const r = X.map((x, k) => y[k] - beta[0] - beta[1] * x[1]);
  const meat = [0, 1].map((i) =>
    [0, 1].map((j) => X.reduce((s, x, k) => s + w[k] ** 2 * r[k] ** 2 * x[i] * x[j], 0)),
  );
  return { slope: beta[1], variance: mul(mul(bread, meat), bread)[1][1] };
}

describe('weighted estimates (comparative-effectiveness.md §4)', () => {
  // a tiny hand case: three treated, four controls, unequal weights
  const y1 = [1, 0, 1];
  const w1 = [0.2, 0.5, 0.3];
  const y0 = [0, 0, 1, 1];
  const w0 = [0.6, 0.1, 0.1, 0.2];

  it('weighted means and HC0 variances, worked by hand', () => {
    const t = weightedMean(y1, w1);
    // p₁ = 0.5 / 1.0; V₁ = (0.04·0.25 + 0.25·0.25 + 0.09·0.25) / 1
    expect(t.mean).toBeCloseTo(0.5, 15);
    expect(t.variance).toBeCloseTo(0.095, 15);
    const c = weightedMean(y0, w0);
    // p₀ = 0.3; V₀ = (0.36·0.09 + 0.01·0.09 + 0.01·0.49 + 0.04·0.49)
    expect(c.mean).toBeCloseTo(0.3, 15);
    expect(c.variance).toBeCloseTo(0.0333 + 0.0245, 15);
  });

  it('the closed-form variance of the difference is the HC0 sandwich of the weighted regression', () => {
    const hc0 = hc0Slope([...y1, ...y0], [1, 1, 1, 0, 0, 0, 0], [...w1, ...w0]);
    const d = difference(weightedMean(y1, w1), weightedMean(y0, w0));
    expect(d.value).toBeCloseTo(hc0.slope, 12);
    const se = (d.upper - d.value) / Z95;
    expect(se * se).toBeCloseTo(hc0.variance, 12);
    expect(d.value - d.lower).toBeCloseTo(d.upper - d.value, 12);
  });

  it('risk ratio and its log interval', () => {
    const t = weightedMean(y1, w1);
    const c = weightedMean(y0, w0);
    const rr = riskRatio(t, c)!;
    expect(rr.value).toBeCloseTo(0.5 / 0.3, 14);
    const se = Math.sqrt(0.095 / 0.25 + 0.0578 / 0.09);
    expect(rr.lower).toBeCloseTo(Math.exp(Math.log(0.5 / 0.3) - Z95 * se), 12);
    expect(riskRatio(t, weightedMean([0, 0], [1, 1]))).toBeNull();
  });

  it('covariance of two weighted means: of y with itself it is the variance', () => {
    const m = weightedMean(y0, w0);
    expect(weightedCovariance(y0, y0, w0, m.mean, m.mean)).toBeCloseTo(m.variance, 15);
  });
});

describe('E-values (VanderWeele & Ding 2017)', () => {
  it('is 1 for RR = 1, and the published example RR = 3.9 gives 7.26', () => {
    expect(eValue(1)).toBe(1);
    expect(eValue(3.9)).toBeCloseTo(7.26, 2);
    expect(eValue(1 / 3.9)).toBeCloseTo(eValue(3.9), 12);
  });
  it('the interval: the limit nearest 1, or 1 when it holds 1', () => {
    expect(eValues({ value: 2, lower: 1.5, upper: 3 }).ci).toBeCloseTo(eValue(1.5), 14);
    expect(eValues({ value: 0.5, lower: 0.3, upper: 0.8 }).ci).toBeCloseTo(eValue(0.8), 14);
    expect(eValues({ value: 1.2, lower: 0.9, upper: 1.6 }).ci).toBe(1);
    expect(eValues({ value: 0.8, lower: 0.6, upper: 1.1 }).ci).toBe(1);
  });
});

describe('propensity summaries', () => {
  it('overlap weights are 1 − e for treated and e for controls', () => {
    expect(overlapWeight(0.3, true)).toBeCloseTo(0.7, 15);
    expect(overlapWeight(0.3, false)).toBe(0.3);
  });
  it('ESS: n for equal weights, at most n otherwise, (Σw)²/Σw² by hand', () => {
    expect(effectiveSampleSize([0.4, 0.4, 0.4])).toBeCloseTo(3, 14);
    expect(effectiveSampleSize([0.1, 0.5, 0.9])).toBeCloseTo(1.5 ** 2 / 1.07, 14);
    expect(effectiveSampleSize([0.1, 0.5, 0.9])).toBeLessThanOrEqual(3);
  });
  it('c-statistic counts ties as ½', () => {
    // pairs (t, c): (0.2 vs 0.1, 0.2, 0.4) = 1 + ½ + 0; (0.5 vs …) = 3 → 4.5 / 6
    expect(cStatistic([0.2, 0.5], [0.1, 0.2, 0.4])).toBeCloseTo(4.5 / 6, 15);
    expect(cStatistic([0.9], [0.1])).toBe(1);
  });
  it('histogram bins of 0.05, the last closed; positivity share', () => {
    const h = propensityHistogram([0, 0.049, 0.05, 0.5, 0.999, 1]);
    expect(h).toHaveLength(20);
    expect(h[0]).toBe(2);
    expect(h[1]).toBe(1);
    expect(h[10]).toBe(1);
    expect(h[19]).toBe(2);
    expect(outsideShare([0.01, 0.5, 0.96, 0.05])).toBe(0.5);
  });
});

describe('cost-effectiveness (§5)', () => {
  it('quadrant and ICER on every sign combination', () => {
    expect(quadrant(0.1, -5)).toBe('dominant');
    expect(quadrant(0.1, 0)).toBe('dominant');
    expect(quadrant(0.1, 5)).toBe('more effective, more costly');
    expect(quadrant(-0.1, 5)).toBe('dominated');
    expect(quadrant(0, 5)).toBe('dominated');
    expect(quadrant(-0.1, -5)).toBe('less effective, less costly');
    expect(quadrant(-0.1, 0)).toBe('less effective, less costly');
    expect(quadrant(0, 0)).toBe('no difference in effect, not more costly');
    expect(quadrant(0, -5)).toBe('no difference in effect, not more costly');
    expect(icer(0.1, 5)).toBeCloseTo(50, 12);
    expect(icer(-0.1, -5)).toBeCloseTo(50, 12);
    expect(icer(0.1, -5)).toBeNull();
    expect(icer(-0.1, 5)).toBeNull();
  });

  const ce = { dE: 0.05, dC: 1000, vE: 0.0009, vC: 40000, cov: 1.5 };
  it('net monetary benefit and its variance', () => {
    const n = netMonetaryBenefit(ce, 10000);
    expect(n.value).toBeCloseTo(-500, 10);
    expect(n.variance).toBeCloseTo(1e8 * 0.0009 - 2e4 * 1.5 + 40000, 8);
  });
  it('acceptability curve: 41 points from 0 to 100,000; at λ = 0 it is Φ(−ΔC/√V_C)', () => {
    const curve = acceptabilityCurve(ce);
    expect(curve.map((p) => p.wtp)).toEqual(CEAC_WTP);
    expect(CEAC_WTP).toHaveLength(41);
    expect(CEAC_WTP[40]).toBe(100000);
    expect(curve[0].p).toBeCloseTo(normalCdf(-1000 / 200), 14);
  });
  it('the ellipse points satisfy the 95% quadratic form of (V_E, V_C, Cov)', () => {
    const det = ce.vE * ce.vC - ce.cov ** 2;
    for (const p of confidenceEllipse(ce, 12)) {
      const a = p.dE - ce.dE;
      const b = p.dC - ce.dC;
      const q = (ce.vC * a * a - 2 * ce.cov * a * b + ce.vE * b * b) / det;
      expect(q).toBeCloseTo(-2 * Math.log(0.05), 8);
    }
  });
});

describe('normal CDF (R: pnorm)', () => {
  it('matches R', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(-10)).toBeCloseTo(7.619853024160527e-24, 30);
  });
});
