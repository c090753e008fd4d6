import { FACTORS, type Factor } from '../measures/risk-design';

/** The risk-model factors under the names of the export contract, as the balance table shows them. */
const COVARIATE_NAMES: Record<Factor, string> = {
  band: 'age_band',
  sex: 'sex',
  subst: 'primary_substance',
  cooc: 'co_occurring_mh',
  prior: 'prior_episodes',
  court: 'court_referral',
  housing: 'housing',
  payer: 'payer',
};

const levelName = (value: string | null | undefined): string =>
  value == null || value === 'null'
    ? 'unknown'
    : value === 'TRUE'
      ? 'true'
      : value === 'FALSE'
        ? 'false'
        : value;

export interface BalanceRow {
  covariate: string;
  smd_before: number;
  smd_after: number;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * comparative-effectiveness.md §2, the cobalt convention: for every level present, the SMD of its
 * indicator, (m₁ − m₀) / sqrt((v₁ + v₀)/2) with v = m(1 − m) from the unweighted arm means; after
 * weighting, the weighted means over the same denominator. A zero denominator gives 0.
 */
export function balanceTable(
  rows: readonly (Record<Factor, string> & { treated: number })[],
  w: readonly number[],
): BalanceRow[] {
  const out: BalanceRow[] = [];
  // per arm: episodes and weight, the same for every level
  const n = [0, 0];
  const sw = [0, 0];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i].treated ? 1 : 0;
    n[a] += 1;
    sw[a] += w[i];
  }
  for (const f of FACTORS) {
    // per level, in one pass: its episodes and weight by arm, summed in row order
    const byLevel = new Map<string, { x: number[]; swx: number[] }>();
    for (let i = 0; i < rows.length; i++) {
      const level = levelName(rows[i][f]);
      let s = byLevel.get(level);
      if (!s) byLevel.set(level, (s = { x: [0, 0], swx: [0, 0] }));
      const a = rows[i].treated ? 1 : 0;
      s.x[a] += 1;
      s.swx[a] += w[i];
    }
    for (const level of [...byLevel.keys()].sort(byCodeUnits)) {
      const { x, swx } = byLevel.get(level)!;
      const m = [0, 1].map((a) => (n[a] ? x[a] / n[a] : 0));
      const mw = [0, 1].map((a) => (sw[a] ? swx[a] / sw[a] : 0));
      const sd = Math.sqrt((m[1] * (1 - m[1]) + m[0] * (1 - m[0])) / 2);
      out.push({
        covariate: `${COVARIATE_NAMES[f]}=${level}`,
        smd_before: sd > 0 ? (m[1] - m[0]) / sd : 0,
        smd_after: sd > 0 ? (mw[1] - mw[0]) / sd : 0,
      });
    }
  }
  return out;
}
