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
  for (const f of FACTORS) {
    const levels = [...new Set(rows.map((r) => levelName(r[f])))].sort(byCodeUnits);
    for (const level of levels) {
      const n = [0, 0];
      const x = [0, 0];
      const sw = [0, 0];
      const swx = [0, 0];
      rows.forEach((r, i) => {
        const a = r.treated ? 1 : 0;
        const hit = levelName(r[f]) === level ? 1 : 0;
        n[a] += 1;
        x[a] += hit;
        sw[a] += w[i];
        swx[a] += w[i] * hit;
      });
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
