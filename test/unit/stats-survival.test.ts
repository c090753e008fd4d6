import { describe, expect, it } from 'vitest';
import { KaplanMeier, type TimeCount } from '../../core/stats/kaplan-meier';
import { logRankTest } from '../../core/stats/log-rank';

/** (time, status) pairs to per-day counts. */
const counts = (data: [number, 0 | 1][]): TimeCount[] => {
  const m = new Map<number, TimeCount>();
  for (const [time, ev] of data) {
    const c = m.get(time) ?? { time, events: 0, censored: 0 };
    if (ev) c.events++;
    else c.censored++;
    m.set(time, c);
  }
  return [...m.values()];
};

describe('Kaplan–Meier (hand-computed)', () => {
  // 1, 2, 2+, 3, 4+, 5: S = 5/6, 2/3, 4/9, 0.
  const km = new KaplanMeier(
    counts([
      [1, 1],
      [2, 1],
      [2, 0],
      [3, 1],
      [4, 0],
      [5, 1],
    ]),
  );
  it('steps and at risk', () => {
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events])).toEqual([
      [1, 6, 1],
      [2, 5, 1],
      [3, 3, 1],
      [5, 1, 1],
    ]);
    expect(km.at(0)).toEqual({ value: 1, lower: null, upper: null, at_risk: 6 });
    expect(km.at(2).value).toBeCloseTo(2 / 3, 12);
    expect(km.at(2).at_risk).toBe(5);
    expect(km.at(4).at_risk).toBe(2);
    expect(km.at(5)).toEqual({ value: 0, lower: null, upper: null, at_risk: 1 });
    expect(km.at(7)).toEqual({ value: 0, lower: null, upper: null, at_risk: 0 });
  });
  it('log-log Greenwood interval', () => {
    const s1 = km.at(1);
    expect(s1.value).toBeCloseTo(5 / 6, 12);
    expect(s1.lower).toBeCloseTo(0.2731228499, 9);
    expect(s1.upper).toBeCloseTo(0.9747124267, 9);
    const s3 = km.at(3.5);
    expect(s3.value).toBeCloseTo(4 / 9, 12);
    expect(s3.lower).toBeCloseTo(0.0661867531, 9);
    expect(s3.upper).toBeCloseTo(0.7849083671, 9);
  });
  it('event on day 0 and beyond follow-up', () => {
    const k = new KaplanMeier(
      counts([
        [0, 1],
        [0, 0],
        [3, 0],
        [10, 1],
      ]),
    );
    expect(k.at(0).value).toBeCloseTo(3 / 4, 12);
    expect(k.at(0).at_risk).toBe(4);
    expect(k.at(10).value).toBe(0);
    const open = new KaplanMeier(
      counts([
        [0, 1],
        [5, 0],
      ]),
    );
    expect(open.at(5).value).toBe(0.5);
    expect(open.at(6).value).toBeNull();
    expect(new KaplanMeier([]).at(30)).toEqual({ value: null, lower: null, upper: null, at_risk: 0 });
  });
});

describe('log-rank (R survdiff)', () => {
  it('aml: Maintained vs Nonmaintained, chisq 3.4 on 1 df', () => {
    const maintained = counts([
      [9, 1],
      [13, 1],
      [13, 0],
      [18, 1],
      [23, 1],
      [28, 0],
      [31, 1],
      [34, 1],
      [45, 0],
      [48, 1],
      [161, 0],
    ]);
    const non = counts([
      [5, 1],
      [5, 1],
      [8, 1],
      [8, 1],
      [12, 1],
      [16, 0],
      [23, 1],
      [27, 1],
      [30, 1],
      [33, 1],
      [43, 1],
      [45, 1],
    ]);
    const r = logRankTest([maintained, non])!;
    expect(r.observed).toEqual([7, 11]);
    expect(r.expected[0]).toBeCloseTo(10.69, 2);
    expect(r.expected[1]).toBeCloseTo(7.31, 2);
    expect(r.chisq).toBeCloseTo(3.4, 1);
    expect(r.df).toBe(1);
    expect(r.p).toBeCloseTo(0.0653, 3);
  });
  it('three groups, one empty: df 1; identical groups: chisq 0', () => {
    const a = counts([
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    const r = logRankTest([a, [], a])!;
    expect(r.df).toBe(1);
    expect(r.chisq).toBeCloseTo(0, 12);
    expect(logRankTest([a])).toBeNull();
  });
});
