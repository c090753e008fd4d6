import { describe, expect, it } from 'vitest';
import { isSmall, partitionSuppression, rateIsSmall } from '../../core/privacy/small-cell';

describe('small-cell rule', () => {
  it('counts 1 to 10 are small; 0 and 11 are not', () => {
    expect([0, 1, 10, 11, null].map(isSmall)).toEqual([false, true, true, false, false]);
  });

  it('a rate is small when its numerator or denominator is', () => {
    expect(rateIsSmall(3, 200)).toBe(true);
    expect(rateIsSmall(8, 8)).toBe(true);
    expect(rateIsSmall(0, 8)).toBe(true);
    expect(rateIsSmall(0, 200)).toBe(false);
    expect(rateIsSmall(40, 200)).toBe(false);
  });

  it('nothing hidden when no cell is small', () => {
    expect(partitionSuppression([40, 0, 25, 11])).toEqual([null, null, null, null]);
  });

  it('one small cell: the next smallest non-zero cell is hidden too', () => {
    expect(partitionSuppression([90, 3, 0, 41, 16])).toEqual([null, 'small', null, null, 'complementary']);
  });

  it('the complement avoids protected cells when it can', () => {
    expect(partitionSuppression([90, 3, 41, 16], [false, false, false, true])).toEqual([
      null,
      'small',
      'complementary',
      null,
    ]);
  });

  it('two small cells that cannot be worked back stand alone', () => {
    expect(partitionSuppression([90, 3, 2, 41])).toEqual([null, 'small', 'small', null]);
  });

  it('small cells whose sum pins them (all ones, all tens) get a complement', () => {
    expect(partitionSuppression([90, 1, 1, 41])).toEqual([null, 'small', 'small', 'complementary']);
    expect(partitionSuppression([90, 10, 10, 41])).toEqual([null, 'small', 'small', 'complementary']);
  });

  it('a zero cell is used only when nothing else is left', () => {
    expect(partitionSuppression([4, 0])).toEqual(['small', 'complementary']);
  });

  it('no hidden cell can be recovered from the total and the shown cells', () => {
    const rows = [
      [120, 7, 0, 33, 12, 2],
      [5, 5, 5, 200],
      [1, 300],
      [0, 0, 9],
      [11, 10, 12, 13],
    ];
    for (const counts of rows) {
      const out = partitionSuppression(counts);
      const hidden = counts.filter((_, i) => out[i] !== null);
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
      for (let i = 0; i < counts.length; i++) if (isSmall(counts[i])) expect(out[i]).toBe('small');
    }
  });
});
