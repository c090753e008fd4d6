import { describe, expect, it } from 'vitest';
import { stepChanges } from '../../core/render/charts/step-curve';

const row = (group: string, t: number, value: number, lower: number | null = value) => ({
  group,
  t,
  value,
  lower,
});

describe('a step curve drawn from its steps alone', () => {
  it('keeps each curve’s first row, every change and its last row', () => {
    const rows = [
      row('A', 0, 1),
      row('A', 1, 1),
      row('A', 2, 0.9),
      row('A', 3, 0.9),
      row('A', 4, 0.9),
      row('B', 0, 1),
      row('B', 1, 1),
    ];
    expect(stepChanges(rows, (r) => r.group, ['value', 'lower']).map((r) => `${r.group}${r.t}`)).toEqual([
      'A0',
      'A2',
      'B0',
      'A4',
      'B1',
    ]);
  });

  it('counts a bound that appears or goes as a change, and keeps a curve that changes every day whole', () => {
    const rows = [row('A', 0, 1, 1), row('A', 1, 1, null), row('A', 2, 1, null), row('A', 3, 1, 1)];
    expect(stepChanges(rows, (r) => r.group, ['value', 'lower']).map((r) => r.t)).toEqual([0, 1, 3]);
    const daily = [0, 1, 2].map((t) => row('A', t, 1 - t / 10));
    expect(stepChanges(daily, (r) => r.group, ['value'])).toEqual(daily);
  });

  it('tells curves of one group apart by the key it is given', () => {
    const rows = [
      { group: 'A', series: 's', t: 0, value: 0 },
      { group: 'A', series: 'o', t: 0, value: 0 },
      { group: 'A', series: 's', t: 1, value: 0 },
      { group: 'A', series: 'o', t: 1, value: 0.1 },
    ];
    expect(stepChanges(rows, (r) => `${r.group}\u0000${r.series}`, ['value'])).toEqual([
      rows[0],
      rows[1],
      rows[3],
      rows[2],
    ]);
  });
});
