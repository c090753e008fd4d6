import { describe, expect, it } from 'vitest';
import type { Rmst, Survival } from '../../core/measures/types';
import { ENGINES, GOLDEN_EXPECTED } from '../support/engines';
import { goldenSession } from '../support/golden-session';
import { readFileSync } from 'node:fs';

const expected = JSON.parse(readFileSync(GOLDEN_EXPECTED, 'utf8')) as {
  programs: Record<string, { measures: Record<string, Survival & Rmst> }>;
};
const BY_PROGRAM = { kind: 'by', column: 'program_id' } as const;
const Z95 = 1.959963984540054;

describe.each(ENGINES)(
  'retention differences and the in-treatment curve on the golden export: $name',
  ({ open }) => {
    const golden = goldenSession(open);

    it('each program against the first: the differences of R’s S(90) and RMST(90), se = √(se₁² + se₀²)', async () => {
      const rows = await golden.session.retentionDifferences({ level: 'iop' }, BY_PROGRAM);
      const ids = Object.keys(expected.programs).sort();
      expect(rows.map((r) => r.grp)).toEqual(ids.slice(1));
      const ref = expected.programs[ids[0]].measures;
      for (const r of rows) {
        expect(r.reference).toBe(ids[0]);
        const m = expected.programs[r.grp].measures;
        const rm = m.rmst_retention_90;
        expect(r.rmstDifference!.value).toBeCloseTo(rm.value! - ref.rmst_retention_90.value!, 6);
        const se = Math.hypot(rm.se!, ref.rmst_retention_90.se!);
        expect(r.rmstDifference!.se).toBeCloseTo(se, 4);
        expect(r.rmstDifference!.upper - r.rmstDifference!.value).toBeCloseTo(Z95 * se, 4);
        if (m.retention_90.value === null || ref.retention_90.value === null)
          expect(r.difference90).toBeNull();
        else expect(r.difference90!.value).toBeCloseTo(m.retention_90.value - ref.retention_90.value, 6);
      }
    });

    it('the in-treatment curve read at 30/60/90 days is R’s in_treatment_t, S = 0 with no interval', async () => {
      const curves = await golden.session.kmCurves({ level: 'iop' }, BY_PROGRAM, 90, 'in_treatment');
      for (const [g, points] of curves)
        for (const d of [30, 60, 90]) {
          const want = expected.programs[g].measures[`in_treatment_${d}`];
          expect(points[d].surv, `${g} day ${d}`).toBeCloseTo(want.value!, 6);
          expect(points[d].at_risk).toBe(want.at_risk);
          if (want.value === 0) expect([points[d].lower, points[d].upper]).toEqual([null, null]);
        }
    });

    it('no comparison with a single group', async () => {
      expect(await golden.session.retentionDifferences({ level: 'iop' }, { kind: 'overall' })).toEqual([]);
    });
  },
);
