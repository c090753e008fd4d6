import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { computeRiskAdjusted, type RiskAdjustedResult } from '../../core/measures/risk';
import {
  funnel,
  funnelLimits,
  funnelPoints,
  funnelPosition,
  thinSizes,
} from '../../core/measures/risk-funnel';
import { ENGINES } from '../support/engines';
import { cohortByProgram, golden, loadGolden } from './step-down-fixture';

const expected = golden();

describe.each(ENGINES)('risk-adjusted program comparison on the golden export ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let result: RiskAdjustedResult;

  beforeAll(async () => {
    conn = await open();
    const ctx = await loadGolden(conn);
    await cohortByProgram(ctx);
    result = await computeRiskAdjusted(ctx);
  });
  afterAll(async () => conn?.close());

  it('model coefficients match R glm to 1e-4, with the same names', () => {
    const want = expected.risk_model!.coefficients;
    expect(Object.keys(result.model.coefficients)).toEqual(Object.keys(want));
    for (const [name, b] of Object.entries(want))
      expect(result.model.coefficients[name], name).toBeCloseTo(b, 4);
    expect(result.model.converged).toBe(true);
    expect(result.model.aliased).toEqual([]);
    expect(result.model.separation).toBe(false);
    expect(result.model.n).toBe(254);
  });

  it('per program: counts exactly, O/E, interval and standardised rate to 1e-4', () => {
    expect(Object.keys(result.programs).sort()).toEqual(Object.keys(expected.risk_adjusted).sort());
    for (const [program, want] of Object.entries(expected.risk_adjusted)) {
      const got = result.programs[program];
      expect(got.observed, program).toBe(want.observed);
      expect(got.n, program).toBe(want.n);
      for (const k of ['expected', 'oe', 'lower', 'upper', 'standardized_rate'] as const)
        expect(got[k], `${program}.${k}`).toBeCloseTo(want[k]!, 4);
    }
    expect(result.overall).toEqual({ observed: 90, n: 254, rate: 90 / 254 });
  });

  it('expected counts add up to the observed total (a logistic model with an intercept)', () => {
    const e = Object.values(result.programs).reduce((s, r) => s + r.expected, 0);
    expect(e).toBeCloseTo(90, 6);
  });

  it('funnel: limits around the overall rate and one point per program', () => {
    const p = result.overall.rate!;
    const limits = funnelLimits(p, 100);
    expect(limits).toHaveLength(100);
    expect(limits[99].n).toBe(100);
    expect(limits[99].upper95).toBeCloseTo(p + 1.959963984540054 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(limits[99].lower998).toBeCloseTo(p - 3.090232306167813 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(limits[0].lower998).toBe(0);
    const harbor = funnelPoints(result).find((x) => x.program === 'harbor')!;
    expect(harbor).toMatchObject({ program: 'harbor', rate: 9 / 39, n: 39 });
    expect(harbor.standardized_rate).toBeCloseTo(expected.risk_adjusted.harbor.standardized_rate!, 4);
    expect(harbor.z_adjusted).toBeCloseTo(expected.risk_adjusted.harbor.z_adjusted!, 4);
  });

  it('funnel limits thinned to about 150 sizes, log-spaced from n = 1, each the limit at its n', () => {
    const opts = { headroom: 1.15, minN: 20_000, overdispersed: true };
    const full = funnel(result, opts);
    const thin = funnel(result, { ...opts, sizes: thinSizes });
    expect(thin.points).toEqual(full.points);
    expect(full.limits).toHaveLength(23_000);
    expect(thin.limits.length).toBeGreaterThan(100);
    expect(thin.limits.length).toBeLessThanOrEqual(151);
    expect(thin.limits[0].n).toBe(1);
    expect(thin.limits.at(-1)!.n).toBe(23_000);
    for (const l of thin.limits) expect(l).toEqual(full.limits[l.n - 1]);
    // consecutive kept sizes grow by about the same factor, 23,000^(1/150)
    const ratios = thin.limits.slice(1).map((l, i) => l.n / thin.limits[i].n);
    expect(Math.max(...ratios.slice(-20))).toBeLessThan(1.1);
    expect(thinSizes(150)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it("funnel adjusted for over-dispersion: τ² added to every program's variance", () => {
    const p = result.overall.rate!;
    const tau2 = result.overdispersion.tau2!;
    expect(tau2).toBeGreaterThan(0);
    const wide = funnelLimits(p, 100, tau2);
    expect(wide[99].upper95).toBeCloseTo(p + 1.959963984540054 * Math.sqrt((p * (1 - p)) / 100 + tau2), 12);
    // northside: z 2.72 is above the plain 95% limit, z_adjusted 1.27 within the widened ones
    const north = result.programs.northside;
    expect(funnelPosition(north.standardized_rate!, north.n, p)).toBe('above the 95% limit');
    expect(funnelPosition(north.standardized_rate!, north.n, p, tau2)).toBe('within the 95% limits');
  });
});
