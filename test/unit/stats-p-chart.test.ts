import { describe, expect, it } from 'vitest';
import { pChart } from '../../core/stats/p-chart';

describe('p-chart, hand-worked', () => {
  it('centre Σx/Σn, 3-sigma limits at each n, a point outside them is a signal', () => {
    const c = pChart([
      { numerator: 10, denominator: 50 },
      { numerator: 40, denominator: 100 },
      { numerator: 0, denominator: 0 },
    ]);
    expect(c.centre).toBeCloseTo(50 / 150, 12);
    const p = 1 / 3;
    expect(c.points[0].upper).toBeCloseTo(p + 3 * Math.sqrt((p * (1 - p)) / 50), 12);
    expect(c.points[1].lower).toBeCloseTo(p - 3 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(c.points[0].signal).toBe(false); // 0.20 within 0.133–0.533
    expect(c.points[2]).toMatchObject({ value: null, lower: 0, upper: 1, signal: false });
    expect(
      pChart([
        { numerator: 2, denominator: 100 },
        { numerator: 60, denominator: 100 },
      ]).points.map((x) => x.signal),
    ).toEqual([true, true]);
  });
  it('no discharges: no chart', () => {
    expect(pChart([])).toEqual({ centre: null, points: [] });
  });
});
