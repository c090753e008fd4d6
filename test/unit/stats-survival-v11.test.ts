import { describe, expect, it } from 'vitest';
import { KaplanMeier } from '../../core/stats/kaplan-meier';
import { curvesCross, rmstDifference, survivalDifference } from '../../core/stats/km-difference';

/** measures.md v1.1: RMST, the plain-scale Greenwood SE and the in-treatment curve reaching 0. */
describe('restricted mean and plain-scale standard error (hand-worked, checked against R survival)', () => {
  // 2, 3+, 5, 8+: S = 3/4 from day 2, 3/8 from day 5
  const km = new KaplanMeier([
    { time: 2, events: 1, censored: 0 },
    { time: 3, events: 0, censored: 1 },
    { time: 5, events: 1, censored: 0 },
    { time: 8, events: 0, censored: 1 },
  ]);

  it('RMST to 6 = 2·1 + 3·¾ + 1·⅜, var = Σ A_j² d/(n(n−d)) (R: rmean 4.625, se 0.802827)', () => {
    const r = km.rmst(6)!;
    expect(r.value).toBeCloseTo(2 + 3 * 0.75 + 0.375, 12);
    const variance = (0.375 ** 2 * 1) / (2 * 1) + (2.625 ** 2 * 1) / (4 * 3);
    expect(r.se).toBeCloseTo(Math.sqrt(variance), 12);
    expect(r.se).toBeCloseTo(0.802827, 6);
  });

  it('RMST before any event is tau, with se 0', () => {
    expect(km.rmst(1)).toEqual({ value: 1, se: 0 });
  });

  it('se on the plain scale is S·sqrt(Greenwood) (R: summary(fit, times)$std.err 0.2165064, 0.2864110)', () => {
    expect(km.se(4)).toBeCloseTo(0.75 * Math.sqrt(1 / 12), 12);
    expect(km.se(6)).toBeCloseTo(0.286411, 6);
    expect(km.se(1)).toBe(0);
  });
});

describe('a curve that reaches 0 (every episode discharged)', () => {
  // 2, 2, 3: S(2) = 1/3, S(3) = 0 (R log-log: 0.008961628 – 0.7741487, then NA)
  const km = new KaplanMeier([
    { time: 2, events: 2, censored: 0 },
    { time: 3, events: 1, censored: 0 },
  ]);
  it('S(t) = 0 has a null interval, and 0 at risk after the last exit', () => {
    expect(km.at(3)).toEqual({ value: 0, lower: null, upper: null, at_risk: 1 });
    expect(km.at(90)).toEqual({ value: 0, lower: null, upper: null, at_risk: 0 });
    expect(km.at(2).lower).toBeCloseTo(0.008961628, 8);
    expect(km.at(2).upper).toBeCloseTo(0.7741487, 7);
  });
  it("RMST counts the last step's Greenwood term as 0 (n = d), as R does", () => {
    const r = km.rmst(5)!;
    expect(r.value).toBeCloseTo(2 + 1 / 3, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(((1 / 3) ** 2 * 2) / (3 * 1)), 12);
  });
});

describe('differences between two curves (plain-scale Greenwood; RMST)', () => {
  const one = new KaplanMeier([
    { time: 2, events: 1, censored: 0 },
    { time: 3, events: 0, censored: 1 },
    { time: 5, events: 1, censored: 0 },
    { time: 8, events: 0, censored: 1 },
  ]);
  const zero = new KaplanMeier([
    { time: 1, events: 1, censored: 0 },
    { time: 9, events: 0, censored: 1 },
  ]);
  it('S₁(6) − S₀(6) with sqrt(se₁² + se₀²)', () => {
    const d = survivalDifference(one, zero, 6)!;
    expect(d.value).toBeCloseTo(0.375 - 0.5, 12);
    const se = Math.sqrt(one.se(6)! ** 2 + (0.5 * Math.sqrt(1 / 2)) ** 2);
    expect(d.se).toBeCloseTo(se, 12);
    expect(d.upper - d.value).toBeCloseTo(1.959963984540054 * se, 12);
  });
  it('RMST difference: 4.625 − (1 + 5·½)', () => {
    const d = rmstDifference(one, zero, 6)!;
    expect(d.value).toBeCloseTo(4.625 - 3.5, 12);
    expect(d.se).toBeCloseTo(Math.sqrt(one.rmst(6)!.se ** 2 + zero.rmst(6)!.se ** 2), 12);
    // zero: A at day 1 = 5·½, term 1/(2·1)
    expect(zero.rmst(6)!.se).toBeCloseTo(Math.sqrt(2.5 ** 2 / 2), 12);
  });
  it('the curves cross: zero lies below one on days 1–4, above it from day 5', () => {
    expect(curvesCross(one, zero, 6)).toBe(true);
    expect(curvesCross(one, zero, 4)).toBe(false);
    expect(curvesCross(one, one, 6)).toBe(false);
  });
});
