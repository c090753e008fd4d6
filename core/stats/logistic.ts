/**
 * Binomial logistic regression by iteratively reweighted least squares, on grouped data
 * (one row per covariate pattern: `successes` out of `trials`), as R's
 * `glm(cbind(s, n - s) ~ X, family = binomial)`: same start, same convergence test
 * (|Δdeviance| / (|deviance| + 0.1) < 1e-8, at most 25 iterations), same clamping of fitted
 * probabilities, and linearly dependent (aliased) columns dropped in column order, reported as
 * null coefficients (R's NA).
 */
export interface LogisticFit {
  /** One per design column; null when the column is aliased. */
  coefficients: (number | null)[];
  /** Fitted probability per row. */
  fitted: number[];
  deviance: number;
  iterations: number;
  converged: boolean;
  /**
   * (Quasi-)complete separation, heuristically: some row whose outcomes are all 0 (all 1) has a
   * fitted probability below 1e-6 (above 1 − 1e-6). Its estimates run off towards ±∞ (IRLS
   * stops when the deviance stops moving); only the fitted probabilities mean anything.
   */
  separation: boolean;
}

export interface LogisticOptions {
  maxIterations?: number;
  epsilon?: number;
  /**
   * The rows are counts of individual 0/1 outcomes (R fitted on one row per individual): the
   * convergence test then uses that fit's deviance, −2 log-likelihood, so iterations and the
   * converged flag are R's. The estimates are the same either way.
   */
  individual?: boolean;
}

const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;

/** R's logit inverse link, kept inside (ε, 1 − ε). */
function invLogit(eta: number): number {
  const t = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return t / (1 + t);
}

const xlogx = (a: number, b: number): number => (a > 0 ? a * Math.log(a / b) : 0);

function deviance(y: number[], n: number[], mu: number[], individual: boolean): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    if (individual) d -= 2 * n[i] * (y[i] * Math.log(mu[i]) + (1 - y[i]) * Math.log(1 - mu[i]));
    else d += 2 * n[i] * (xlogx(y[i], mu[i]) + xlogx(1 - y[i], 1 - mu[i]));
  }
  return d;
}

/**
 * Columns kept after dropping, in order, every column that is (numerically) a linear
 * combination of the columns kept before it: Gram–Schmidt on √n-weighted columns, with R's
 * relative tolerance for glm (1e-11) loosened to 1e-7 for Gram–Schmidt's rounding.
 */
export function independentColumns(X: number[][], weights: number[], tol = 1e-7): number[] {
  const m = X.length;
  const p = m ? X[0].length : 0;
  const sw = Float64Array.from(weights, Math.sqrt);
  const basis: Float64Array[] = [];
  const kept: number[] = [];
  const norm2 = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  for (let j = 0; j < p; j++) {
    const v = Float64Array.from(X, (row, i) => row[j] * sw[i]);
    const norm0 = norm2(v);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * q[i];
      }
    }
    const norm = norm2(v);
    if (norm <= tol * norm0) continue;
    basis.push(v.map((x) => x / norm));
    kept.push(j);
  }
  return kept;
}

/** Weighted least squares by Householder QR: argmin Σ w_i (z_i − x_i·b)². */
function weightedLeastSquares(X: number[][], z: number[], w: number[]): number[] | null {
  const m = X.length;
  const p = X[0].length;
  // column-major, so that every inner loop runs down one contiguous column
  const sw = Float64Array.from(w, Math.sqrt);
  const A = Array.from({ length: p }, (_, j) => Float64Array.from(X, (row, i) => row[j] * sw[i]));
  const b = Float64Array.from(z, (zi, i) => zi * sw[i]);
  const v = new Float64Array(m);
  for (let k = 0; k < p; k++) {
    const ak = A[k];
    let norm = 0;
    for (let i = k; i < m; i++) norm += ak[i] * ak[i];
    norm = Math.sqrt(norm);
    if (norm === 0) return null;
    const alpha = ak[k] > 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i] = ak[i];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (const col of [...A.slice(k), b]) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * col[i];
      const f = (2 * s) / vv;
      for (let i = k; i < m; i++) col[i] -= f * v[i];
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < p; j++) s -= A[j][k] * beta[j];
    if (A[k][k] === 0) return null;
    beta[k] = s / A[k][k];
  }
  return beta.every(Number.isFinite) ? beta : null;
}

export function fitLogistic(
  X: number[][],
  successes: number[],
  trials: number[],
  options: LogisticOptions = {},
): LogisticFit {
  const maxIterations = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const individual = options.individual ?? false;
  const p = X.length ? X[0].length : 0;
  const rows = X.map((_, i) => i).filter((i) => trials[i] > 0);
  const Xr = rows.map((i) => X[i]);
  const n = rows.map((i) => trials[i]);
  const y = rows.map((i) => successes[i] / trials[i]);
  const kept = rows.length ? independentColumns(Xr, n) : [];
  const Xk = Xr.map((row) => kept.map((j) => row[j]));

  // R's start, mustart = (n·y + 0.5) / (n + 1): per individual 0.75 or 0.25, per pattern its mean
  let mu = y.map((yi, i) => (individual ? 0.25 + yi / 2 : (n[i] * yi + 0.5) / (n[i] + 1)));
  let eta = mu.map((m) => Math.log(m / (1 - m)));
  let dev = individual
    ? 2 * Math.log(4 / 3) * n.reduce((s, ni) => s + ni, 0)
    : deviance(y, n, mu, individual);
  let beta: number[] = new Array<number>(kept.length).fill(0);
  let converged = false;
  let iterations = 0;
  for (let it = 1; it <= maxIterations && kept.length > 0; it++) {
    iterations = it;
    const v = mu.map((m) => m * (1 - m));
    let z = eta.map((e, i) => e + (y[i] - mu[i]) / v[i]);
    let w = v.map((vi, i) => n[i] * vi);
    if (individual && it === 1) {
      // the pattern's share of R's first step on individuals: z = ±(log 3 + 4/3), w = 3/16 each
      z = y.map((yi) => (Math.log(3) + 4 / 3) * (2 * yi - 1));
      w = n.map((ni) => (3 / 16) * ni);
    }
    const next = weightedLeastSquares(Xk, z, w);
    if (!next) break;
    beta = next;
    eta = Xk.map((row) => row.reduce((s, x, j) => s + x * beta[j], 0));
    mu = eta.map(invLogit);
    const devNew = deviance(y, n, mu, individual);
    if (Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1) < epsilon) {
      dev = devNew;
      converged = true;
      break;
    }
    dev = devNew;
  }

  const coefficients: (number | null)[] = new Array<number | null>(p).fill(null);
  kept.forEach((j, k) => (coefficients[j] = beta[k]));
  const fitted = X.map((row) => invLogit(kept.reduce((s, j, k) => s + row[j] * beta[k], 0)));
  const bound = 1e-6;
  const separation = rows.some(
    (i) => (successes[i] === 0 && fitted[i] < bound) || (successes[i] === trials[i] && fitted[i] > 1 - bound),
  );
  return { coefficients, fitted, deviance: dev, iterations, converged, separation };
}
