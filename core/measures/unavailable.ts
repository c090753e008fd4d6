import type { MeasureContext, MeasureGroup, RowsByGroup } from './group';
import type { MeasureSet } from './types';
import type { Unavailable } from './types';
import { missingTable, unavailable } from './values';

export const UNLINKED: Unavailable = {
  value: null,
  reason: 'not available: episodes not linked by client',
};

/** Whether the group computes its measures for this export (else each is unavailable). */
export const computes = (group: MeasureGroup, ctx: MeasureContext): boolean =>
  missingTable(ctx, group.needs) === undefined && !(group.needsClientLinkage && ctx.clientLinkage === false);

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
  rows?: RowsByGroup,
): Promise<Map<string, MeasureSet>> {
  if (computes(group, ctx)) return group.compute(ctx, groups, only, rows);
  const missing = missingTable(ctx, group.needs);
  const value = missing !== undefined ? unavailable(missing) : UNLINKED;
  const set = (): MeasureSet => Object.fromEntries(group.measures.map((m) => [m, value]));
  return new Map(groups.map((g) => [g, set()]));
}
