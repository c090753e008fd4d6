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
  const sorted = [...patterns].sort((a, b) => a.fitted - b.fitted);
  const pos = sorted.reduce((s, x) => s + x.events, 0);
  const neg = sorted.reduce((s, x) => s + x.n - x.events, 0);
  if (pos === 0 || neg === 0) return null;
  let below = 0;
  let concordant = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    let tiedPos = 0;
    let tiedNeg = 0;
    while (j < sorted.length && sorted[j].fitted === sorted[i].fitted) {
      tiedPos += sorted[j].events;
      tiedNeg += sorted[j].n - sorted[j].events;
      j++;
    }
    concordant += tiedPos * (below + tiedNeg / 2);
    below += tiedNeg;
    i = j;
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
