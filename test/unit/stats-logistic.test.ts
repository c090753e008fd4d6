import { describe, expect, it } from 'vitest';
import { fitLogistic, independentColumns } from '../../core/stats/logistic';

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
