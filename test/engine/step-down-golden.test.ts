import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import type { MeasureContext } from '../../core/measures/group';
import { stepDownCifCurve, stepDownMeasures } from '../../core/measures/step-down';
import type { MeasureSet } from '../../core/measures/types';
import { ENGINES } from '../support/engines';
import { cohortOverallAndPrograms, expectMeasure, golden, loadGolden } from './step-down-fixture';

const expected = golden();

describe.each(ENGINES)('step-down measures on the golden export ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let ctx: MeasureContext;
  let results: Map<string, MeasureSet>;

  beforeAll(async () => {
    conn = await open();
    ctx = await loadGolden(conn);
    await stepDownMeasures.prepare!(ctx);
    const groups = await cohortOverallAndPrograms(ctx);
    results = await stepDownMeasures.compute(ctx, groups);
  });
  afterAll(async () => conn?.close());

  it('overall', () => {
    for (const name of stepDownMeasures.measures)
      expectMeasure(results.get('overall')![name], expected.measures[name], name);
  });

  it('per program', () => {
    for (const [program, { measures }] of Object.entries(expected.programs))
      for (const name of stepDownMeasures.measures)
        expectMeasure(results.get(program)![name], measures[name], `${program}.${name}`);
  });

  it('the CIF curve agrees with the reported points and is monotone', async () => {
    const curve = (await stepDownCifCurve(ctx, 180)).get('overall')!;
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
