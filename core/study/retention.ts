import { kmCurves, kmFits, RMST_DAYS, rmstValue, type KmPoint } from '../measures/retention';
import type { MeasureContext } from '../measures/group';
import { logRank } from '../measures/retention';
import { curvesCross, rmstDifference, survivalDifference } from '../stats/km-difference';
import type { CurvePoint, PerArm, Retention } from './types';

const curve = (points: KmPoint[] | undefined): CurvePoint[] =>
  (points ?? [])
    .filter((p) => p.surv !== null)
    .map((p) => ({ time: p.day, surv: p.surv!, lower: p.lower, upper: p.upper, atRisk: p.at_risk }));

/** The day the study compares the curves at, and restricts the mean to. */
export const RETENTION_DAY = RMST_DAYS;

/**
 * The retention section (measures.md §2, v1.1) for cohort_eps grouped as program/comparator:
 * the not-dropped-out curve and the still-in-treatment curve of each arm, the log-rank test,
 * the restricted mean to day 90, and program − comparator differences at day 90 (plain-scale
 * Greenwood) and in RMST, with whether the curves cross before day 90.
 */
export async function retentionSection(
  ctx: MeasureContext,
  groups: string[],
  inData: boolean,
): Promise<Retention> {
  const curves = await kmCurves(ctx, groups, 180, 'retention');
  const inTreatment = await kmCurves(ctx, groups, 180, 'in_treatment');
  const fits = await kmFits(ctx, groups, 'retention');
  const test = inData ? await logRank(ctx, groups) : null;
  const perArm = <T>(f: (arm: 'program' | 'comparator') => T): PerArm<T> => ({
    program: f('program'),
    comparator: inData ? f('comparator') : null,
  });
  const one = fits.get('program');
  const zero = inData ? fits.get('comparator') : undefined;
  return {
    curves: perArm((arm) => curve(curves.get(arm))),
    inTreatment: perArm((arm) => curve(inTreatment.get(arm))),
    truncatedAt: perArm(() => null),
    logRank: test ? { chisq: test.chisq, df: test.df, p: test.p } : null,
    rmst: perArm((arm) => (fits.get(arm) ? rmstValue(fits.get(arm)!) : null)),
    difference90: one && zero ? survivalDifference(one, zero, RETENTION_DAY) : null,
    rmstDifference: one && zero ? rmstDifference(one, zero, RETENTION_DAY) : null,
    curvesCross: one && zero ? curvesCross(one, zero, RETENTION_DAY) : null,
  };
}
