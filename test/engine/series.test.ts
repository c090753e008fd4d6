import { beforeAll, describe, expect, it } from 'vitest';
import type { SeriesSet } from '../../core/measures/series';
import { ENGINES } from '../support/engines';
import { goldenSession } from '../support/golden-session';

describe.each(ENGINES)('chart series on the golden export: $name', ({ open }) => {
  const golden = goldenSession(open);
  let series: SeriesSet;
  beforeAll(async () => {
    series = await golden.session.series({ level: 'iop' }, { kind: 'by', column: 'program_id' }, 90);
  });

  it('admissions per month add up to the episodes of each program', async () => {
    const grouped = await golden.session.grouped({ level: 'iop' }, { kind: 'by', column: 'program_id' });
    for (const g of grouped.groups) {
      const rows = series.admissions_by_month.filter((r) => r.grp === g);
      expect(rows.every((r) => /^\d{4}-\d{2}$/.test(r.month))).toBe(true);
      expect(rows.reduce((s, r) => s + r.admissions, 0)).toBe(grouped.episodes.get(g));
    }
  });

  it('negative-screen rate by week adds up to the pooled rate', async () => {
    const [overall] = (
      await golden.session.series({ level: 'iop' }, { kind: 'overall' }, 0)
    ).negative_rate_by_week.reduce(
      (acc, r) => [{ negative: acc[0].negative + r.negative, resulted: acc[0].resulted + r.resulted }],
      [{ negative: 0, resulted: 0 }],
    );
    expect(overall).toEqual({ negative: 851, resulted: 1205 });
    expect(
      series.negative_rate_by_week.every((r) => r.week >= 0 && r.rate !== null && r.rate >= 0 && r.rate <= 1),
    ).toBe(true);
  });

  it('KM and CIF curves to the last day, matching retention_30', async () => {
    const grouped = await golden.session.grouped({ level: 'iop' }, { kind: 'by', column: 'program_id' });
    for (const { grp, points } of series.retention_curve) {
      expect(points).toHaveLength(91);
      const r30 = grouped.measures.get(grp)!.retention_30 as { value: number; at_risk: number };
      expect(points[30].surv).toBe(r30.value);
      expect(points[30].at_risk).toBe(r30.at_risk);
      for (let d = 1; d < points.length; d++)
        expect(points[d].surv!).toBeLessThanOrEqual(points[d - 1].surv!);
    }
    expect(series.step_down_cif.map((c) => c.grp)).toEqual([
      'harbor',
      'northside',
      'riverbend',
      'summit',
      'valley',
    ]);
    expect(
      series.discharge_reasons.filter((r) => r.grp === 'valley').reduce((s, r) => s + r.episodes, 0),
    ).toBe(38);
  });
});
