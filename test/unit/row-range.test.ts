import { describe, expect, it } from 'vitest';
import {
  cohortRowRange,
  RANGED_FROM_ROWS,
  runsWorthRanging,
  type ProgramRows,
} from '../../core/cohort/row-range';

const RUNS: ProgramRows[] = [
  { level: 'detox', program: 'a', lo: 0, hi: 9 },
  { level: 'iop', program: 'a', lo: 10, hi: 29 },
  { level: 'iop', program: 'b', lo: 30, hi: 34 },
  { level: 'iop', program: 'c', lo: 35, hi: 59 },
  { level: 'iop', program: null, lo: 60, hi: 61 },
  { level: 'op', program: 'b', lo: 62, hi: 99 },
];

describe('a cohort’s row range', () => {
  it('spans its level, or its chosen programs from the first run to the last', () => {
    expect(cohortRowRange(RUNS, { level: 'iop' })).toEqual({ lo: 10, hi: 61 });
    expect(cohortRowRange(RUNS, { level: 'iop', programs: [] })).toEqual({ lo: 10, hi: 61 });
    expect(cohortRowRange(RUNS, { level: 'iop', programs: ['b'] })).toEqual({ lo: 30, hi: 34 });
    expect(cohortRowRange(RUNS, { level: 'iop', programs: ['c', 'a'] })).toEqual({ lo: 10, hi: 59 });
    expect(cohortRowRange(RUNS, { level: 'op', programs: ['b'] })).toEqual({ lo: 62, hi: 99 });
  });

  it('is empty for a level or programs with no episodes, and absent without runs', () => {
    expect(cohortRowRange(RUNS, { level: 'php' })).toEqual({ lo: 0, hi: -1 });
    expect(cohortRowRange(RUNS, { level: 'iop', programs: ['zzz'] })).toEqual({ lo: 0, hi: -1 });
    expect(cohortRowRange([], { level: 'iop', programs: ['b'] })).toBeNull();
  });

  it('is used from one row group of rows on', () => {
    expect(runsWorthRanging(RUNS)).toEqual([]);
    const big = (rows: number): ProgramRows[] => [
      { level: 'iop', program: 'a', lo: 0, hi: rows / 2 - 1 },
      { level: 'iop', program: 'b', lo: rows / 2, hi: rows - 1 },
    ];
    expect(runsWorthRanging(big(RANGED_FROM_ROWS - 2))).toEqual([]);
    expect(runsWorthRanging(big(RANGED_FROM_ROWS))).toEqual(big(RANGED_FROM_ROWS));
  });
});
