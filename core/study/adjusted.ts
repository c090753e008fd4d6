import type { Cohort } from '../cohort/types';
import type { OutcomeSession } from '../measures/session';
import type { Proportion, Report, RiskAdjusted } from '../measures/types';
import { poissonRatioInterval } from '../stats/poisson';
import type { ResolvedArms } from './comparator';
import type { Adjusted, FunnelLimit, FunnelPoint } from './types';
import { zFor } from '../stats/normal';

/** The network's figures a study needs beyond its own arms: the risk model over every program. */
export interface NetworkFigures {
  cohort: Cohort;
  report: Report;
}

/** The cohort of every program with the study's level, window and filters. */
export const networkCohort = (c: Cohort): Cohort => {
  const { programs: _programs, notPrecededBy: _notPrecededBy, ...rest } = c;
  return rest;
};

export async function networkFigures(session: OutcomeSession, cohort: Cohort): Promise<NetworkFigures> {
  const base = networkCohort(cohort);
  return { cohort: base, report: await session.report(base) };
}

const sameCohort = (a: Cohort, b: Cohort) => JSON.stringify(a) === JSON.stringify(b);

/** Several programs studied together: O and E add up; the interval is the exact Poisson one. */
function pooled(rows: RiskAdjusted[], overallRate: number | null): RiskAdjusted | null {
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
    standardized_rate: oe !== null && overallRate !== null ? oe * overallRate : null,
    n,
  };
}

// TODO(study): use core/measures/risk.ts's funnel limits once it lands.
function funnelLimits(p: number, ns: number[]): FunnelLimit[] {
  const z95 = zFor(0.95);
  const z998 = zFor(0.998);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return ns.map((n) => {
    const se = Math.sqrt((p * (1 - p)) / n);
    return { n, lower95: clamp(p - z95 * se), upper95: clamp(p + z95 * se), lower998: clamp(p - z998 * se), upper998: clamp(p + z998 * se) };
  });
}

function position(rate: number, n: number, p: number): string {
  const [limit] = funnelLimits(p, [n]);
  if (rate > limit.upper998) return 'above the 99.8% limit';
  if (rate > limit.upper95) return 'above the 95% limit';
  if (rate < limit.lower998) return 'below the 99.8% limit';
  if (rate < limit.lower95) return 'below the 95% limit';
  return 'within the 95% limits';
}

/**
 * Section 5: the program's observed/expected completion from the risk model fitted on every
 * program of the cohort's level (measures.md §10), and every program on the funnel plot.
 */
export async function adjustedSection(
  session: OutcomeSession,
  arms: ResolvedArms,
  network?: NetworkFigures,
): Promise<Adjusted> {
  const base = networkCohort(arms.program.cohort);
  const net = network && sameCohort(network.cohort, base) ? network : await networkFigures(session, base);
  const report = net.report;
  const overall = report.measures.completion_rate as Proportion | undefined;
  const overallRate = overall?.value ?? null;
  const studiedIds = arms.program.cohort.programs ?? [];
  const rows = studiedIds.map((id) => report.risk_adjusted[id]).filter((r): r is RiskAdjusted => !!r);
  const studied = pooled(rows, overallRate);
  const points: FunnelPoint[] = Object.entries(report.programs)
    .map(([id, p]) => ({ id, rate: p.measures.completion_rate as Proportion | undefined }))
    .filter((x) => x.rate && x.rate.denominator > 0 && x.rate.value !== null)
    .map((x) => ({
      label: studiedIds.includes(x.id) ? (arms.programNames.get(x.id) ?? x.id) : null,
      studied: studiedIds.includes(x.id),
      rate: x.rate!.value!,
      n: x.rate!.denominator,
      completed: x.rate!.numerator,
    }));
  const maxN = Math.max(1, ...points.map((p) => p.n));
  const grid = Array.from({ length: 60 }, (_, i) => Math.max(1, Math.round(Math.exp((Math.log(maxN * 1.1) * (i + 1)) / 60))));
  const limits: FunnelLimit[] = overallRate === null ? [] : funnelLimits(overallRate, [...new Set(grid)]);
  const studiedPoint = points.filter((p) => p.studied);
  const studiedN = studiedPoint.reduce((s, p) => s + p.n, 0);
  const studiedRate = studiedN ? studiedPoint.reduce((s, p) => s + p.completed, 0) / studiedN : null;
  return {
    studied,
    overallRate,
    points,
    limits,
    position: overallRate !== null && studiedRate !== null ? position(studiedRate, studiedN, overallRate) : null,
    ...(studied ? {} : { reason: 'the risk model could not be fitted for this program (no discharged episodes, or no model)' }),
  };
}
