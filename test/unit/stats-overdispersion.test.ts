import { describe, expect, it } from 'vitest';
import { overdispersion } from '../../core/stats/overdispersion';
import { quantile7 } from '../../core/stats/quantile';

// p = 0.5 and n = 100 everywhere: s = 0.05, so a rate of 0.5 + 0.05·z has that z
const units = (zs: number[]) => zs.map((z) => ({ rate: 0.5 + 0.05 * z, n: 100 }));

describe('over-dispersion (Spiegelhalter 2005, additive), hand-worked', () => {
  it('φ ≤ 1 gives τ² = 0 and z_adjusted = z', () => {
    const r = overdispersion(0.5, units([1, -1, 0]));
    expect(r.k).toBe(3);
    expect(r.phi).toBeCloseTo(2 / 3, 12);
    expect(r.tau2).toBe(0);
    r.z.forEach((z, i) => expect(r.zAdjusted[i]).toBeCloseTo(z!, 12));
    expect(r.z[0]).toBeCloseTo(1, 12);
  });

  it('fewer than 10 units: φ = Σz²/k, τ² = (kφ − (k−1)) / (Σw − Σw²/Σw)', () => {
    const r = overdispersion(0.5, units([-3, 0, 3]));
    expect(r.phi).toBeCloseTo(6, 12);
    // w = 400 each: Σw − Σw²/Σw = 1200 − 400 = 800
    expect(r.tau2).toBeCloseTo((3 * 6 - 2) / 800, 12);
    expect(r.zAdjusted[0]).toBeCloseTo(-0.15 / Math.sqrt(0.0025 + 0.02), 12);
  });

  it('10 or more units: the z are winsorised at their 10th and 90th percentiles (type 7) first', () => {
    const zs = [-5, -3, -2, -2, 0, 0, 2, 2, 3, 5];
    expect(quantile7(zs, 0.1)).toBeCloseTo(-3.2, 12);
    expect(quantile7(zs, 0.9)).toBeCloseTo(3.2, 12);
    const r = overdispersion(0.5, units(zs));
    expect(r.k).toBe(10);
    // winsorised: ±3.2, ±3, −2, −2, 0, 0, 2, 2 → Σz² = 2·10.24 + 2·9 + 4·4 = 54.48 (not 84)
    expect(r.phi).toBeCloseTo(5.448, 12);
    // Σw = 4000, Σw²/Σw = 400
    const tau2 = (10 * 5.448 - 9) / 3600;
    expect(r.tau2).toBeCloseTo(tau2, 12);
    // the reported z are not winsorised
    expect(r.z[0]).toBeCloseTo(-5, 12);
    expect(r.zAdjusted[0]).toBeCloseTo(-0.25 / Math.sqrt(0.0025 + tau2), 12);
  });

  it('units without discharges and a rate of 0 or 1 give no z', () => {
    const r = overdispersion(0.5, [...units([1]), { rate: 0, n: 0 }]);
    expect(r.k).toBe(1);
    expect(r.z[1]).toBeNull();
    expect(overdispersion(1, units([0])).phi).toBeNull();
  });
});

describe('quantile type 7', () => {
  it('interpolates like R quantile()', () => {
    expect(quantile7([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile7([7], 0.9)).toBe(7);
  });
});
