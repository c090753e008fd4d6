import { quoteLiteral } from '../../core';

/**
 * Deterministic pseudo-randomness for the generator: every draw is a hash of the seed, the row's
 * keys and a tag, so a row's values do not depend on thread scheduling or row order (DuckDB's
 * random() does). `rnd(k, tag)` and `rnd2(k1, k2, tag)` are uniform on [0, 1) with 53 bits;
 * `rnorm` is a standard normal (Box–Muller). DuckDB's hash of several values XORs their hashes,
 * so draws with different tags would be strongly correlated: the outer hash re-mixes them.
 */
export function randomMacros(seed: number): string {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer: ${seed}`);
  const s = `${quoteLiteral(seed)}::BIGINT`;
  return `
    CREATE OR REPLACE MACRO rnd(k, tag) AS (hash(hash(${s}, k, tag)) >> 11)::DOUBLE / 9007199254740992.0;
    CREATE OR REPLACE MACRO rnd2(k1, k2, tag) AS (hash(hash(hash(${s}, k1, tag), k2)) >> 11)::DOUBLE / 9007199254740992.0;
    CREATE OR REPLACE MACRO rnorm(k, tag) AS
      sqrt(-2 * ln(1 - rnd(k, tag || '.r'))) * cos(2 * pi() * rnd(k, tag || '.t'));
    CREATE OR REPLACE MACRO inv_logit(x) AS 1 / (1 + exp(-(x)));
    CREATE OR REPLACE MACRO clamp(x, lo, hi) AS least(hi, greatest(lo, x));
  `;
}
