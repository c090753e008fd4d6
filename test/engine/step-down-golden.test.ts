import { describe, expect, it } from 'vitest';
import { stepDownCifCurve, stepDownMeasures } from '../../core/measures/step-down';
import { ENGINES } from '../support/engines';
import { expectMeasure, golden, groupOnGolden } from './step-down-fixture';

const expected = golden();

describe.each(ENGINES)('step-down measures on the golden export ($name)', ({ open }) => {
  const on = groupOnGolden(open, stepDownMeasures);

  it('overall', () => {
    for (const name of stepDownMeasures.measures)
      expectMeasure(on.results.get('overall')![name], expected.measures[name], name);
  });

  it('per program', () => {
    for (const [program, { measures }] of Object.entries(expected.programs))
      for (const name of stepDownMeasures.measures)
        expectMeasure(on.results.get(program)![name], measures[name], `${program}.${name}`);
  });

  it('the CIF curve agrees with the reported points and is monotone', async () => {
    const curve = (await stepDownCifCurve(on.ctx, 180)).get('overall')!;
    expect(curve).toHaveLength(181);
    expect(curve[60].step_down).toBeCloseTo(
      (expected.measures.step_down_cif_60 as { value: number }).value,
      6,
    );
    for (let d = 1; d < curve.length; d++) {
      expect(curve[d].step_down).toBeGreaterThanOrEqual(curve[d - 1].step_down);
      expect(curve[d].step_down + curve[d].other).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(curve[0].at_risk).toBe(263);
  });
});
