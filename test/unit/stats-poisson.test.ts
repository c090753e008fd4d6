import { describe, expect, it } from 'vitest';
import { poissonRatioInterval } from '../../core/stats/poisson';

describe('exact Poisson interval for O/E', () => {
  it('matches R (golden harbor: O = 9, E = 14.2810118175)', () => {
    const { lower, upper } = poissonRatioInterval(9, 14.2810118175);
    expect(lower).toBeCloseTo(0.28817097486, 8);
    expect(upper).toBeCloseTo(1.1963300409, 8);
  });
  it('O = 0: lower 0, upper −log(0.025)/E', () => {
    const { lower, upper } = poissonRatioInterval(0, 2);
    expect(lower).toBe(0);
    expect(upper).toBeCloseTo(-Math.log(0.025) / 2, 10);
  });
  it('no expected count: no interval', () => {
    expect(poissonRatioInterval(3, 0)).toEqual({ lower: null, upper: null });
  });
});
