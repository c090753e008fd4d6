import { describe, expect, it } from 'vitest';
import { ratioInterval, type ClusterSums } from '../../core/stats/ratio-interval';

const sums = (clusters: [number, number][]): ClusterSums => ({
  k: clusters.length,
  sumA: clusters.reduce((s, [a]) => s + a, 0),
  sumN: clusters.reduce((s, [, n]) => s + n, 0),
  sumAA: clusters.reduce((s, [a]) => s + a * a, 0),
  sumAN: clusters.reduce((s, [a, n]) => s + a * n, 0),
  sumNN: clusters.reduce((s, [, n]) => s + n * n, 0),
});

describe('ratio estimator with the episode as the cluster', () => {
  it('hand-worked: (3/4, 1/4, 4/4) → p = 8/12, var = 3/2 · Σ(a − pn)² / 12²', () => {
    const r = ratioInterval(
      sums([
        [3, 4],
        [1, 4],
        [4, 4],
      ]),
    );
    const p = 8 / 12;
    const ss = (3 - 4 * p) ** 2 + (1 - 4 * p) ** 2 + (4 - 4 * p) ** 2;
    const half = 1.959963984540054 * Math.sqrt((1.5 * ss) / 144);
    expect(r.value).toBeCloseTo(p, 12);
    expect(r.lower).toBeCloseTo(p - half, 12);
    expect(r.upper).toBeCloseTo(p + half, 12);
  });

  it('one service per episode: close to the unclustered Wald interval (ratio sqrt(k/(k−1)))', () => {
    const k = 400;
    const clusters: [number, number][] = Array.from({ length: k }, (_, i) => [i < 300 ? 1 : 0, 1]);
    const r = ratioInterval(sums(clusters));
    const wald = 1.959963984540054 * Math.sqrt((0.75 * 0.25) / k);
    expect(r.value).toBe(0.75);
    expect((r.upper! - r.value!) / wald).toBeCloseTo(Math.sqrt(k / (k - 1)), 10);
    expect(Math.abs(r.upper! - r.value! - wald)).toBeLessThan(1e-4);
  });

  it('services of one episode alike widen the interval beyond the unclustered one', () => {
    const clusters: [number, number][] = Array.from({ length: 50 }, (_, i) => [i < 25 ? 20 : 0, 20]);
    const r = ratioInterval(sums(clusters));
    const unclustered = 1.959963984540054 * Math.sqrt((0.5 * 0.5) / 1000);
    expect(r.upper! - r.value!).toBeGreaterThan(4 * unclustered);
  });

  it('no denominator: null; one cluster: no interval', () => {
    expect(ratioInterval(sums([]))).toEqual({ value: null, lower: null, upper: null });
    expect(ratioInterval(sums([[2, 4]]))).toEqual({ value: 0.5, lower: null, upper: null });
  });
});
