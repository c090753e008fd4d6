import { quoteLiteral } from '../../core';

/** [value as SQL, weight as a number or a SQL expression]. */
export type WeightedSql = readonly (readonly [string, number | string])[];

/**
 * A CASE expression that picks one value with probability proportional to its weight, given a
 * uniform draw `u` (SQL). Zero weights are never picked.
 */
export function pickSql(u: string, entries: WeightedSql): string {
  if (entries.length === 0) throw new Error('pickSql needs at least one entry');
  if (entries.length === 1) return entries[0][0];
  const w = entries.map(([, x]) => (typeof x === 'number' ? quoteLiteral(x) : `(${x})`));
  const total = w.join(' + ');
  const whens = entries.slice(0, -1).map(([value], i) => {
    const cum = w.slice(0, i + 1).join(' + ');
    return `WHEN (${u}) * (${total}) < ${cum} THEN ${value}`;
  });
  return `(CASE ${whens.join(' ')} ELSE ${entries[entries.length - 1][0]} END)`;
}

/** pickSql over code weights (e.g. { counselor: 3, peer_specialist: 1 }), the codes quoted as literals. */
export function pickCodeSql(u: string, weights: Partial<Record<string, number>>): string {
  const entries = Object.entries(weights)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .map(([code, x]) => [quoteLiteral(code), x] as const);
  return pickSql(u, entries);
}

/** CASE over a small integer key (e.g. the program index): one SQL expression per key. */
export function switchSql(key: string, branches: readonly string[]): string {
  return `(CASE ${key} ${branches.map((b, i) => `WHEN ${i} THEN ${b}`).join(' ')} END)`;
}
