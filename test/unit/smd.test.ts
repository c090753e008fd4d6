import { describe, expect, it } from 'vitest';
import { smdCategorical, smdContinuous } from '../../core/stats/smd';

describe('standardised mean difference', () => {
  it('continuous: difference over the pooled SD', () => {
    expect(smdContinuous({ mean: 40, sd: 10 }, { mean: 35, sd: 12 })).toBeCloseTo(
      5 / Math.sqrt((100 + 144) / 2),
      12,
    );
    expect(smdContinuous({ mean: 35, sd: 12 }, { mean: 40, sd: 10 })).toBeGreaterThan(0);
    expect(smdContinuous({ mean: 3, sd: 0 }, { mean: 3, sd: 0 })).toBe(0);
    expect(smdContinuous({ mean: null, sd: null }, { mean: 3, sd: 1 })).toBeNull();
  });

  it('two levels: the binary formula', () => {
    const p = 30 / 100;
    const q = 45 / 90;
    const binary = Math.abs(p - q) / Math.sqrt((p * (1 - p) + q * (1 - q)) / 2);
    expect(smdCategorical([30, 70], [45, 45])).toBeCloseTo(binary, 12);
  });

  it('three levels: Mahalanobis form, worked by hand', () => {
    // p = (.5,.3,.2), q = (.3,.3,.4); S = [[.21,-.09],[-.09,.20]], d = (0,-.2): d'S⁻¹d = .04·.21/.0339
    expect(smdCategorical([50, 30, 20], [30, 30, 40])).toBeCloseTo(Math.sqrt((0.04 * 0.21) / 0.0339), 10);
  });

  it('does not depend on which level is dropped, nor on empty levels', () => {
    const a = [12, 40, 7, 25];
    const b = [20, 31, 15, 9];
    const ref = smdCategorical(a, b)!;
    expect(smdCategorical([...a].reverse(), [...b].reverse())).toBeCloseTo(ref, 10);
    expect(smdCategorical([a[2], a[0], a[3], a[1]], [b[2], b[0], b[3], b[1]])).toBeCloseTo(ref, 10);
    expect(smdCategorical([...a, 0], [...b, 0])).toBeCloseTo(ref, 12);
  });

  it('identical distributions give 0; an empty group gives null', () => {
    expect(smdCategorical([10, 20, 30], [20, 40, 60])).toBeCloseTo(0, 12);
    expect(smdCategorical([0, 0], [3, 4])).toBeNull();
    expect(smdCategorical([5, 0], [7, 0])).toBe(0);
  });
});
