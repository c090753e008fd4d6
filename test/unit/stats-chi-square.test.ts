import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareQuantile, chiSquareSurvival } from '../../core/stats/chi-square';
import { logGamma } from '../../core/stats/gamma';

describe('chi-square (values from R)', () => {
  it('logGamma', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });
  it('qchisq', () => {
    expect(chiSquareQuantile(0.975, 10)).toBeCloseTo(20.48318, 4);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841459, 5);
    expect(chiSquareQuantile(0.025, 2)).toBeCloseTo(0.05063562, 7);
    expect(chiSquareQuantile(0.025, 18)).toBeCloseTo(8.230746, 5);
    expect(chiSquareQuantile(0.975, 20)).toBeCloseTo(34.16961, 4);
    expect(chiSquareQuantile(0.5, 3)).toBeCloseTo(2.365974, 5);
    expect(chiSquareQuantile(0, 4)).toBe(0);
    expect(chiSquareQuantile(1, 4)).toBe(Infinity);
  });
  it('pchisq', () => {
    expect(chiSquareCdf(3.841459, 1)).toBeCloseTo(0.95, 6);
    expect(chiSquareCdf(2, 2)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(chiSquareSurvival(10, 4)).toBeCloseTo(0.04042768, 7);
    expect(chiSquareSurvival(100, 3)).toBeCloseTo(1.554e-21, 23);
    expect(chiSquareSurvival(100, 3) / 1.554e-21).toBeCloseTo(1, 2);
    expect(chiSquareCdf(0, 3)).toBe(0);
  });
  it('round trip', () => {
    for (const df of [1, 2, 5, 17, 60, 300])
      for (const p of [0.001, 0.025, 0.5, 0.975, 0.999])
        expect(chiSquareCdf(chiSquareQuantile(p, df), df)).toBeCloseTo(p, 10);
  });
});
