import { describe, expect, it } from 'vitest';
import { normalQuantile, zFor } from '../../core/stats/normal';
import { tCdf, tQuantile } from '../../core/stats/t-dist';
import { tInterval } from '../../core/stats/mean-interval';
import { wilsonInterval } from '../../core/stats/wilson';

describe('normal, t and Wilson (values from R)', () => {
  it('qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(zFor(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 6);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
  });
  it('qt and pt', () => {
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.570582, 6);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile(0.995, 10)).toBeCloseTo(3.169273, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(tQuantile(0.025, 5)).toBeCloseTo(-2.570582, 6);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
    expect(tCdf(2, 5)).toBeCloseTo(0.9490303, 7);
    expect(tCdf(-2, 5)).toBeCloseTo(0.0509697, 7);
  });
  it('t interval (R: t.test(c(1, 2, 3, 4, 10))$conf.int = -0.8635... 8.8635...)', () => {
    const xs = [1, 2, 3, 4, 10];
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    const { lower, upper } = tInterval(xs.length, mean, sd);
    expect(lower).toBeCloseTo(mean - (2.776445 * sd) / Math.sqrt(5), 5);
    expect(upper).toBeCloseTo(mean + (2.776445 * sd) / Math.sqrt(5), 5);
    expect(tInterval(1, 3, null)).toEqual({ lower: null, upper: null });
  });
  it('Wilson = prop.test(correct = FALSE)', () => {
    const w = wilsonInterval(90, 254)!;
    expect(w.lower).toBeCloseTo(0.29807834615, 9);
    expect(w.upper).toBeCloseTo(0.41492358791, 9);
    const zero = wilsonInterval(0, 10)!;
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.2775328, 6);
    const all = wilsonInterval(10, 10)!;
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(0.7224672, 6);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
