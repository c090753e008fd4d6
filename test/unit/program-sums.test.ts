import { describe, expect, it } from 'vitest';
import { isSumItem, programSums, readsBase, sumRows } from '../../core/measures/program-sums';
import { clusterSumsSql, meanSql, quartilesSql } from '../../core/measures/values';

describe('isSumItem: only counts and sums decompose by program', () => {
  it.each([
    'count(*)::INTEGER AS episodes',
    'count(e.abstinent_final30_cc)::INTEGER AS final30_cc_n',
    "count(*) FILTER (WHERE e.transition = 'step_down' AND e.continuity_gap <= 7)::INTEGER AS continuity_7",
    'sum(e.cost) FILTER (WHERE e.discharged)::DOUBLE AS discharged_cost',
    'sum((e.cost) * (e.completed::INTEGER)) AS s',
    "count(*) FILTER (WHERE e.x IN ('a,b', ')'))::INTEGER AS odd_text",
    clusterSumsSql('e.enc_attended', 'e.enc_attended + e.enc_no_show', 'att'),
    meanSql('(e.use_days_admit - e.use_days_discharge)', 'change'),
  ])('a sum: %s', (sql) => expect(isSumItem(sql)).toBe(true));

  it.each([
    quartilesSql('e.wait_days', 'wait'),
    'avg(e.cost)::DOUBLE AS mean_cost',
    'stddev_samp(e.cost)::DOUBLE AS sd_cost',
    'quantile_cont(e.cost, 0.5)::DOUBLE AS median_cost',
    'count(DISTINCT e.client_id)::INTEGER AS clients',
    'sum(e.a) / sum(e.n) AS ratio',
    'sum(e.a) + 1 AS plus_one',
    'max(e.los) AS longest',
    'count(*) AS n, avg(e.los) AS mean_los',
    'e.grp AS grp',
  ])('not a sum: %s', (sql) => expect(isSumItem(sql)).toBe(false));
});

describe('programSums', () => {
  it('decomposes the overall and by-program groupings of a cohort without a notPrecededBy', () => {
    const s = programSums({ level: 'iop', programs: ['a', 'b'], from: '2024-01-01' }, { kind: 'overall' })!;
    expect(s.base).toEqual({ level: 'iop', from: '2024-01-01' });
    expect([...s.programs!]).toEqual(['a', 'b']);
    expect(s.grp('a')).toBe('overall');
    const p = programSums({ level: 'iop', programs: [] }, { kind: 'by', column: 'program_id' })!;
    expect(p.programs).toBeNull();
    expect(p.grp('a')).toBe('a');
    expect(programSums({ level: 'iop' }, { kind: 'by', column: 'sex' })).toBeNull();
    expect(programSums({ level: 'iop' }, { kind: 'sets', sets: [] })).toBeNull();
    expect(
      programSums({ level: 'op', notPrecededBy: { level: 'iop', days: 30 } }, { kind: 'overall' }),
    ).toBeNull();
  });
});

describe('sumRows', () => {
  const rows = [
    { grp: 'b', part: 'x', time: 2, n: 1, s: 0.5, f: null },
    { grp: 'a', part: 'x', time: 2, n: 2, s: 0.25, f: null },
    { grp: 'a', part: 'x', time: null, n: 4, s: null, f: 3 },
    { grp: 'c', part: 'x', time: 2, n: 8, s: 1, f: 5 },
    { grp: 'a', part: 'w', time: 1, n: 16, s: 2, f: null },
  ];
  it('sums the chosen programs into one group, nulls as SQL sums them, ordered by the keys (nulls last)', () => {
    const s = programSums({ level: 'iop', programs: ['a', 'b'] }, { kind: 'overall' })!;
    expect(sumRows(rows, ['part', 'time'], s)).toEqual([
      { grp: 'overall', part: 'w', time: 1, n: 16, s: 2, f: null },
      { grp: 'overall', part: 'x', time: 2, n: 3, s: 0.75, f: null },
      { grp: 'overall', part: 'x', time: null, n: 4, s: null, f: 3 },
    ]);
  });
  it('keeps each program its own group by program', () => {
    const s = programSums({ level: 'iop', programs: ['c', 'b'] }, { kind: 'by', column: 'program_id' })!;
    expect(sumRows(rows, ['part', 'time'], s)).toEqual([
      { grp: 'b', part: 'x', time: 2, n: 1, s: 0.5, f: null },
      { grp: 'c', part: 'x', time: 2, n: 8, s: 1, f: 5 },
    ]);
  });
  it('sums in the same order whatever order the rows came in', () => {
    const s = programSums({ level: 'iop' }, { kind: 'overall' })!;
    const doubles = [0.1, 0.7, 1e16, -1e16, 0.2].map((v, i) => ({ grp: `p${i}`, v }));
    const once = sumRows(doubles, [], s);
    expect(sumRows([...doubles].reverse(), [], s)).toEqual(once);
    expect(once).toHaveLength(1);
  });
});

describe('readsBase', () => {
  const runs = [
    { level: 'iop', program: 'a', lo: 0, hi: 599 },
    { level: 'iop', program: 'b', lo: 600, hi: 999 },
    { level: 'op', program: 'a', lo: 1000, hi: 9999 },
  ];
  const chosen = (programs?: string[]) => programSums({ level: 'iop', programs }, { kind: 'overall' })!;
  it("reads the level by program when the cohort is the level, or its programs hold half the level's rows", () => {
    expect(readsBase(runs, chosen())).toBe(true);
    expect(readsBase(runs, chosen(['a']))).toBe(true);
    expect(readsBase(runs, chosen(['b']))).toBe(false);
    expect(readsBase(runs, chosen(['none']))).toBe(false);
  });
  it('always, in an export read whole (no runs)', () => expect(readsBase([], chosen(['b']))).toBe(true));
});
