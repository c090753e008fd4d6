/** Covariate patterns with a fitted probability: `events` of `n` had the outcome. */
export interface FittedPattern {
  fitted: number;
  events: number;
  n: number;
}

/**
 * The c-statistic (area under the ROC curve): the probability that a random individual with the
 * outcome has a higher fitted probability than a random one without, ties counting ½; null
 * without both kinds. Equal fitted probabilities are ties, so patterns are ranked, not paired.
 */
export function cStatistic(patterns: readonly FittedPattern[]): number | null {
  const k = patterns.length;
  const fitted = new Float64Array(k);
  const order = new Uint32Array(k);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < k; i++) {
    fitted[i] = patterns[i].fitted;
    order[i] = i;
    pos += patterns[i].events;
    neg += patterns[i].n - patterns[i].events;
  }
  if (pos === 0 || neg === 0) return null;
  order.sort((a, b) => fitted[a] - fitted[b]);
  let below = 0;
  let concordant = 0;
  for (let i = 0; i < k;) {
    const at = fitted[order[i]];
    let tiedPos = 0;
    let tiedNeg = 0;
    for (; i < k && fitted[order[i]] === at; i++) {
      const x = patterns[order[i]];
      tiedPos += x.events;
      tiedNeg += x.n - x.events;
    }
    concordant += tiedPos * (below + tiedNeg / 2);
    below += tiedNeg;
  }
  return concordant / (pos * neg);
}

/** Brier score: mean squared difference of fitted probability and 0/1 outcome; null with no one. */
export function brierScore(patterns: readonly FittedPattern[]): number | null {
  let n = 0;
  let sum = 0;
  for (const x of patterns) {
    n += x.n;
    sum += x.events * (1 - x.fitted) ** 2 + (x.n - x.events) * x.fitted ** 2;
  }
  return n > 0 ? sum / n : null;
}
