import { curvesCross, rmstDifference, survivalDifference, type Difference } from '../stats/km-difference';
import type { MeasureContext } from './group';
import { kmFits, RMST_DAYS } from './retention';

/** A group's retention against the first group: S(90) and RMST(90) differences (measures.md §2, v1.1). */
export interface RetentionDifference {
  grp: string;
  reference: string;
  /** S_grp(90) − S_reference(90), not-dropped-out curve. */
  difference90: Difference | null;
  rmstDifference: Difference | null;
  /** The curves cross before day 90: no single difference tells it all. */
  curvesCross: boolean;
}

/** Every group after the first against the first (the study's arm difference, for any comparison). */
export async function retentionDifferences(
  ctx: MeasureContext,
  groups: readonly string[],
): Promise<RetentionDifference[]> {
  if (groups.length < 2) return [];
  const fits = await kmFits(ctx, groups, 'retention');
  const zero = fits.get(groups[0])!;
  return groups.slice(1).map((g) => {
    const one = fits.get(g)!;
    return {
      grp: g,
      reference: groups[0],
      difference90: survivalDifference(one, zero, RMST_DAYS),
      rmstDifference: rmstDifference(one, zero, RMST_DAYS),
      curvesCross: curvesCross(one, zero, RMST_DAYS),
    };
  });
}
