import type { MeasureContext, MeasureGroup } from './group';
import type { MeasureSet } from './types';
import type { Unavailable } from './types';
import { missingTable, unavailable } from './values';

export const UNLINKED: Unavailable = {
  value: null,
  reason: 'not available: episodes not linked by client',
};

/**
 * Computes a measure group for every group label, or, when a table it needs is missing, reports
 * each of its measures as {value: null, reason: 'not available: needs <table>'}; likewise when it
 * follows clients across episodes and the export cannot link them.
 */
export async function computeOrUnavailable(
  group: MeasureGroup,
  ctx: MeasureContext,
  groups: readonly string[],
  only?: readonly string[],
): Promise<Map<string, MeasureSet>> {
  const missing = missingTable(ctx, group.needs);
  const unlinked = group.needsClientLinkage && ctx.clientLinkage === false;
  if (missing === undefined && !unlinked) return group.compute(ctx, groups, only);
  const value = missing !== undefined ? unavailable(missing) : UNLINKED;
  const set = (): MeasureSet => Object.fromEntries(group.measures.map((m) => [m, value]));
  return new Map(groups.map((g) => [g, set()]));
}
