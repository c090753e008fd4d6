import type { Cohort } from '../cohort/types';
import { computeRiskAdjusted, type RiskAdjustedResult } from '../measures/risk';
import { curveSizes, funnel, funnelPosition } from '../measures/risk-funnel';
import type { OutcomeSession } from '../measures/session';
import type { RiskAdjusted } from '../measures/types';
import { poissonRatioInterval } from '../stats/poisson';
import type { ResolvedArms } from './comparator';
import type { Adjusted, StudyFunnelPoint } from './types';

/** The network's figures a study needs beyond its own arms: the risk model over every program. */
export interface NetworkFigures {
  cohort: Cohort;
  risk: RiskAdjustedResult;
}

/** The cohort of every program with the study's level, window and filters. */
export const networkCohort = (c: Cohort): Cohort => ({
  level: c.level,
  ...(c.from ? { from: c.from } : {}),
  ...(c.to ? { to: c.to } : {}),
  ...(c.filters ? { filters: c.filters } : {}),
});

export async function networkFigures(session: OutcomeSession, cohort: Cohort): Promise<NetworkFigures> {
  const base = networkCohort(cohort);
  const risk = await session.withGroups(base, { kind: 'by', column: 'program_id' }, (ctx) =>
    computeRiskAdjusted(ctx),
  );
  return { cohort: base, risk };
}

/** The standardised rate with its z, plain and over-dispersion-adjusted (measures.md §10). */
function zOf(rate: number | null, n: number, p: number | null, tau2: number) {
  if (rate === null || p === null || n === 0 || p <= 0 || p >= 1)
    return { standardized_rate: rate, z: null, z_adjusted: null };
  const s2 = (p * (1 - p)) / n;
  return {
    standardized_rate: rate,
    z: (rate - p) / Math.sqrt(s2),
    z_adjusted: (rate - p) / Math.sqrt(s2 + tau2),
  };
}

const sameCohort = (a: Cohort, b: Cohort) => JSON.stringify(a) === JSON.stringify(b);

/** Several programs studied together: O and E add up; the interval is the exact Poisson one. */
function pooled(rows: RiskAdjusted[], overallRate: number | null, tau2: number): RiskAdjusted | null {
  if (!rows.length) return null;
  if (rows.length === 1) return rows[0];
  const observed = rows.reduce((s, r) => s + r.observed, 0);
  const expected = rows.reduce((s, r) => s + r.expected, 0);
  const n = rows.reduce((s, r) => s + r.n, 0);
  const oe = expected > 0 ? observed / expected : null;
  const ci = poissonRatioInterval(observed, expected);
  return {
    observed,
    expected,
    oe,
    lower: ci.lower,
    upper: ci.upper,
    ...zOf(oe !== null && overallRate !== null ? oe * overallRate : null, n, overallRate, tau2),
    n,
  };
}

/**
 * Section 5: the program's observed/expected completion from the risk model fitted on every
 * program of the cohort's level (measures.md §10), the model's diagnostics, and every program's
 * risk-standardised rate on the funnel plot, with limits widened by the over-dispersion τ²; the
 * verdict places the program against those limits.
 */
export async function adjustedSection(
  session: OutcomeSession,
  arms: ResolvedArms,
  network?: NetworkFigures,
): Promise<Adjusted> {
  const base = networkCohort(arms.program.cohort);
  const net = network && sameCohort(network.cohort, base) ? network : await networkFigures(session, base);
  const overallRate = net.risk.overall.rate;
  const studiedIds = arms.program.cohort.programs ?? [];
  const rows = studiedIds.map((id) => net.risk.programs[id]).filter((r): r is RiskAdjusted => !!r && r.n > 0);
  const tau2 = net.risk.overdispersion.tau2 ?? 0;
  const studied = pooled(rows, overallRate, tau2);
  const all = funnel(net.risk, { headroom: 1.1, sizes: (n) => curveSizes(n, 80), overdispersed: true });
  const points: StudyFunnelPoint[] = all.points.flatMap(({ program, rate, standardized_rate, n }) =>
    rate === null
      ? []
      : [
          {
            label: studiedIds.includes(program) ? (arms.programNames.get(program) ?? program) : null,
            studied: studiedIds.includes(program),
            rate: standardized_rate ?? rate,
            n,
            completed: net.risk.programs[program].observed,
          },
        ],
  );
  const limits = all.limits;
  const studiedN = rows.reduce((s, r) => s + r.n, 0);
  const studiedRate = studied?.standardized_rate ?? null;
  const { c_statistic, brier, n } = net.risk.model;
  return {
    studied,
    overallRate,
    points,
    limits,
    overdispersion: net.risk.overdispersion,
    model: { c_statistic, brier, n },
    position:
      overallRate !== null && studiedRate !== null && studiedN > 0
        ? funnelPosition(studiedRate, studiedN, overallRate, tau2)
        : null,
    ...(studied
      ? {}
      : {
          reason: 'the risk model could not be fitted for this program (no discharged episodes, or no model)',
        }),
  };
}
