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
  /**
   * How each iteration's weighted least squares is solved: 'normal' (default) forms X'WX from each
   * row's nonzero columns, solves it by Cholesky and refines once, and turns to 'qr' (Householder,
   * as R) for an iteration whose X'WX is too ill-conditioned for that; 'qr' always uses QR.
   */
  solver?: 'normal' | 'qr';
}

const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;

/** R's logit inverse link, kept inside (ε, 1 − ε). */
function invLogit(eta: number): number {
  const t = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return t / (1 + t);
}

const xlogx = (a: number, b: number): number => (a > 0 ? a * Math.log(a / b) : 0);

type Numbers = Float64Array;

function deviance(y: Numbers, n: Numbers, mu: Numbers, individual: boolean): number {
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
export function independentColumns(X: number[][], weights: readonly number[], tol = 1e-7): number[] {
  return keptColumns(sparseRows(X), Float64Array.from(weights), tol);
}

/**
 * Gram–Schmidt's columns, found first by whether every column is far from the span of those
 * before it: every pivot of the Cholesky factorisation of X'WX (the squared residual norm
 * Gram–Schmidt would find) over 1e4·tol² of its column's squared norm, a margin far beyond the
 * factorisation's rounding (≈ p·ε), so Gram–Schmidt would keep every column.
 * O(rows · nonzeros per row²) then, instead of O(rows · p²).
 */
function keptColumns(S: SparseRows, weights: Float64Array, tol: number): number[] {
  const { p } = S;
  return p > 0 && gramCholesky(S, p, weights, Math.max(1e4 * tol * tol, 1e-12)) !== null
    ? Array.from({ length: p }, (_, j) => j)
    : gramSchmidtColumns(denseRows(S), weights, tol);
}

function gramSchmidtColumns(X: number[][], weights: Float64Array, tol: number): number[] {
  const m = X.length;
  const p = m ? X[0].length : 0;
  const sw = Float64Array.from(weights, Math.sqrt);
  const basis: Float64Array[] = [];
  const kept: number[] = [];
  const v = new Float64Array(m);
  for (let j = 0; j < p; j++) {
    let norm0 = 0;
    for (let i = 0; i < m; i++) {
      v[i] = X[i][j] * sw[i];
      norm0 += v[i] * v[i];
    }
    norm0 = Math.sqrt(norm0);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm <= tol * norm0) continue;
    basis.push(v.map((x) => x / norm));
    kept.push(j);
  }
  return kept;
}

/** Weighted least squares by Householder QR: argmin Σ w_i (z_i − x_i·b)². */
function weightedLeastSquares(X: number[][], z: Numbers, w: Numbers): number[] | null {
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

/**
 * A design's rows as their nonzero columns (compressed sparse rows): a row of dummies has few.
 * Row i's columns are col[start[i]] … col[start[i + 1] − 1], in increasing order, of `p`, their
 * values val[…], or every value 1 (a design of dummies) when val is null.
 */
export interface SparseRows {
  p: number;
  start: Int32Array;
  col: Int32Array;
  val: Float64Array | null;
}

export function sparseRows(X: readonly number[][]): SparseRows {
  const start = new Int32Array(X.length + 1);
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    for (let j = 0; j < row.length; j++)
      if (row[j] !== 0) {
        col.push(j);
        val.push(row[j]);
      }
    start[i + 1] = col.length;
  }
  return {
    p: X[0]?.length ?? 0,
    start,
    col: Int32Array.from(col),
    val: val.every((v) => v === 1) ? null : Float64Array.from(val),
  };
}

/** S with only the rows `rows` (default all) and the columns `columns` (in order, renumbered; default all). */
function subDesign(S: SparseRows, rows?: readonly number[], columns?: readonly number[]): SparseRows {
  const to = new Int32Array(S.p).fill(-1);
  (columns ?? Array.from({ length: S.p }, (_, j) => j)).forEach((j, k) => (to[j] = k));
  const count = rows ? rows.length : S.start.length - 1;
  const start = new Int32Array(count + 1);
  const col = new Int32Array(S.col.length);
  const val = S.val && new Float64Array(S.col.length);
  let at = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    for (let a = S.start[i]; a < S.start[i + 1]; a++)
      if (to[S.col[a]] >= 0) {
        if (val) val[at] = S.val![a];
        col[at++] = to[S.col[a]];
      }
    start[r + 1] = at;
  }
  return { p: columns ? columns.length : S.p, start, col: col.slice(0, at), val: val && val.slice(0, at) };
}

/** Dense rows, for the solvers of an ill-conditioned design. */
function denseRows(S: SparseRows): number[][] {
  return Array.from({ length: S.start.length - 1 }, (_, i) => {
    const row = new Array<number>(S.p).fill(0);
    for (let a = S.start[i]; a < S.start[i + 1]; a++) row[S.col[a]] = S.val ? S.val[a] : 1;
    return row;
  });
}

/** X·b for every row (a value of 1 multiplies nothing: the same sums). */
function times({ start, col, val }: SparseRows, b: Numbers): Float64Array {
  const out = new Float64Array(start.length - 1);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    if (val) for (let a = start[i]; a < start[i + 1]; a++) s += val[a] * b[col[a]];
    else for (let a = start[i]; a < start[i + 1]; a++) s += b[col[a]];
    out[i] = s;
  }
  return out;
}

/** X'W r. */
function crossWeighted({ start, col, val }: SparseRows, p: number, w: Numbers, r: Numbers): Float64Array {
  const out = new Float64Array(p);
  for (let i = 0; i < w.length; i++) {
    const wr = w[i] * r[i];
    if (val) for (let a = start[i]; a < start[i + 1]; a++) out[col[a]] += val[a] * wr;
    else for (let a = start[i]; a < start[i + 1]; a++) out[col[a]] += wr;
  }
  return out;
}

/** X'WX, its lower triangle (row-major). */
function gram({ start, col }: SparseRows, val: Float64Array, p: number, w: Numbers): Float64Array {
  const G = new Float64Array(p * p);
  for (let i = 0; i < w.length; i++) {
    const end = start[i + 1];
    for (let a = start[i]; a < end; a++) {
      const va = val[a] * w[i];
      const row = col[a] * p;
      for (let b = start[i]; b <= a; b++) G[row + col[b]] += va * val[b];
    }
  }
  return G;
}

/** X'WX of a design of dummies: each product is the weight itself. */
function gramOfDummies({ start, col }: SparseRows, p: number, w: Numbers): Float64Array {
  const G = new Float64Array(p * p);
  for (let i = 0; i < w.length; i++) {
    const wi = w[i];
    const first = start[i];
    const end = start[i + 1];
    for (let a = first; a < end; a++) {
      const row = col[a] * p;
      for (let b = first; b <= a; b++) G[row + col[b]] += wi;
    }
  }
  return G;
}

/** The Cholesky factor L (row-major, lower) of X'WX, or null when a pivot is not over `least` of its column's X'WX. */
function gramCholesky(S: SparseRows, p: number, w: Numbers, least: number): Float64Array | null {
  const G = S.val ? gram(S, S.val, p, w) : gramOfDummies(S, p, w);
  for (let k = 0; k < p; k++) {
    const gkk = G[k * p + k];
    let d = gkk;
    for (let j = 0; j < k; j++) d -= G[k * p + j] * G[k * p + j];
    if (!(d > least * gkk)) return null;
    const lkk = Math.sqrt(d);
    G[k * p + k] = lkk;
    for (let i = k + 1; i < p; i++) {
      let s = G[i * p + k];
      for (let j = 0; j < k; j++) s -= G[i * p + j] * G[k * p + j];
      G[i * p + k] = s / lkk;
    }
  }
  return G;
}

/** Solves L L' x = h. */
function choleskySolve(L: Float64Array, p: number, h: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = h[i];
    for (let j = 0; j < i; j++) s -= L[i * p + j] * y[j];
    y[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < p; j++) s -= L[j * p + i] * y[j];
    y[i] = s / L[i * p + i];
  }
  return y;
}

/**
 * Weighted least squares by the normal equations, corrected once by the residual's (the
 * corrected semi-normal equations: near QR's accuracy while X is far from ill-conditioned);
 * null when X'WX is too ill-conditioned, for QR to solve instead.
 */
function weightedLeastSquaresNormal(S: SparseRows, p: number, z: Numbers, w: Numbers): number[] | null {
  const L = gramCholesky(S, p, w, 1e-10);
  if (!L) return null;
  const beta = choleskySolve(L, p, crossWeighted(S, p, w, z));
  const fitted = times(S, beta);
  const residual = new Float64Array(fitted.length);
  for (let i = 0; i < residual.length; i++) residual[i] = z[i] - fitted[i];
  const correction = choleskySolve(L, p, crossWeighted(S, p, w, residual));
  const out = Array.from(beta, (b, j) => b + correction[j]);
  return out.every(Number.isFinite) ? out : null;
}

/** The design X: dense rows, or (a design of dummies) its rows' nonzero columns. */
export function fitLogistic(
  X: readonly number[][] | SparseRows,
  successes: readonly number[],
  trials: readonly number[],
  options: LogisticOptions = {},
): LogisticFit {
  const maxIterations = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const individual = options.individual ?? false;
  const design = 'start' in X ? X : sparseRows(X);
  const { p } = design;
  const designRows = design.start.length - 1;
  const rows = Array.from({ length: designRows }, (_, i) => i).filter((i) => trials[i] > 0);
  // typed arrays filled by plain loops (a typed array's map calls its function slowly)
  const m = rows.length;
  const n = new Float64Array(m);
  const y = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    n[r] = trials[rows[r]];
    y[r] = successes[rows[r]] / trials[rows[r]];
  }
  const all = m === designRows ? design : subDesign(design, rows);
  const kept = m ? keptColumns(all, n, 1e-7) : [];
  const sk = kept.length === p ? all : subDesign(all, undefined, kept);
  const sparse = options.solver === 'qr' ? null : sk;
  let dense: number[][] | null = null;
  const Xk = () => (dense ??= denseRows(sk));

  // R's start, mustart = (n·y + 0.5) / (n + 1): per individual 0.75 or 0.25, per pattern its mean
  const mu = new Float64Array(m);
  let eta: Float64Array = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    mu[i] = individual ? 0.25 + y[i] / 2 : (n[i] * y[i] + 0.5) / (n[i] + 1);
    eta[i] = Math.log(mu[i] / (1 - mu[i]));
  }
  let dev = individual
    ? 2 * Math.log(4 / 3) * n.reduce((s, ni) => s + ni, 0)
    : deviance(y, n, mu, individual);
  let beta: number[] = new Array<number>(kept.length).fill(0);
  let converged = false;
  let iterations = 0;
  const z = new Float64Array(m);
  const w = new Float64Array(m);
  for (let it = 1; it <= maxIterations && kept.length > 0; it++) {
    iterations = it;
    for (let i = 0; i < m; i++) {
      if (individual && it === 1) {
        // the pattern's share of R's first step on individuals: z = ±(log 3 + 4/3), w = 3/16 each
        z[i] = (Math.log(3) + 4 / 3) * (2 * y[i] - 1);
        w[i] = (3 / 16) * n[i];
      } else {
        const v = mu[i] * (1 - mu[i]);
        z[i] = eta[i] + (y[i] - mu[i]) / v;
        w[i] = n[i] * v;
      }
    }
    const next =
      (sparse && weightedLeastSquaresNormal(sparse, kept.length, z, w)) ?? weightedLeastSquares(Xk(), z, w);
    if (!next) break;
    beta = next;
    eta = times(sk, Float64Array.from(beta));
    for (let i = 0; i < m; i++) mu[i] = invLogit(eta[i]);
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
  const etaAll = times(
    design,
    Float64Array.from(coefficients, (b) => b ?? 0),
  );
  const fitted = new Array<number>(etaAll.length);
  for (let i = 0; i < etaAll.length; i++) fitted[i] = invLogit(etaAll[i]);
  const bound = 1e-6;
  const separation = rows.some(
    (i) => (successes[i] === 0 && fitted[i] < bound) || (successes[i] === trials[i] && fitted[i] > 1 - bound),
  );
  return { coefficients, fitted, deviance: dev, iterations, converged, separation };
}
