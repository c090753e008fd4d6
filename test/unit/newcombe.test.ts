import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../core/stats/newcombe';
import { wilsonInterval } from '../../core/stats/wilson';

function wilson(x: number, n: number) {
  const { lower, upper } = wilsonInterval(x, n)!;
  return { value: x / n, lower, upper };
}

describe('Newcombe hybrid score interval (method 10)', () => {
  // Newcombe RG (1998) Stat Med 17:873-890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
  ])('%i/%i − %i/%i', (x1, n1, x2, n2, lo, hi) => {
    const d = newcombeDifference(wilson(x1, n1), wilson(x2, n2));
    expect(d.value).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.lower).toBeCloseTo(lo, 4);
    expect(d.upper).toBeCloseTo(hi, 4);
  });

  it('is antisymmetric', () => {
    const a = wilson(30, 90);
    const b = wilson(45, 100);
    const ab = newcombeDifference(a, b);
    const ba = newcombeDifference(b, a);
    expect(ab.lower).toBeCloseTo(-ba.upper!, 12);
    expect(ab.upper).toBeCloseTo(-ba.lower!, 12);
  });

  it('is null when a proportion is undefined', () => {
    expect(newcombeDifference({ value: null, lower: null, upper: null }, wilson(1, 2))).toEqual({
      value: null,
      lower: null,
      upper: null,
    });
  });
});
