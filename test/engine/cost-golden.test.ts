import { describe, expect, it } from 'vitest';
import { costMeasures } from '../../core/measures/cost';
import type { GroupShareTertiles } from '../../core/measures/cost-tertiles';
import { ENGINES } from '../support/engines';
import { expectMeasure, golden, groupOnGolden } from './step-down-fixture';

const expected = golden();
const GOLDEN_COST = Object.keys(expected.measures).filter((m) => costMeasures.measures.includes(m));

describe.each(ENGINES)('cost measures on the golden export ($name)', ({ open }) => {
  const on = groupOnGolden(open, costMeasures);

  it('golden holds the cost measures', () => {
    expect(GOLDEN_COST.sort()).toEqual(
      [
        'cost_per_abstinent',
        'cost_per_client_hour_family',
        'cost_per_client_hour_group',
        'cost_per_client_hour_individual',
        'cost_per_completer',
        'cost_per_episode',
        'group_share',
        'no_show_cost',
      ].sort(),
    );
  });

  it('overall', () => {
    for (const name of GOLDEN_COST)
      expectMeasure(on.results.get('overall')![name], expected.measures[name], name);
  });

  it('per program', () => {
    for (const [program, { measures }] of Object.entries(expected.programs))
      for (const name of GOLDEN_COST)
        expectMeasure(on.results.get(program)![name], measures[name], `${program}.${name}`);
  });

  it('the tertile table partitions the episodes with attended hours and adds up to the totals', () => {
    const t = on.results.get('overall')!.group_share_tertiles as unknown as GroupShareTertiles;
    expect(t.tertiles.map((x) => x.tertile)).toEqual([1, 2, 3]);
    const n = t.tertiles.reduce((s, x) => s + x.episodes, 0);
    expect(t.value).toBe(n);
    expect(n).toBeGreaterThan(240);
    expect(n).toBeLessThanOrEqual(263);
    for (const x of t.tertiles) {
      expect(x.episodes).toBeGreaterThan(n / 3 - 10);
      expect(x.share_max!).toBeGreaterThanOrEqual(x.share_min!);
    }
    expect(t.tertiles[0].share_max!).toBeLessThanOrEqual(t.cuts[0]!);
    expect(t.tertiles[1].share_min!).toBeGreaterThan(t.cuts[0]!);
    expect(t.tertiles[2].share_min!).toBeGreaterThan(t.cuts[1]!);
    const completed = t.tertiles.reduce((s, x) => s + x.completion_rate.numerator, 0);
    expect(completed).toBeLessThanOrEqual(90);
  });

  it('paid amounts (golden has paid_amount)', () => {
    const m = on.results.get('overall')!;
    expect(m.paid_per_episode).toMatchObject({ n: 263 });
    expect((m.paid_per_episode as { value: number }).value).toBeCloseTo(189607.5 / 263, 6);
    expect((m.paid_per_completer as { value: number }).value).toBeCloseTo(183649.58 / 90, 6);
  });
});
