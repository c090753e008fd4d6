import { describe, expect, it } from 'vitest';
import { pChart } from '../../core/render/p-chart';
import type { QuarterRate } from '../../core/measures/types';

const q = (quarter: string, numerator: number, denominator: number): QuarterRate => ({
  quarter,
  numerator,
  denominator,
  value: denominator ? numerator / denominator : null,
  lower: null,
  upper: null,
});

describe('p-chart of a quarterly rate', () => {
  it('hand-worked: p̄ = 30/100, limits 0.3 ± 3·√(0.21/n), a quarter beyond them flagged', () => {
    const c = pChart([q('2024-Q1', 2, 25), q('2024-Q2', 10, 25), q('2024-Q3', 18, 50), q('2024-Q4', 0, 0)]);
    expect(c.centre).toBe(0.3);
    // n = 25: half-width 3·√(0.21/25) = 3 × 0.091652 = 0.274955
    expect(c.points[0].lower).toBeCloseTo(0.025045, 6);
    expect(c.points[0].upper).toBeCloseTo(0.574955, 6);
    // 2/25 = 0.08 is inside [0.025, 0.575]
    expect(c.points[0].outside).toBe(false);
    // n = 50: half-width 3·√(0.0042) = 0.194422
    expect(c.points[2].lower).toBeCloseTo(0.105578, 6);
    expect(c.points[2].upper).toBeCloseTo(0.494422, 6);
    expect(c.points[3]).toEqual({
      quarter: '2024-Q4',
      rate: null,
      n: 0,
      lower: null,
      upper: null,
      outside: false,
    });
  });

  it('flags a point outside, clips limits to [0, 1]', () => {
    const c = pChart([q('A', 0, 100), q('B', 50, 100), q('C', 1, 2)]);
    expect(c.centre).toBeCloseTo(51 / 202, 12);
    expect(c.points[0].outside).toBe(true); // 0 < 0.2525 − 3·0.0434
    expect(c.points[1].outside).toBe(true); // 0.5 > 0.2525 + 0.130
    expect(c.points[2].lower).toBe(0);
    expect(c.points[2].outside).toBe(false);
  });

  it('no discharges: no centre line', () => {
    expect(pChart([q('A', 0, 0)]).centre).toBeNull();
  });
});
