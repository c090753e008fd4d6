import { describe, expect, it } from 'vitest';
import { quantile7, quantile7OfCounts, quantile7OfRuns } from '../../core/stats/quantile';

describe('quantile7OfCounts: type-7 quantiles of integer values from their counts', () => {
  it('a case worked by hand: 1, 2, 2, 5 (R: quantile(c(1, 2, 2, 5), c(.25, .5, .75)) = 1.75, 2, 2.75)', () => {
    const counts = [
      { value: 1, n: 1 },
      { value: 2, n: 2 },
      { value: 5, n: 1 },
    ];
    expect([0.25, 0.5, 0.75].map((p) => quantile7OfCounts(counts, p))).toEqual([1.75, 2, 2.75]);
  });

  it('equals quantile7 of the values expanded, exactly, for any counts (zero counts too)', () => {
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let trial = 0; trial < 300; trial++) {
      const counts = Array.from({ length: 1 + rand(12) }, (_, i) => ({
        value: i * (1 + rand(40)),
        n: rand(6),
      }))
        .sort((a, b) => a.value - b.value)
        .filter((c, i, all) => i === 0 || c.value !== all[i - 1].value);
      const values = counts.flatMap((c) => Array<number>(c.n).fill(c.value));
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1])
        expect(quantile7OfCounts(counts, p)).toBe(values.length ? quantile7(values, p) : NaN);
    }
  });
});

describe('quantile7OfRuns: type-7 quantiles of several sorted runs together', () => {
  it('a case worked by hand: runs 1, 5 | 2, 2 hold 1, 2, 2, 5 (1.75, 2, 2.75)', () => {
    const runs = [Float64Array.from([1, 5]), Float64Array.from([2, 2])];
    expect([0.25, 0.5, 0.75].map((p) => quantile7OfRuns(runs, p))).toEqual([1.75, 2, 2.75]);
  });

  it('equals quantile7 of the runs merged, exactly, with ties across runs and empty runs', () => {
    let seed = 11;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let trial = 0; trial < 300; trial++) {
      const runs = Array.from({ length: 1 + rand(5) }, () =>
        Float64Array.from({ length: rand(9) }, () => rand(20) / 4).sort(),
      );
      const values = runs.flatMap((r) => [...r]);
      for (const p of [0, 1 / 3, 0.25, 0.5, 2 / 3, 0.75, 1])
        expect(quantile7OfRuns(runs, p)).toBe(values.length ? quantile7(values, p) : NaN);
    }
  });
});
