import { describe, expect, it } from 'vitest';
import { brierScore, cStatistic } from '../../core/stats/discrimination';

describe('model diagnostics, hand-worked', () => {
  // individuals (fitted, outcome): (0.2, 0), (0.2, 1), (0.6, 0), (0.6, 1), (0.9, 1)
  const patterns = [
    { fitted: 0.2, events: 1, n: 2 },
    { fitted: 0.6, events: 1, n: 2 },
    { fitted: 0.9, events: 1, n: 1 },
  ];
  it('c-statistic: pairs (event, non-event) with the event higher, ties ½', () => {
    // events 0.2, 0.6, 0.9 against non-events 0.2, 0.6: ½+0, 1+½, 1+1 → 4/6
    expect(cStatistic(patterns)).toBeCloseTo(4 / 6, 12);
    // the same individuals as patterns in another order, one tie split in two
    const shuffled = [
      { fitted: 0.9, events: 1, n: 1 },
      { fitted: 0.6, events: 0, n: 1 },
      { fitted: 0.2, events: 1, n: 1 },
      { fitted: 0.6, events: 1, n: 1 },
      { fitted: 0.2, events: 0, n: 1 },
    ];
    expect(cStatistic(shuffled)).toBeCloseTo(4 / 6, 12);
  });
  it('Brier: mean (p − y)²', () => {
    expect(brierScore(patterns)).toBeCloseTo((0.04 + 0.64 + 0.36 + 0.16 + 0.01) / 5, 12);
  });
  it('no events or no non-events: no c-statistic', () => {
    expect(cStatistic([{ fitted: 0.5, events: 0, n: 3 }])).toBeNull();
    expect(brierScore([])).toBeNull();
  });
});
