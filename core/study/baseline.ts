import { COVARIATES, TABLE_ONE_COVARIATES } from '../catalogue/covariates';
import type { Connector } from '../engine/connector';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { COHORT_FROM } from '../measures/values';
import { smdCategorical, smdContinuous } from '../stats/smd';
import type { BaselineVariable, ContinuousSummary, PerArm } from './types';

/**
 * Table 1: baseline characteristics of the episodes in cohort_eps, per arm (grp 'program' and
 * 'comparator'), read from ep_summary. Categorical levels are the contract's codes in their
 * order (free categories by frequency), those seen in either arm; null is "missing", except for
 * MAT where null means none. SMDs are computed among known values.
 */
interface CategoricalSpec {
  key: string;
  label: string;
  expr: string;
  codes?: readonly string[];
}

export const CATEGORICAL: readonly CategoricalSpec[] = TABLE_ONE_COVARIATES.map((key) => {
  const c = COVARIATES[key];
  return {
    key,
    label: c.tableLabel,
    expr: c.table.expr,
    codes: 'codes' in c.table ? c.table.codes : undefined,
  };
});

const CONTINUOUS = [
  { key: 'age_at_admit', label: 'Age at admission (years)', expr: 'e.age_at_admit' },
  { key: 'use_days_admit', label: 'Use days in the 30 days before admission', expr: 'e.use_days_admit' },
] as const;

/**
 * Every categorical variable's levels by arm in one scan of the cohort (a column per variable,
 * unpivoted, nulls kept as the missing level): DuckDB-WASM at 250k IOP episodes, 352–443 ms
 * against 644–734 ms for a scan per variable (UNION ALL).
 */
export const BASELINE_CATEGORICAL_SQL = `SELECT grp, variable, level, count(*)::INTEGER AS n FROM (
  SELECT e.grp,
    ${CATEGORICAL.map((v) => `(${v.expr})::VARCHAR AS ${quoteIdent(v.key)}`).join(',\n    ')}
  FROM ${COHORT_FROM}
) UNPIVOT INCLUDE NULLS (level FOR variable IN (${CATEGORICAL.map((v) => quoteIdent(v.key)).join(', ')}))
GROUP BY ALL`;

export const BASELINE_CONTINUOUS_SQL = CONTINUOUS.map(
  (v) => `SELECT e.grp, ${quoteLiteral(v.key)} AS variable, count(${v.expr})::INTEGER AS n,
  (count(*) - count(${v.expr}))::INTEGER AS missing,
  avg(${v.expr})::DOUBLE AS mean, stddev_samp(${v.expr})::DOUBLE AS sd,
  quantile_cont(${v.expr}, 0.5)::DOUBLE AS median, quantile_cont(${v.expr}, 0.25)::DOUBLE AS q1,
  quantile_cont(${v.expr}, 0.75)::DOUBLE AS q3
FROM ${COHORT_FROM} GROUP BY e.grp`,
).join('\nUNION ALL\n');

const label = (s: string) => s.replaceAll('_', ' ');

export async function baselineTable(conn: Connector, hasComparator: boolean): Promise<BaselineVariable[]> {
  const cat = await conn.query<{ grp: string; variable: string; level: string | null; n: number }>(
    BASELINE_CATEGORICAL_SQL,
  );
  const cont = await conn.query(BASELINE_CONTINUOUS_SQL);
  const perArm = <T>(f: (arm: 'program' | 'comparator') => T): PerArm<T> => ({
    program: f('program'),
    comparator: hasComparator ? f('comparator') : null,
  });
  const out: BaselineVariable[] = [];

  for (const spec of CONTINUOUS) {
    const row = (arm: string) => cont.find((r) => r.grp === arm && r.variable === spec.key);
    const summary = (arm: string): ContinuousSummary => {
      const r = row(arm);
      const num = (v: unknown) => (v == null ? null : Number(v));
      return {
        n: Number(r?.n ?? 0),
        mean: num(r?.mean),
        sd: num(r?.sd),
        median: num(r?.median),
        q1: num(r?.q1),
        q3: num(r?.q3),
      };
    };
    out.push({
      key: spec.key,
      label: spec.label,
      kind: 'continuous',
      levels: [],
      summary: perArm(summary),
      missing: perArm((arm) => Number(row(arm)?.missing ?? 0)),
      smd: hasComparator ? smdContinuous(summary('program'), summary('comparator')) : null,
    });
  }

  for (const spec of CATEGORICAL) {
    const rows = cat.filter((r) => r.variable === spec.key);
    const known = rows.filter((r) => r.level !== null);
    const present = new Set(known.map((r) => r.level as string));
    const byFrequency = [...present].sort(
      (a, b) =>
        known.filter((r) => r.level === b).reduce((s, r) => s + r.n, 0) -
          known.filter((r) => r.level === a).reduce((s, r) => s + r.n, 0) || a.localeCompare(b),
    );
    const ordered = spec.codes
      ? [...spec.codes, ...byFrequency.filter((l) => !spec.codes!.includes(l))]
      : byFrequency;
    const count = (arm: string, level: string | null) =>
      rows.find((r) => r.grp === arm && r.level === level)?.n ?? 0;
    const shownLevels = ordered.filter((l) => present.has(l));
    const counts = (arm: string) => shownLevels.map((l) => count(arm, l));
    out.push({
      key: spec.key,
      label: spec.label,
      kind: 'categorical',
      levels: shownLevels.map((l) => ({ level: l, label: label(l), counts: perArm((arm) => count(arm, l)) })),
      summary: null,
      missing: perArm((arm) => count(arm, null)),
      smd: hasComparator ? smdCategorical(counts('program'), counts('comparator')) : null,
    });
  }
  const order = ['age_at_admit', ...CATEGORICAL.map((c) => c.key), 'use_days_admit'];
  return order.map((k) => out.find((v) => v.key === k)!);
}
