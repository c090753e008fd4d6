import { describe, expect, it } from 'vitest';
import { fitLogistic, independentColumns, sparseRows } from '../../core/stats/logistic';

const logit = (p: number) => Math.log(p / (1 - p));

/** Score X'(s − nμ): zero at the maximum-likelihood estimate. */
function score(X: number[][], s: number[], n: number[], mu: number[]): number[] {
  return X[0].map((_, j) => X.reduce((acc, row, i) => acc + row[j] * (s[i] - n[i] * mu[i]), 0));
}

describe('logistic regression (IRLS)', () => {
  it('saturated two-group model has the closed-form solution', () => {
    const X = [
      [1, 0],
      [1, 1],
    ];
    const fit = fitLogistic(X, [3, 7], [10, 10]);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(logit(0.3), 10);
    expect(fit.coefficients[1]).toBeCloseTo(logit(0.7) - logit(0.3), 10);
    expect(fit.fitted[0]).toBeCloseTo(0.3, 10);
    expect(fit.deviance).toBeCloseTo(0, 10);
  });

  // MASS (Venables & Ripley), budworm: glm(SF ~ sex * ldose, family = binomial)
  const ldose = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];
  const dead = [1, 4, 9, 13, 18, 20, 0, 2, 6, 10, 12, 16];
  const male = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const n = dead.map(() => 20);

  it('matches R on the budworm data (sex * ldose)', () => {
    const X = ldose.map((d, i) => [1, male[i], d, male[i] * d]);
    const fit = fitLogistic(X, dead, n);
    expect(fit.converged).toBe(true);
    const [b0, bSex, bDose, bInt] = fit.coefficients as number[];
    expect(b0).toBeCloseTo(-2.99354, 4);
    expect(bSex).toBeCloseTo(0.17499, 4);
    expect(bDose).toBeCloseTo(0.90604, 4);
    expect(bInt).toBeCloseTo(0.35291, 4);
    for (const g of score(X, dead, n, fit.fitted)) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('drops aliased columns in column order, like R NA coefficients', () => {
    const X = ldose.map((d, i) => [1, male[i], 0, d, 1 - male[i], 2 * d]);
    expect(independentColumns(X, n)).toEqual([0, 1, 3]);
    const fit = fitLogistic(X, dead, n);
    const reduced = fitLogistic(
      ldose.map((d, i) => [1, male[i], d]),
      dead,
      n,
    );
    expect(fit.coefficients[2]).toBeNull();
    expect(fit.coefficients[4]).toBeNull();
    expect(fit.coefficients[5]).toBeNull();
    expect(fit.coefficients[0]).toBeCloseTo(reduced.coefficients[0]!, 10);
    expect(fit.coefficients[1]).toBeCloseTo(reduced.coefficients[1]!, 10);
    expect(fit.coefficients[3]).toBeCloseTo(reduced.coefficients[2]!, 10);
    expect(fit.fitted[7]).toBeCloseTo(reduced.fitted[7], 10);
  });

  it("fits a design given as its rows' nonzero columns exactly as the dense one", () => {
    // aliased columns, a row with no trials, a QR iteration: every path of the fit
    const X = [...ldose.map((d, i) => [1, male[i], 0, d, 1 - male[i], 2 * d]), [1, 1, 0, 9, 0, 18]];
    const s = [...dead, 0];
    const t = [...n, 0];
    for (const solver of ['normal', 'qr'] as const)
      expect(fitLogistic(sparseRows(X), s, t, { solver, individual: true })).toEqual(
        fitLogistic(X, s, t, { solver, individual: true }),
      );
    expect(sparseRows(X).col.slice(0, 6)).toEqual(Int32Array.from([0, 1, 0, 1, 3, 5]));
  });

  it('rows with no trials carry no weight but still get a fitted value', () => {
    const X = [
      [1, 0],
      [1, 1],
      [1, 1],
    ];
    const fit = fitLogistic(X, [3, 7, 0], [10, 10, 0]);
    expect(fit.coefficients[1]).toBeCloseTo(logit(0.7) - logit(0.3), 10);
    expect(fit.fitted[2]).toBeCloseTo(0.7, 10);
  });

  it('survives complete separation and reports it', () => {
    const X = [
      [1, 0],
      [1, 1],
    ];
    const fit = fitLogistic(X, [0, 8], [10, 8]);
    expect(fit.separation).toBe(true);
    expect(fit.fitted[0]).toBeLessThan(1e-6);
    expect(fit.fitted[1]).toBeGreaterThan(1 - 1e-6);
    expect(fit.coefficients.every((b) => b !== null && Number.isFinite(b))).toBe(true);
  });

  it('an empty design gives no coefficients and does not throw', () => {
    const fit = fitLogistic([], [], []);
    expect(fit.coefficients).toEqual([]);
    expect(fit.fitted).toEqual([]);
  });
});

describe('logistic regression on counts of individual outcomes', () => {
  it('gives the same estimates as the grouped fit, with the deviance of the individual fit', () => {
    const ldose = [0, 1, 2, 3, 4, 5];
    const dead = [1, 4, 9, 13, 18, 20];
    const n = dead.map(() => 20);
    const X = ldose.map((d) => [1, d]);
    const grouped = fitLogistic(X, dead, n);
    const individual = fitLogistic(X, dead, n, { individual: true });
    expect(individual.converged).toBe(true);
    for (let j = 0; j < 2; j++) expect(individual.coefficients[j]).toBeCloseTo(grouped.coefficients[j]!, 7);
    const loglik = dead.reduce(
      (s, d, i) => s + d * Math.log(individual.fitted[i]) + (n[i] - d) * Math.log(1 - individual.fitted[i]),
      0,
    );
    expect(individual.deviance).toBeCloseTo(-2 * loglik, 8);
  });
});

describe('the normal equations, refined once, give the QR fit', () => {
  /** A design of dummies like the risk model's: intercept and treatment-coded factors, some levels rare. */
  function dummyDesign(rows: number, levels: number[], seed: number) {
    let s = seed;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const X: number[][] = [];
    const trials: number[] = [];
    const successes: number[] = [];
    for (let i = 0; i < rows; i++) {
      const x = [1];
      for (const k of levels) {
        const level = Math.floor(rnd() ** 2 * k);
        for (let l = 1; l < k; l++) x.push(level === l ? 1 : 0);
      }
      X.push(x);
      trials.push(1 + Math.floor(rnd() * 12));
      successes.push(Math.floor(rnd() * (trials[i] + 1)));
    }
    return { X, trials, successes };
  }

  it.each([1, 2, 3, 4, 5])('on a random design of rare and common levels (seed %i)', (seed) => {
    const { X, trials, successes } = dummyDesign(400, [5, 3, 8, 2, 4], seed);
    const qr = fitLogistic(X, successes, trials, { individual: true, solver: 'qr' });
    const normal = fitLogistic(X, successes, trials, { individual: true });
    expect(normal.iterations).toBe(qr.iterations);
    expect(normal.converged).toBe(qr.converged);
    expect(normal.deviance).toBeCloseTo(qr.deviance, 9);
    normal.coefficients.forEach((b, j) => {
      if (qr.coefficients[j] === null) expect(b).toBeNull();
      else
        expect(Math.abs(b! - qr.coefficients[j]!)).toBeLessThan(
          1e-10 * Math.max(1, Math.abs(qr.coefficients[j]!)),
        );
    });
    normal.fitted.forEach((f, i) => expect(Math.abs(f - qr.fitted[i])).toBeLessThan(1e-12));
  });

  it("with a column apart from another on one light row only (ill-conditioned X'WX: the refinement matters)", () => {
    let s = 5;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const X: number[][] = [];
    const n: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = rnd() < 0.5 ? 1 : 0;
      const b = rnd() < 0.3 ? 1 : 0;
      const apart = i === 7 ? 1 - a : a;
      X.push([1, a, b, apart]);
      n.push(i === 7 ? 1 : 5000 + Math.floor(rnd() * 5000));
      y.push(Math.floor(rnd() * (n[i] + 1)));
    }
    const qr = fitLogistic(X, y, n, { solver: 'qr' });
    const normal = fitLogistic(X, y, n);
    normal.coefficients.forEach((b, j) =>
      expect(Math.abs(b! - qr.coefficients[j]!)).toBeLessThan(
        1e-11 * Math.max(1, Math.abs(qr.coefficients[j]!)),
      ),
    );
  });

  it('on the budworm data and under separation, with the same results as QR', () => {
    const ldose = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];
    const dead = [1, 4, 9, 13, 18, 20, 0, 2, 6, 10, 12, 16];
    const male = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const budworm = ldose.map((d, i) => [1, male[i], d, male[i] * d]);
    const separated = [
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ];
    for (const [X, s, n] of [
      [budworm, dead, dead.map(() => 20)],
      [separated, [0, 8, 3], [10, 8, 6]],
    ] as const) {
      const qr = fitLogistic(X as number[][], [...s], [...n], { solver: 'qr' });
      const normal = fitLogistic(X as number[][], [...s], [...n]);
      expect(normal.iterations).toBe(qr.iterations);
      expect(normal.separation).toBe(qr.separation);
      normal.fitted.forEach((f, i) => expect(f).toBeCloseTo(qr.fitted[i], 9));
    }
  });
});

describe('independent columns', () => {
  it('keeps a column a little off the span of the others and drops one within rounding of it', () => {
    const rows = 200;
    let s = 11;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const x = Array.from({ length: rows }, () => (rnd() < 0.3 ? 1 : 0));
    const noise = Array.from({ length: rows }, () => rnd() - 0.5);
    const design = (off: number) => x.map((xi, i) => [1, xi, xi + off * noise[i], 1 - xi]);
    const n = x.map((_, i) => 1 + (i % 5));
    expect(independentColumns(design(1e-3), n)).toEqual([0, 1, 2]);
    expect(independentColumns(design(1e-9), n)).toEqual([0, 1]);
    expect(
      independentColumns(
        design(1e-3).map((r) => r.slice(0, 3)),
        n,
      ),
    ).toEqual([0, 1, 2]);
  });
});
